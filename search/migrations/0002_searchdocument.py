"""The public search's document table and, per database, its text-search data.

PostgreSQL (search/engines/postgres.py): the vector columns, each with a GIN index
and detailed statistics (without them the planner misjudges rare words and walks
the date index); the full vector of `search_fulltext` kept out of line by TOAST,
so that counting a word found in nearly every page reads only small rows. No
(type, date) b-tree: the planner would prefer it to the GIN index for a
type-filtered query. Migration 0003 declares the columns and GIN indexes in the
models' state; the statistics and storage settings exist only here.

SQLite (search/engines/sqlite.py): an FTS5 table keyed by page id, holding analysed
text, emptied by a trigger when a document row is deleted.
"""

import django.db.models.deletion
from django.db import migrations, models

from search.engines import sqlite
from search.engines.postgres import DOCUMENT_TABLE, MATCH_TABLE, TUNING
from search.migrations._statements import per_database

POSTGRES_FORWARD = [
    f"ALTER TABLE {DOCUMENT_TABLE} ADD COLUMN title_vector tsvector NOT NULL DEFAULT ''",
    f"CREATE INDEX search_doc_title_gin ON {DOCUMENT_TABLE} USING gin (title_vector)",
    f"ALTER TABLE {DOCUMENT_TABLE} ADD COLUMN rank_vector tsvector NOT NULL DEFAULT ''",
    f"CREATE INDEX search_doc_rank_gin ON {DOCUMENT_TABLE} USING gin (rank_vector)",
    f"ALTER TABLE {MATCH_TABLE} ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''",
    f"CREATE INDEX search_fulltext_gin ON {MATCH_TABLE} USING gin (search_vector)",
    *(statement.format(documents=DOCUMENT_TABLE, matches=MATCH_TABLE) for statement in TUNING),
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_fulltext_gin",
    f"ALTER TABLE {MATCH_TABLE} DROP COLUMN IF EXISTS search_vector",
    "DROP INDEX IF EXISTS search_doc_rank_gin",
    f"ALTER TABLE {DOCUMENT_TABLE} DROP COLUMN IF EXISTS rank_vector",
    "DROP INDEX IF EXISTS search_doc_title_gin",
    f"ALTER TABLE {DOCUMENT_TABLE} DROP COLUMN IF EXISTS title_vector",
]
SQLITE_FORWARD = [sqlite.CREATE_FTS.format(fts=sqlite.FTS_TABLE), sqlite.CREATE_DELETE_TRIGGER]
SQLITE_BACKWARD = [sqlite.DROP_DELETE_TRIGGER, sqlite.DROP_FTS]


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("search", "0001_french_unaccent_config"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="wagtailcore.page",
                    ),
                ),
                ("path", models.CharField(max_length=255)),
                ("title", models.CharField(max_length=255)),
                ("summary", models.TextField(blank=True)),
                ("date", models.DateField()),
                (
                    "content_type",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "verbose_name": "document de recherche",
                "verbose_name_plural": "documents de recherche",
                "indexes": [models.Index(fields=["-date", "-page"], name="search_doc_date_idx")],
            },
        ),
        migrations.CreateModel(
            name="SearchMatch",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        db_column="page_id",
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="search.searchdocument",
                    ),
                ),
                ("content_type_id", models.IntegerField()),
                ("path", models.CharField(max_length=255)),
                ("date", models.DateField()),
            ],
            options={
                "db_table": "search_fulltext",
                "indexes": [models.Index(fields=["-date", "-document"], name="search_fulltext_date")],
            },
        ),
        per_database(
            {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD},
            {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD},
        ),
    ]
