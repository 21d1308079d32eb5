"""Where each page type may live in the tree, as Wagtail reads the rules the models declare."""

import pytest
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from contact.models import ContactPage
from content.models import (
    CONTENT_PAGE_TYPES,
    SECTION_INDEX_TYPES,
    AccessibilityStatementPage,
    AssociationIndexPage,
    BasePage,
    DepartmentalAssociationPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    SectionIndexPage,
    StandardPage,
    section_index,
)


class PageTreeRulesTests(WagtailPageTestCase):
    def test_each_type_can_only_be_created_under_its_index(self):
        for index_model in SECTION_INDEX_TYPES:
            page_model = index_model.child_model
            with self.subTest(page_model=page_model.__name__):
                self.assertIs(page_model.index_model, index_model)
                self.assertAllowedParentPageTypes(page_model, {index_model})
                self.assertAllowedSubpageTypes(index_model, {page_model})
                self.assertCanCreateAt(HomePage, index_model)
                self.assertCanNotCreateAt(HomePage, page_model)

    def test_a_news_item_cannot_go_under_the_associations_index(self):
        self.assertCanNotCreateAt(AssociationIndexPage, NewsPage)
        self.assertCanNotCreateAt(NewsIndexPage, DepartmentalAssociationPage)

    def test_the_home_page_holds_the_section_indexes_the_standard_pages_and_the_statement(self):
        self.assertAllowedSubpageTypes(
            HomePage, {*SECTION_INDEX_TYPES, StandardPage, ContactPage, AccessibilityStatementPage}
        )

    def test_standard_pages_nest_under_the_home_page_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage, ContactPage})

    def test_the_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_content_pages_are_leaves(self):
        for page_model in CONTENT_PAGE_TYPES:
            if page_model is not StandardPage:
                with self.subTest(page_model=page_model.__name__):
                    self.assertAllowedSubpageTypes(page_model, set())


def test_the_registry_lists_every_page_type_once():
    """A new content type or section missing from the registry would have no facet (the
    accessibility statement has none, on purpose: it is a page of the site, not content)."""
    page_models = set(get_page_models()) - {Page}
    content_types = {model for model in page_models if issubclass(model, BasePage)}
    indexes = {model for model in page_models if issubclass(model, SectionIndexPage)}
    assert sorted(CONTENT_PAGE_TYPES, key=str) == sorted(content_types, key=str)
    assert sorted(SECTION_INDEX_TYPES, key=str) == sorted(indexes, key=str)
    # The contact form (contact/) and the accessibility statement are pages of their own kind,
    # with no facet.
    assert page_models == {HomePage, ContactPage, AccessibilityStatementPage, *content_types, *indexes}
    assert [index.child_model for index in SECTION_INDEX_TYPES] == [
        model for model in CONTENT_PAGE_TYPES if model is not StandardPage
    ]


@pytest.mark.django_db
def test_every_content_type_says_its_label_and_facet_slug():
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
    index = section_index(home_page, NewsPage)
    assert isinstance(index, NewsIndexPage)
    assert (index.title, index.url) == ("Actualités", "/actualites/")
    assert index.live
    assert section_index(home_page, NewsPage).pk == index.pk
    assert section_index(home_page, StandardPage).pk == home_page.pk
