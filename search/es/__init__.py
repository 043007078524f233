"""The directory's Elasticsearch engine (8.x), built with elasticsearch-dsl.

`index` says what is stored and how text is analysed, `query` turns a `DirectoryQuery` into
the request body and the response back into `DirectoryResults`, and `engine` talks to the
cluster. Only `engine` needs a server, so the other two are tested as plain data.
"""
