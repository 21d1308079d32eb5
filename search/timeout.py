"""Every search statement under a time limit: settings.SEARCH_STATEMENT_TIMEOUT, in seconds
(2 by default). Past it the search stops and `SearchTimeout` is raised: the results page then
asks the visitor to simplify the query (search/results.py), never an error page.

PostgreSQL: `SET LOCAL statement_timeout` in the search's own transaction. SQLite: a progress
handler that interrupts the statement running once the deadline has passed.
"""

import time
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction

DEFAULT_SECONDS = 2.0


class SearchTimeout(Exception):
    """A search statement ran past settings.SEARCH_STATEMENT_TIMEOUT."""


def limit_seconds() -> float:
    return float(getattr(settings, "SEARCH_STATEMENT_TIMEOUT", DEFAULT_SECONDS))


@contextmanager
def time_limit():
    seconds = limit_seconds()
    if connection.vendor == "postgresql":
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL statement_timeout = %s", [max(1, int(seconds * 1000))])
                yield
        except OperationalError as error:
            if getattr(error.__cause__, "sqlstate", None) == "57014":  # query_canceled
                raise SearchTimeout from error
            raise
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        raw = connection.connection
        deadline = time.monotonic() + seconds
        raw.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
        try:
            yield
        except OperationalError as error:
            if "interrupted" in str(error):
                raise SearchTimeout from error
            raise
        finally:
            raw.set_progress_handler(None, 0)
    else:
        yield
