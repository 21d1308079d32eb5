from django.contrib.contenttypes.models import ContentType
from django.db import models


class SearchDocument(models.Model):
    """One live, public page as the public search sees it.

    A row exists only for a page that a visitor may find: live, of a content
    type, under a site's root and under no view restriction. The search view
    therefore never joins the page tree to filter, and the counts per type
    come from this one table.

    Text-search data live beside the row, per database (search/migrations/0002):
    on PostgreSQL the `search_vector` (title A, summary B, body D) with a GIN
    index and the small `rank_vector` (title and summary) used for ranking;
    on SQLite the FTS5 table `search_fts`, whose rowid is the page id.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # No index on the type: the planner would prefer it to the text index (see the migration).
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+", db_index=False)
    path = models.CharField(max_length=255)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    date = models.DateField()

    class Meta:
        verbose_name = "document de recherche"
        verbose_name_plural = "documents de recherche"
        indexes = [models.Index(fields=["-date", "-page"], name="search_doc_date_idx")]

    def __str__(self):
        return self.title
