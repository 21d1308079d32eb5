from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection
from wagtail.models import Page, Site

from tests.factories import sign_in

E2E_DIR = Path(__file__).parent / "e2e"


def pytest_ignore_collect(collection_path, config):
    """The browser tests (tests/e2e/) run in a pytest process of their own, `pytest tests/e2e`
    (`make test` runs it after this one): they keep the demo content in their own database for
    the whole run and serve it to Chromium, which the rolled-back tests here cannot share."""
    if collection_path != E2E_DIR:
        return None
    asked = [Path(arg.split("::")[0]).resolve() for arg in config.args]
    return not any(path == E2E_DIR or E2E_DIR in path.parents for path in asked)


@pytest.fixture
def home_page(db):
    """The site's home page, created by content's data migration."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, signed in with the second factor a superuser must give."""
    sign_in(client, admin_user)
    return client


@pytest.fixture
def postgres_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL seulement (DATABASE_URL=postgres://…)")


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches: Wagtail keeps the sites' root paths there, the
    navigation its menus and the renditions cache its image sizes, which would otherwise
    outlive the database rows of a test."""

    def clear_all():
        for cache in caches.all():
            cache.clear()

    clear_all()
    yield
    clear_all()
