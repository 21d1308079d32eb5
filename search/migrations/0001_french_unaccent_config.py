"""The PostgreSQL text-search configuration used by the search backend.

`occe_french` is PostgreSQL's French configuration with accents removed
before stemming, so that "ecole", "École" and "écoles" share one lexeme.
It is created only on PostgreSQL; SQLite's FTS5 tokenizer already folds
case and diacritics.
"""

from django.db import migrations

from search.engines.postgres import CONFIG

CREATE = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
        CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.french);
        ALTER TEXT SEARCH CONFIGURATION {CONFIG}
            ALTER MAPPING FOR hword, hword_part, word
            WITH unaccent, french_stem;
    END IF;
END
$$;
"""  # nosec B608: CONFIG is the module's constant, no input

DROP = f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG};"


def create_config(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_config(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [migrations.RunPython(create_config, drop_config, elidable=False)]
