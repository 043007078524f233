from tests.directory.conftest import postcodes  # noqa: F401  (the ONS extract, loaded)
