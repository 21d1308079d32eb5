"""Detail and index pages cost a fixed number of queries, whatever they hold."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from content.models import NewsPage, ResourceDocument, ResourcePage
from content.models.taxonomy import Cycle
from content.navigation.cache import site_navigation
from content.privacy import restricted_paths
from content.site_cache import all_sites
from tests.factories import make_content, make_document, make_image

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)  # renditions are created on the first view only
    cache.clear()
    # The menus and footer are built once per site and cached; their own cost is measured in
    # tests/navigation/test_menu_queries.py. Here they are cached, as on any ordinary view.
    site_navigation(RequestFactory().get(url))
    # So are the sites and the restricted pages' paths (content/site_cache.py, content/privacy.py).
    all_sites()
    restricted_paths()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def rich_resource(home_page, themes, size):
    body = []
    for number in range(size):
        body += [
            ("heading", {"text": f"Partie {number}", "level": "h2"}),
            (
                "image",
                {
                    "image": {
                        "image": make_image(),
                        "alt_text": f"Illustration {number}",
                        "decorative": False,
                    },
                    "caption": "Une légende",
                },
            ),
            ("document", {"document": make_document(filename=f"annexe-{number}.pdf"), "title": ""}),
        ]
    page = make_content(
        ResourcePage, home_page, body=body, themes=list(themes.values()), listing_image=make_image()
    )
    page.cycles.set(Cycle.objects.all())
    for number in range(size):
        page.documents.add(ResourceDocument(document=make_document(filename=f"fiche-{number}.pdf")))
    page.save_revision().publish()
    for _ in range(size):
        make_content(NewsPage, home_page, themes=list(themes.values()), listing_image=make_image())
    return page


def test_detail_page_query_count_does_not_grow_with_its_content(client, home_page, themes):
    small = rich_resource(home_page, themes, 1)
    large = rich_resource(home_page, themes, 8)
    small_count = count_queries(client, small.url)
    large_count = count_queries(client, large.url)
    assert large_count == small_count
    assert large_count <= 17  # 25 before the sites and restrictions were read from the cache


def test_index_page_query_count_does_not_grow_with_its_children(client, home_page, themes):
    for _ in range(3):
        make_content(NewsPage, home_page, listing_image=make_image(), themes=[themes["citoyennete"]])
    few = count_queries(client, "/actualites/?theme=citoyennete")
    for _ in range(20):
        make_content(NewsPage, home_page, listing_image=make_image(), themes=[themes["citoyennete"]])
    many = count_queries(client, "/actualites/?theme=citoyennete")
    assert many == few
    assert many <= 10  # 15 before


def test_home_page_query_count_is_fixed(client, home_page):
    for _ in range(2):
        make_content(NewsPage, home_page, listing_image=make_image())
    few = count_queries(client, "/")
    for _ in range(6):
        make_content(NewsPage, home_page, listing_image=make_image())
    assert count_queries(client, "/") == few
    assert few <= 5  # with every fragment to render; 19 at the start of issue 13
