from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    """One live, public page as the public search sees it.

    A row exists only for a page that a visitor may find: live, of a content
    type, under a site's root and under no view restriction. The search view
    therefore never joins the page tree to filter, and the counts per type
    come from this one table.

    Text-search data live beside the row, per engine (search/engines/):
    on PostgreSQL the small `title_vector` and `rank_vector` (title and summary)
    used for ranking, and a `SearchMatch` row with the full vector; on SQLite the
    FTS5 table `search_fts`, whose rowid is the page id (the vector columns stay
    empty there). What Django cannot declare (statistics targets, storage) is in
    search/migrations/0002.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # No index on the type: the planner would prefer it to the text index (see the migration).
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+", db_index=False)
    path = models.CharField(max_length=255)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    # The body's text, read only for the page of results shown: its excerpt (search/engines/).
    body = models.TextField(blank=True, default="")
    date = models.DateField()
    title_vector = SearchVectorField(db_default="", editable=False)
    rank_vector = SearchVectorField(db_default="", editable=False)

    class Meta:
        verbose_name = "document de recherche"
        verbose_name_plural = "documents de recherche"
        indexes = [
            models.Index(fields=["-date", "-page"], name="search_doc_date_idx"),
            GinIndex(fields=["title_vector"], name="search_doc_title_gin"),
            GinIndex(fields=["rank_vector"], name="search_doc_rank_gin"),
        ]

    def __str__(self):
        return self.title


class SearchMatch(models.Model):
    """PostgreSQL only (the table stays empty on SQLite): what finds and counts matches.

    A narrow row, with its full `search_vector` (title A, summary B, body D) stored
    out of line (search/migrations/0002): counting a word found in nearly every page
    then reads a few thousand small rows, not the documents' text.
    """

    document = models.OneToOneField(
        SearchDocument, primary_key=True, on_delete=models.CASCADE, db_column="page_id", related_name="+"
    )
    content_type_id = models.IntegerField()
    path = models.CharField(max_length=255)
    date = models.DateField()
    search_vector = SearchVectorField(db_default="", editable=False)
    # The pairs of neighbouring words ('conseil cooper'): phrases found from the indexes alone.
    pair_vector = SearchVectorField(db_default="", editable=False)

    class Meta:
        db_table = "search_fulltext"
        indexes = [
            models.Index(fields=["-date", "-document"], name="search_fulltext_date"),
            GinIndex(fields=["search_vector"], name="search_fulltext_gin"),
            GinIndex(fields=["pair_vector"], name="search_fulltext_pairs_gin"),
        ]

    def __str__(self):
        return str(self.document_id)


# The lexicon's tables (search/lexicon.py), registered with the app's models.
from search.lexicon import LexiconStem, LexiconTrigram, LexiconWord  # noqa: E402, F401
