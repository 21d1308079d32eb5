"""Every page tells search engines and social networks what it is."""

import datetime
import json
import re

import pytest
from django.utils import timezone

from content.models import (
    ArticlePage,
    EventPage,
    NewsPage,
    ResourcePage,
    SeoSettings,
    StandardPage,
)
from tests.factories import make_content, make_footer, make_image, make_index

pytestmark = pytest.mark.django_db


def head_of(client, url):
    html = client.get(url).content.decode()
    return html[: html.index("</head>")]


def meta(head, prop):
    match = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)">', head)
    return match.group(1) if match else None


def json_ld(head):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    return [json.loads(block) for block in blocks]


@pytest.mark.parametrize("model", [ArticlePage, NewsPage, ResourcePage, StandardPage, EventPage])
def test_a_content_page_has_its_title_description_canonical_and_share_tags(client, home_page, model):
    page = make_content(
        model,
        home_page,
        title="La coopérative scolaire",
        summary="Ce que fait une coopérative scolaire.",
        listing_image=make_image(width=1600, height=900),
    )
    head = head_of(client, page.url)
    assert "<title>La coopérative scolaire | OCCE</title>" in head
    assert meta(head, "description") == "Ce que fait une coopérative scolaire."
    assert f'<link rel="canonical" href="{page.get_full_url()}">' in head
    assert meta(head, "og:title") == "La coopérative scolaire"
    assert meta(head, "og:type") == "article"
    assert meta(head, "og:url") == page.get_full_url()
    assert meta(head, "og:description") == "Ce que fait une coopérative scolaire."
    assert meta(head, "og:locale") == "fr_FR"
    root_url = re.escape(home_page.get_site().root_url)
    assert re.fullmatch(rf"{root_url}/media/images/.+\.fill-1200x630\.png", meta(head, "og:image"))
    assert (meta(head, "og:image:width"), meta(head, "og:image:height")) == ("1200", "630")
    assert meta(head, "twitter:card") == "summary_large_image"


def test_the_seo_title_and_description_replace_the_title_and_summary(client, home_page):
    page = make_content(
        StandardPage,
        home_page,
        title="Notre mission",
        seo_title="La mission de l’OCCE",
        search_description="Description pour les moteurs.",
    )
    head = head_of(client, page.url)
    assert "<title>La mission de l’OCCE | OCCE</title>" in head
    assert meta(head, "og:title") == "La mission de l’OCCE"
    assert meta(head, "description") == "Description pour les moteurs."


def test_an_index_page_is_a_website_described_by_its_introduction(client, home_page):
    index = make_index(home_page, NewsPage)
    index.introduction = "Toute l’actualité de l’OCCE."
    index.save_revision().publish()
    head = head_of(client, index.url)
    assert "<title>Actualités | OCCE</title>" in head
    assert meta(head, "og:type") == "website"
    assert meta(head, "description") == "Toute l’actualité de l’OCCE."


def test_the_home_page_is_titled_with_the_full_name(client, home_page):
    head = head_of(client, "/")
    assert "<title>OCCE – Office Central de la Coopération à l’École</title>" in head
    assert meta(head, "og:type") == "website"
    home_page.seo_title = "OCCE, la coopération à l’école"
    home_page.save_revision().publish()
    assert "<title>OCCE, la coopération à l’école</title>" in head_of(client, "/")


def test_a_page_without_image_is_shared_with_the_default_image(client, home_page):
    page = make_content(StandardPage, home_page, title="Sans image")
    assert meta(head_of(client, page.url), "og:image") is None
    SeoSettings.objects.create(site_id=home_page.get_site().pk, default_share_image=make_image())
    assert ".fill-1200x630." in meta(head_of(client, page.url), "og:image")


def test_the_home_page_describes_the_organisation(client, home_page):
    make_footer(
        social_links=[
            {
                "type": "social",
                "value": {
                    "network": "facebook",
                    "url": "https://www.facebook.com/occe",
                    "label": "",
                },
            }
        ]
    )
    SeoSettings.objects.create(site_id=home_page.get_site().pk, organization_logo=make_image())
    [data] = json_ld(head_of(client, "/"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "Office Central de la Coopération à l’École"
    assert data["alternateName"] == "OCCE"
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "28 avenue Jean Lolive",
        "postalCode": "93500",
        "addressLocality": "Pantin",
        "addressCountry": "FR",
    }
    assert data["sameAs"] == ["https://www.facebook.com/occe"]
    assert data["logo"].endswith(".png")


def test_a_news_item_is_a_news_article(client, home_page):
    page = make_content(
        NewsPage,
        home_page,
        title="Semaine de l’ESS à l’école",
        summary="Du 23 au 28 mars.",
        publication_date=datetime.date(2026, 3, 2),
        listing_image=make_image(),
    )
    [data] = json_ld(head_of(client, page.url))
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Semaine de l’ESS à l’école"
    assert data["description"] == "Du 23 au 28 mars."
    assert data["datePublished"] == "2026-03-02"
    assert data["mainEntityOfPage"] == page.get_full_url()
    assert data["publisher"]["name"] == "Office Central de la Coopération à l’École"
    assert ".fill-1200x630." in data["image"][0]


def test_an_event_is_an_event(client, home_page):
    start = timezone.make_aware(datetime.datetime(2026, 11, 27, 18, 0))
    page = make_content(
        EventPage,
        home_page,
        title="Classe virtuelle FCPE",
        start=start,
        end=start + datetime.timedelta(hours=2),
        place="En ligne",
        registration_url="https://example.org/inscription",
    )
    [data] = json_ld(head_of(client, page.url))
    assert data["@type"] == "Event"
    assert data["name"] == "Classe virtuelle FCPE"
    assert data["startDate"] == "2026-11-27T18:00:00+01:00"
    assert data["endDate"] == "2026-11-27T20:00:00+01:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": "https://example.org/inscription",
    }


def test_an_event_in_a_place_has_that_place(client, home_page):
    page = make_content(EventPage, home_page, place="Pantin")
    [data] = json_ld(head_of(client, page.url))
    assert data["location"]["@type"] == "Place"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


@pytest.mark.parametrize("model", [ArticlePage, StandardPage, ResourcePage])
def test_other_pages_have_no_structured_data(client, home_page, model):
    page = make_content(model, home_page)
    assert json_ld(head_of(client, page.url)) == []


def test_structured_data_cannot_close_its_script_element(client, home_page):
    page = make_content(NewsPage, home_page, title="</script><script>alert(1)</script>")
    head = head_of(client, page.url)
    assert "<script>alert(1)" not in head
    assert json_ld(head)[0]["headline"] == "</script><script>alert(1)</script>"
