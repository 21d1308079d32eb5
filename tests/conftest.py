import pytest
from django.db import connection
from wagtail.models import Page, Site


@pytest.fixture
def home_page(db):
    """The site's home page, created by content's data migration."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def postgres_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL seulement (DATABASE_URL=postgres://…)")


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: Wagtail keeps the sites' root paths there, and
    the navigation its menus, which would otherwise outlive the database rows of a test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
