"""The public search's engines: one module each, owning its reader, its writer and its SQL,
including what the lexicon (search/lexicon.py) needs of its database.

- search/engines/postgres.py: PostgreSQL with Wagtail's database backend;
- search/engines/sqlite.py: SQLite (FTS5) with Wagtail's database backend;
- search/engines/wagtail.py: any other Wagtail backend (Elasticsearch, OpenSearch), so that
  a site that outgrows one database changes only settings.
`engine()` chooses one from the settings and the database; the search view, the corrections
and the suggestions as you type read with it, and the signal handlers and
`rebuild_search_documents` write with the same one.
"""

from django.conf import settings
from django.db import connection

from search.engines.base import Engine, SearchOutcome
from search.engines.postgres import PostgresEngine
from search.engines.sqlite import SQLiteEngine
from search.engines.wagtail import WagtailEngine

__all__ = [
    "Engine",
    "PostgresEngine",
    "SQLiteEngine",
    "SearchOutcome",
    "WagtailEngine",
    "engine",
]

DOCUMENT_ENGINES = {"postgresql": PostgresEngine, "sqlite": SQLiteEngine}


def engine() -> Engine:
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"]
    document_engine = DOCUMENT_ENGINES.get(connection.vendor)
    if backend.endswith("backends.database") and document_engine:
        return document_engine()
    return WagtailEngine()
