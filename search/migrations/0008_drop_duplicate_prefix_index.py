"""The lexicon's prefix index of 0004 (`folded varchar_pattern_ops`) is the one Django already
makes for its character primary key (`search_lexiconword_folded_…_like`): one is enough, and
every word the index adds writes to each."""

from django.db import migrations

from search.lexicon import WORD_TABLE
from search.migrations._statements import per_database

PREFIX_INDEX = f"{WORD_TABLE}_prefix"


class Migration(migrations.Migration):
    dependencies = [("search", "0007_same_title_and_largest_count")]

    operations = [
        per_database(
            {"postgresql": [f"DROP INDEX IF EXISTS {PREFIX_INDEX}"]},
            {"postgresql": [f"CREATE INDEX IF NOT EXISTS {PREFIX_INDEX} ON {WORD_TABLE} (folded varchar_pattern_ops)"]},
        ),
    ]
