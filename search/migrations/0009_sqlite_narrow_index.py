"""SQLite: a covering index of the documents' narrow columns, through which the search joins
its FTS5 matches to their type, path and date without reading their text
(search/engines/sqlite.py, `MATCHES`). PostgreSQL has its narrow table (SearchMatch)."""

from django.db import migrations

from search.engines.sqlite import CREATE_NARROW_INDEX, NARROW_INDEX
from search.migrations._statements import per_database


class Migration(migrations.Migration):
    dependencies = [("search", "0008_drop_duplicate_prefix_index")]

    operations = [
        per_database({"sqlite": [CREATE_NARROW_INDEX]}, {"sqlite": [f"DROP INDEX IF EXISTS {NARROW_INDEX}"]}),
    ]
