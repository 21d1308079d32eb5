"""The public search's document table and, per database, its text-search data.

PostgreSQL: two tsvector columns filled by the index (search/index.py), a GIN
index on the full vector with detailed statistics (without them the planner
misjudges rare words and walks the date index), and no (type, date) b-tree,
which the planner would prefer to the GIN index for a type-filtered query.

SQLite: an FTS5 table keyed by page id, holding analysed text (search/french.py),
emptied by a trigger when a document row is deleted (a page deletion cascades).
"""

import django.db.models.deletion
from django.db import migrations, models

POSTGRES_FORWARD = [
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''",
    "ALTER TABLE search_searchdocument ADD COLUMN rank_vector tsvector NOT NULL DEFAULT ''",
    "CREATE INDEX search_doc_vector_gin ON search_searchdocument USING gin (search_vector)",
    "ALTER TABLE search_searchdocument ALTER COLUMN search_vector SET STATISTICS 1000",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS rank_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
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
        migrations.RunPython(forward, backward),
    ]
