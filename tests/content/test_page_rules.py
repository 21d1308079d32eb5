"""Where each page type may live in the tree."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from content.models import (
    ArticleIndexPage,
    ArticlePage,
    AssociationIndexPage,
    DepartmentalAssociationPage,
    EventIndexPage,
    EventPage,
    HomePage,
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

SECTIONS = [
    (ArticleIndexPage, ArticlePage),
    (NewsIndexPage, NewsPage),
    (ResourceIndexPage, ResourcePage),
    (ProjectIndexPage, ProjectPage),
    (ReviewIndexPage, ReviewPage),
    (WebinarIndexPage, WebinarPage),
    (EventIndexPage, EventPage),
    (AssociationIndexPage, DepartmentalAssociationPage),
]


class PageTreeRulesTests(WagtailPageTestCase):
    def test_each_type_can_only_be_created_under_its_index(self):
        for index_model, page_model in SECTIONS:
            with self.subTest(page_model=page_model.__name__):
                self.assertAllowedParentPageTypes(page_model, {index_model})
                self.assertAllowedSubpageTypes(index_model, {page_model})
                self.assertCanCreateAt(HomePage, index_model)
                self.assertCanNotCreateAt(HomePage, page_model)

    def test_a_news_item_cannot_go_under_the_associations_index(self):
        self.assertCanNotCreateAt(AssociationIndexPage, NewsPage)
        self.assertCanNotCreateAt(NewsIndexPage, DepartmentalAssociationPage)

    def test_standard_pages_nest_under_the_home_page_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_the_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_content_pages_are_leaves(self):
        for _, page_model in SECTIONS:
            with self.subTest(page_model=page_model.__name__):
                self.assertAllowedSubpageTypes(page_model, set())


@pytest.mark.django_db
def test_every_content_type_says_its_label_and_facet_slug():
    from content.models import CONTENT_PAGE_TYPES

    assert [(m.type_label, m.facet_slug) for m in CONTENT_PAGE_TYPES] == [
        ("Ressource pédagogique", "ressources"),
        ("Projet pédagogique", "projets"),
        ("Revue pédagogique", "revues"),
        ("Webinaire", "webinaires"),
        ("Article", "articles"),
        ("Actualité", "actualites"),
        ("Événement", "evenements"),
        ("Page", "pages"),
        ("Ass. départementale", "associations"),
    ]


@pytest.mark.django_db
def test_section_index_is_created_once_with_its_french_title_and_address(home_page):
    from content.models import NewsIndexPage, StandardPage, section_index

    index = section_index(home_page, NewsPage)
    assert isinstance(index, NewsIndexPage)
    assert (index.title, index.url) == ("Actualités", "/actualites/")
    assert index.live
    assert section_index(home_page, NewsPage).pk == index.pk
    assert section_index(home_page, StandardPage).pk == home_page.pk
