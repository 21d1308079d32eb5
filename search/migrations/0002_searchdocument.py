"""The public search's document table and, per database, its text-search data.

PostgreSQL, two tables, each shaped for one task (search/query.py):
- `search_fulltext` finds and counts the matches: a narrow row (type, path, date)
  and the full vector (title A, summary B, body D), which is large and so kept out
  of line by TOAST; counting a word found in nearly every page then reads only a
  thousand small pages. A GIN index with detailed statistics (without them the
  planner misjudges rare words and walks the date index), and a (date, id) b-tree
  for date order. No (type, date) b-tree: the planner would prefer it to the GIN
  index for a type-filtered query.
- `search_searchdocument` (the Django model) orders and shows: a `title_vector` and a
  `rank_vector` (title and summary), small and inline, each with its GIN index, which
  sort the matches into title, summary and body matches (search/query.py).

SQLite: an FTS5 table keyed by page id, holding analysed text (search/french.py),
emptied by a trigger when a document row is deleted (a page deletion cascades).
"""

import django.db.models.deletion
from django.db import migrations, models

POSTGRES_FORWARD = [
    "ALTER TABLE search_searchdocument ADD COLUMN title_vector tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX search_doc_title_gin ON search_searchdocument USING gin (title_vector)",
    "ALTER TABLE search_searchdocument ALTER COLUMN title_vector SET STATISTICS 1000",
    "ALTER TABLE search_searchdocument ADD COLUMN rank_vector tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX search_doc_rank_gin ON search_searchdocument USING gin (rank_vector)",
    "ALTER TABLE search_searchdocument ALTER COLUMN rank_vector SET STATISTICS 1000",
    "ALTER TABLE search_fulltext ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''",
    "ALTER TABLE search_fulltext ALTER COLUMN search_vector SET STORAGE EXTERNAL",
    "ALTER TABLE search_fulltext SET (toast_tuple_target = 128)",
    "CREATE INDEX search_fulltext_gin ON search_fulltext USING gin (search_vector)",
    "ALTER TABLE search_fulltext ALTER COLUMN search_vector SET STATISTICS 1000",
    "ALTER TABLE search_fulltext ALTER COLUMN path SET STORAGE PLAIN",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_fulltext_gin",
    "ALTER TABLE search_fulltext DROP COLUMN IF EXISTS search_vector",
    "DROP INDEX IF EXISTS search_doc_rank_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS rank_vector",
    "DROP INDEX IF EXISTS search_doc_title_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title, summary, body, facets, tokenize = 'unicode61 remove_diacritics 2')",
    # title, summary, body, facets: bm25 weights in search/query.py
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchdocument "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.page_id; END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TABLE IF EXISTS search_fts",
]


def forward(apps, schema_editor):
    statements = {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    statements = {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


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
        migrations.RunPython(forward, backward),
    ]
