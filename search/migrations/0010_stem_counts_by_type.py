"""The lexicon's counts per type (search/lexicon.py), filled from the index as it stands: the
search counts one-word queries, one negated word and browsing from them."""

from django.db import migrations, models


def count_from_the_index(apps, schema_editor):
    from search.engines import engine

    search_engine = engine()
    if search_engine.has_lexicon:
        search_engine.lexicon.recount()


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0009_sqlite_narrow_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='StemCountByType',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stem', models.CharField(max_length=64)),
                ('content_type_id', models.IntegerField()),
                ('doc_count', models.IntegerField(default=0)),
            ],
            options={
                'verbose_name': 'racine indexée par type',
                'verbose_name_plural': 'racines indexées par type',
                'constraints': [models.UniqueConstraint(fields=('stem', 'content_type_id'), name='search_stemcount_stem_type')],
            },
        ),
        migrations.RunPython(count_from_the_index, migrations.RunPython.noop, elidable=True),
    ]
