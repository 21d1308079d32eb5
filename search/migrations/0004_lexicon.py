"""The lexicon of indexed words (search/lexicon.py).

PostgreSQL: pg_trgm, a trigram GIN index on the folded words (corrections) and a pattern
b-tree on them (prefixes, for suggestions as you type: dropped by 0008, Django's own `_like`
index of the primary key is the same). SQLite: the trigram table, created here
on both databases, is filled only there.
"""

import django.db.models.deletion
from django.db import migrations, models

from search.lexicon import WORD_TABLE
from search.migrations._statements import PostgresTrigramExtension

TRIGRAM_INDEX, PREFIX_INDEX = f"{WORD_TABLE}_trgm", f"{WORD_TABLE}_prefix"
POSTGRES_FORWARD = [
    f"CREATE INDEX {TRIGRAM_INDEX} ON {WORD_TABLE} USING gin (folded gin_trgm_ops)",
    f"CREATE INDEX {PREFIX_INDEX} ON {WORD_TABLE} (folded varchar_pattern_ops)",
]
POSTGRES_BACKWARD = [
    f"DROP INDEX IF EXISTS {PREFIX_INDEX}",
    f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0003_declared_search_vectors'),
    ]

    operations = [
        PostgresTrigramExtension(),
        migrations.CreateModel(
            name='LexiconStem',
            fields=[
                ('stem', models.CharField(max_length=64, primary_key=True, serialize=False)),
                ('doc_count', models.IntegerField(default=0)),
            ],
            options={
                'verbose_name': 'racine indexée',
                'verbose_name_plural': 'racines indexées',
            },
        ),
        migrations.CreateModel(
            name='LexiconWord',
            fields=[
                ('folded', models.CharField(max_length=64, primary_key=True, serialize=False)),
                ('word', models.CharField(max_length=64)),
                ('stem', models.CharField(db_index=True, max_length=64)),
                ('length', models.SmallIntegerField()),
            ],
            options={
                'verbose_name': 'mot indexé',
                'verbose_name_plural': 'mots indexés',
            },
        ),
        migrations.CreateModel(
            name='LexiconTrigram',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('trigram', models.CharField(max_length=3)),
                ('length', models.SmallIntegerField()),
                ('word', models.ForeignKey(db_column='folded', on_delete=django.db.models.deletion.CASCADE, related_name='+', to='search.lexiconword')),
            ],
            options={
                'indexes': [models.Index(fields=['trigram', 'length'], name='search_lexicon_trigram_idx')],
            },
        ),
        migrations.RunPython(forward, backward),
    ]
