"""The content page types in the order of the search facets: the one list of them.

Everything else follows from it and from what each class says of itself: the facet of a slug,
the section indexes (in the same order), where a page of each type goes.
"""

from content.models.pages import (
    ArticlePage,
    DepartmentalAssociationPage,
    EventPage,
    NewsPage,
    ProjectPage,
    ResourcePage,
    ReviewPage,
    StandardPage,
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

# The section indexes, in the same order (a standard page has none: it lives anywhere).
SECTION_INDEX_TYPES = tuple(model.index_model for model in CONTENT_PAGE_TYPES if model.index_model)


def section_index(home, page_model):
    """Where pages of `page_model` live under `home`: its section index (created and
    published if missing), or the home page itself for standard pages."""
    index_model = page_model.index_model
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
