"""The text-search columns and GIN indexes, declared in the models' state.

On PostgreSQL they exist since 0002 (with settings Django cannot declare), so this
migration changes no schema there. On SQLite the columns are added, empty (its engine
searches the FTS5 table), so that the models read the same columns everywhere; the
GIN indexes stay PostgreSQL's.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

from search.engines.postgres import DOCUMENT_TABLE, MATCH_TABLE

SQLITE_COLUMNS = [(DOCUMENT_TABLE, "title_vector"), (DOCUMENT_TABLE, "rank_vector"), (MATCH_TABLE, "search_vector")]


def add_sqlite_columns(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for table, column in SQLITE_COLUMNS:
            # Not the ORM's AddField: SQLite would rebuild the table and lose the FTS trigger.
            schema_editor.execute(f"ALTER TABLE {table} ADD COLUMN {column} tsvector NOT NULL DEFAULT ''")


def drop_sqlite_columns(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for table, column in SQLITE_COLUMNS:
            schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN {column}")


def vector():
    return django.contrib.postgres.search.SearchVectorField(db_default="", editable=False)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_searchdocument")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(add_sqlite_columns, drop_sqlite_columns)],
            state_operations=[
                migrations.AddField(model_name="searchdocument", name="title_vector", field=vector()),
                migrations.AddField(model_name="searchdocument", name="rank_vector", field=vector()),
                migrations.AddField(model_name="searchmatch", name="search_vector", field=vector()),
                migrations.AddIndex(
                    model_name="searchdocument",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["title_vector"], name="search_doc_title_gin"
                    ),
                ),
                migrations.AddIndex(
                    model_name="searchdocument",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["rank_vector"], name="search_doc_rank_gin"
                    ),
                ),
                migrations.AddIndex(
                    model_name="searchmatch",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["search_vector"], name="search_fulltext_gin"
                    ),
                ),
            ],
        )
    ]
