"""Two indexes for the search's fixed costs on a large site.

- The pages whose title is the query come first (search/engines/postgres.py, `SAME_TITLE`):
  on PostgreSQL, an index on the title's stems finds them at once, where a word found in
  thousands of titles had each of them compared with the query (18 ms at 100,000 pages).
- The corrections read the largest stem count (search/corrections.py): an index on the counts.
"""

from django.db import migrations, models

from search.engines.postgres import SAME_TITLE_INDEX
from search.migrations._statements import per_database


class Migration(migrations.Migration):
    dependencies = [("search", "0006_word_pairs")]

    operations = [
        migrations.AddIndex(
            model_name="lexiconstem",
            index=models.Index(fields=["-doc_count"], name="search_lexiconstem_count"),
        ),
        per_database(
            {"postgresql": [SAME_TITLE_INDEX]},
            {"postgresql": ["DROP INDEX IF EXISTS search_doc_same_title"]},
        ),
    ]
