"""The content page types in the order of the search facets, and queries across them."""

from django.db.models import Q, prefetch_related_objects
from wagtail.models import Page

from content.models.base import listing_image_prefetch
from content.models.pages import (
    ArticleIndexPage,
    ArticlePage,
    AssociationIndexPage,
    DepartmentalAssociationPage,
    EventIndexPage,
    EventPage,
    NewsIndexPage,
    NewsPage,
    ProjectIndexPage,
    ProjectPage,
    ResourceIndexPage,
    ResourcePage,
    ReviewIndexPage,
    ReviewPage,
    StandardPage,
    WebinarIndexPage,
    WebinarPage,
)

# The facet order of the current site: Ressources, Projets, Revues, Webinaires,
# Articles, Actualités, Événements, Pages, Ass. départementales.
CONTENT_PAGE_TYPES = (
    ResourcePage,
    ProjectPage,
    ReviewPage,
    WebinarPage,
    ArticlePage,
    NewsPage,
    EventPage,
    StandardPage,
    DepartmentalAssociationPage,
)

PAGE_TYPE_BY_SLUG = {model.facet_slug: model for model in CONTENT_PAGE_TYPES}

# The section indexes, in the same order.
SECTION_INDEX_TYPES = (
    ResourceIndexPage,
    ProjectIndexPage,
    ReviewIndexPage,
    WebinarIndexPage,
    ArticleIndexPage,
    NewsIndexPage,
    EventIndexPage,
    AssociationIndexPage,
)


INDEX_FOR_TYPE = {index.child_model: index for index in SECTION_INDEX_TYPES}


def section_index(home, page_model):
    """Where pages of `page_model` live under `home`: its section index (created and
    published if missing), or the home page itself for standard pages."""
    index_model = INDEX_FOR_TYPE.get(page_model)
    if index_model is None:
        return home
    existing = index_model.objects.child_of(home).first()
    if existing is not None:
        return existing
    index = index_model(title=index_model.default_title, slug=index_model.default_slug)
    home.add_child(instance=index)
    index.save_revision().publish()
    home.refresh_from_db()
    return index


def related_pages_for(page, themes, limit=3):
    """Up to `limit` live public pages sharing one of `themes` with `page`, newest first, in
    one query (plus one per distinct type among the few found, to load them as specific
    pages, and one for their images)."""
    theme_ids = [theme.pk for theme in themes]
    if not theme_ids:
        return []
    sharing = Q()
    for model in CONTENT_PAGE_TYPES:
        through = model.themes.through
        sharing |= Q(
            pk__in=through.objects.filter(theme_id__in=theme_ids).values(f"{model._meta.model_name}_id")
        )
    related = list(
        Page.objects.live()
        .public()
        .filter(sharing)
        .exclude(pk=page.pk)
        .order_by("-first_published_at", "-pk")
        .specific()[:limit]
    )
    prefetch_related_objects(related, listing_image_prefetch())
    return related
