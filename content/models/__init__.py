"""The models of the content app, imported from here by the rest of the site."""

from .accessibility import AccessibilityStatementPage
from .base import BasePage, SectionIndexPage
from .home import HomeFeaturedPage, HomePage
from .navigation import Footer, MainMenu, SeoSettings
from .pages import (
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
    ResourceDocument,
    ResourceIndexPage,
    ResourcePage,
    ReviewIndexPage,
    ReviewPage,
    StandardPage,
    WebinarIndexPage,
    WebinarPage,
)
from .registry import CONTENT_PAGE_TYPES, PAGE_TYPE_BY_SLUG, SECTION_INDEX_TYPES, section_index
from .snippets import Partner
from .taxonomy import Cycle, Theme
