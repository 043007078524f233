"""Logging filters that keep personal data out of the logs.

WHY: an access log line such as `GET /directory/?q=food+bank&postcode=NG5+1AB` records what
a resident searched for and roughly where they live, kept as long as the logs are. Query
strings carry search terms, postcodes and resume codes, so request lines are logged without
them; the path and status are enough to run the site.
"""

import logging
import re

QUERY_STRING = re.compile(r"\?[^\s\"]*")


def without_query_string(text: str) -> str:
    """`GET /search/?q=knife HTTP/1.1` -> `GET /search/ HTTP/1.1`."""
    return QUERY_STRING.sub("", text)


class DropQueryStrings(logging.Filter):
    """For the access logs (django.server, gunicorn.access): strip every query string."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = without_query_string(str(record.msg))
        if isinstance(record.args, tuple):
            record.args = tuple(
                without_query_string(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        elif isinstance(record.args, dict):
            record.args = {
                key: without_query_string(value) if isinstance(value, str) else value
                for key, value in record.args.items()
            }
        return True
