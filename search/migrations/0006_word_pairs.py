"""Phrases without reading whole vectors: each page's pairs of neighbouring words.

PostgreSQL (search/engines/postgres.py): `search_fulltext.pair_vector` holds, for each
page, every pair of words that follow each other in its text (stop words aside), such as
'conseil cooper' for « conseil de la coopérative », with a GIN index. A phrase is then
found from the indexes alone: its words and its pairs, no page's full vector read to check
the words' positions (92,000 vectors for « conseil de coopérative » at 100,000 pages). The
function that makes the pairs is `WORD_PAIRS`; existing rows are filled here.

SQLite searches its FTS5 table: the column is only added, empty, for the models' state.
"""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations

from search.engines.postgres import DOCUMENT_TABLE, MATCH_TABLE, PAIR_TUNING, PAIRS_FUNCTION, WORD_PAIRS
from search.migrations._statements import per_database

POSTGRES_FORWARD = [
    WORD_PAIRS,
    f"ALTER TABLE {MATCH_TABLE} ADD COLUMN pair_vector tsvector NOT NULL DEFAULT ''",
    f"UPDATE {MATCH_TABLE} SET pair_vector = {PAIRS_FUNCTION}(search_vector)",  # noqa: S608  # nosec B608
    # The index before the storage setting, as 0002 did (a rebuild's copies come out the same).
    f"CREATE INDEX search_fulltext_pairs_gin ON {MATCH_TABLE} USING gin (pair_vector)",
    *(statement.format(documents=DOCUMENT_TABLE, matches=MATCH_TABLE) for statement in PAIR_TUNING),
    f"ANALYZE {MATCH_TABLE}",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_fulltext_pairs_gin",
    f"ALTER TABLE {MATCH_TABLE} DROP COLUMN IF EXISTS pair_vector",
    f"DROP FUNCTION IF EXISTS {PAIRS_FUNCTION}(tsvector)",
]
SQLITE_FORWARD = [f"ALTER TABLE {MATCH_TABLE} ADD COLUMN pair_vector tsvector NOT NULL DEFAULT ''"]
SQLITE_BACKWARD = [f"ALTER TABLE {MATCH_TABLE} DROP COLUMN pair_vector"]


class Migration(migrations.Migration):
    dependencies = [("search", "0005_searchdocument_body")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                per_database(
                    {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD},
                    {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD},
                )
            ],
            state_operations=[
                migrations.AddField(
                    model_name="searchmatch",
                    name="pair_vector",
                    field=django.contrib.postgres.search.SearchVectorField(db_default="", editable=False),
                ),
                migrations.AddIndex(
                    model_name="searchmatch",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fields=["pair_vector"], name="search_fulltext_pairs_gin"
                    ),
                ),
            ],
        )
    ]
