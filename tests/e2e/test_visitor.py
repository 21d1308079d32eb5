"""A visitor on a computer: the mega-menu with the keyboard alone, a search through its facets
and pages to a result, back up by the breadcrumb, and a document downloaded."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from content.documents import document_label
from content.models import ResourceDocument
from search.request import PER_PAGE

FACET = re.compile(r"^(?P<label>.+) \((?P<count>\d+)\)$")


def facet_counts(page):
    counts = {}
    for text in page.locator(".facets__link").all_inner_texts():
        match = FACET.match(text.strip())
        counts[match["label"]] = int(match["count"])
    return counts


def test_the_mega_menu_opens_with_the_keyboard_and_closes_with_escape(page):
    page.goto("/")
    toggle = page.locator("button.mega-menu__toggle").first
    panel = page.locator(f"#{toggle.get_attribute('aria-controls')}")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(panel).to_be_hidden()

    for _ in range(60):  # Tab from the top of the page to the first entry of the menu
        page.keyboard.press("Tab")
        if toggle.evaluate("button => button === document.activeElement"):
            break
    else:
        raise AssertionError("la tabulation n’atteint pas le menu principal")

    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(panel).to_be_visible()
    page.keyboard.press("Tab")
    first_link = panel.get_by_role("link").first
    expect(first_link).to_be_focused()

    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()

    page.keyboard.press("Space")  # Space opens it too; a second press closes it
    expect(panel).to_be_visible()
    page.keyboard.press("Space")
    expect(panel).to_be_hidden()


def test_search_facets_pages_result_breadcrumb(page, news_on_two_pages):
    page.goto("/")
    page.get_by_role("combobox", name="Rechercher sur le site").fill("coopération")
    page.get_by_role("combobox", name="Rechercher sur le site").press("Enter")
    page.wait_for_url("**/recherche/?q=*")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["coopération"]

    counts = facet_counts(page)
    total = counts.pop("Tous")
    assert total == sum(counts.values())
    news_count = counts["Actualités"]
    assert news_count > PER_PAGE
    expect(page.locator(".search-page__count")).to_have_text(f"{total} résultats pour « coopération »")

    page.get_by_role("link", name=f"Actualités ({news_count})").click()
    page.wait_for_url("**type=actualites*")
    expect(page.locator(".search-page__count")).to_have_text(f"{news_count} résultats pour « coopération »")
    expect(page.locator(".facets__link--selected")).to_have_text(f"Actualités ({news_count})")
    assert facet_counts(page)["Tous"] == total  # the counts do not depend on the type chosen
    expect(page.locator(".search-results .card")).to_have_count(PER_PAGE)
    assert set(page.locator(".search-results .card__type").all_text_contents()) == {"Actualité"}

    page.get_by_role("navigation", name="Pagination").get_by_role("link", name="Page 2").click()
    page.wait_for_url("**page=2*")
    query = parse_qs(urlsplit(page.url).query)
    assert query["q"] == ["coopération"] and query["type"] == ["actualites"]
    expect(page.locator(".search-results .card")).to_have_count(news_count - PER_PAGE)
    expect(page.get_by_role("link", name="Page courante 2")).to_have_attribute("aria-current", "page")

    result = page.locator(".search-results .card").first
    title = result.locator(".card__title").inner_text()
    result.locator(".card__title a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    breadcrumb = page.get_by_role("navigation", name="Fil d’Ariane")
    expect(breadcrumb.get_by_role("link")).to_have_text(["Accueil", "Actualités", title])

    breadcrumb.get_by_role("link", name="Actualités").click()
    page.wait_for_url("**/actualites/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Actualités")
    breadcrumb.get_by_role("link", name="Accueil").click()
    page.wait_for_url(re.compile(r"/$"))


def test_a_resource_page_gives_its_document_to_download(page):
    item = (
        ResourceDocument.objects.filter(page__live=True)
        .select_related("document", "page")
        .order_by("page__path", "sort_order")
        .first()
    )
    document = item.document
    page.goto(item.page.url)
    link = page.locator(".downloads .document-link").first
    expect(link.locator(".document-link__title")).to_have_text(item.display_title)
    expect(link.locator(".document-link__meta")).to_have_text(document_label(document))

    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == document.filename
    with open(download.path(), "rb") as downloaded, document.file.open("rb") as stored:
        assert downloaded.read() == stored.read()
