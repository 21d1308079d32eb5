"""Section indexes: live children, newest first, 20 a page, filters, pagination."""

import datetime
import re

import pytest
from django.core.paginator import Paginator
from wagtail.models import PageViewRestriction

from content.models import EventPage, NewsPage, ResourcePage
from content.models.taxonomy import Cycle
from content.pagination import page_window
from tests.factories import make_content, make_index

pytestmark = pytest.mark.django_db


def card_titles(html):
    return re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', html)


@pytest.fixture
def news_items(home_page):
    base = datetime.date(2025, 1, 1)
    return [
        make_content(
            NewsPage,
            home_page,
            title=f"Actualité {n:02d}",
            publication_date=base + datetime.timedelta(days=n),
        )
        for n in range(25)
    ]


def test_news_index_lists_newest_first_twenty_a_page(client, news_items):
    html = client.get("/actualites/").content.decode()
    titles = card_titles(html)
    assert len(titles) == 20
    assert titles[0] == "Actualité 24"
    assert titles[-1] == "Actualité 05"
    assert "25 éléments" in html

    second = client.get("/actualites/?page=2").content.decode()
    assert card_titles(second) == [f"Actualité {n:02d}" for n in range(4, -1, -1)]


def test_index_pagination_marks_the_current_page_and_keeps_the_query(client, news_items, themes):
    html = client.get("/actualites/?page=2&theme=").content.decode()
    assert 'aria-current="page"><span class="visually-hidden">Page courante </span>2</a>' in html
    assert 'href="?page=1&amp;theme=" rel="prev"' in html
    assert "Première page" in html
    assert "Page suivante" not in html


@pytest.mark.parametrize("raw", ["0", "-1", "abc", "1e9", "99999999999999999999", ""])
def test_index_answers_bad_page_numbers_without_error(client, news_items, raw):
    response = client.get(f"/actualites/?page={raw}")
    assert response.status_code == 200
    expected_first = "Actualité 04" if raw == "99999999999999999999" else "Actualité 24"
    assert card_titles(response.content.decode())[0] == expected_first


def test_index_filters_by_theme(client, home_page, themes):
    make_content(NewsPage, home_page, title="Démocratie", themes=[themes["democratie-a-l-ecole"]])
    make_content(
        NewsPage,
        home_page,
        title="Médias",
        themes=[themes["education-aux-medias-et-a-l-information"]],
    )
    html = client.get("/actualites/?theme=democratie-a-l-ecole").content.decode()
    assert card_titles(html) == ["Démocratie"]


def test_unknown_theme_leaves_the_list_unfiltered_and_says_so(client, home_page):
    make_content(NewsPage, home_page, title="Une actualité")
    response = client.get("/actualites/?theme=<script>")
    assert response.status_code == 200
    html = response.content.decode()
    assert card_titles(html) == ["Une actualité"]
    assert "Ce choix n’existe pas" in html
    assert "<script>" not in html.split("<main", 1)[1]


def test_resource_index_filters_by_cycle(client, home_page):
    cycle_1 = make_content(ResourcePage, home_page, title="Pour la maternelle")
    cycle_1.cycles.set(Cycle.objects.filter(number=1))
    cycle_1.save_revision().publish()
    make_content(ResourcePage, home_page, title="Pour le CM2")
    html = client.get("/ressources/?cycle=cycle-1").content.decode()
    assert card_titles(html) == ["Pour la maternelle"]


def test_drafts_and_private_pages_are_never_listed(client, home_page):
    make_content(NewsPage, home_page, title="Publiée")
    make_content(NewsPage, home_page, title="Brouillon", publish=False)
    private = make_content(NewsPage, home_page, title="Réservée")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/actualites/").content.decode()
    assert card_titles(html) == ["Publiée"]
    assert client.get(private.url).status_code == 302  # to the login page


def test_event_index_splits_upcoming_and_past(client, home_page):
    now = datetime.datetime.now(datetime.UTC)
    for title, days in [
        ("Passé lointain", -60),
        ("Passé récent", -5),
        ("Bientôt", 3),
        ("Plus tard", 30),
    ]:
        start = now + datetime.timedelta(days=days)
        make_content(EventPage, home_page, title=title, start=start, end=start + datetime.timedelta(hours=2))
    html = client.get("/evenements/").content.decode()
    upcoming, past = html.split('id="past-title"')
    assert card_titles(upcoming) == ["Bientôt", "Plus tard"]
    assert card_titles(past) == ["Passé récent", "Passé lointain"]


def test_index_page_of_an_empty_section_renders(client, home_page):
    make_index(home_page, NewsPage)
    response = client.get("/actualites/")
    assert response.status_code == 200
    assert "Aucun élément" in response.content.decode()


@pytest.mark.parametrize(
    ("pages", "current", "shown"),
    [
        (1, 1, [1]),
        (4, 1, [1, 2, 3, 4]),
        (10, 1, [1, 2, 3]),
        (10, 5, [3, 4, 5, 6, 7]),
        (10, 10, [8, 9, 10]),
    ],
)
def test_pagination_shows_two_numbers_each_side_of_the_current_page(pages, current, shown):
    paginator = Paginator(range(pages * 20), 20)
    assert page_window(paginator.page(current)) == shown
