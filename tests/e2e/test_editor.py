"""An editor publishes a news item from the Wagtail admin, sees it on the site and in the
search, then unpublishes it."""

import re
import uuid

from playwright.sync_api import expect

from content.models import NewsIndexPage, NewsPage

FACET = re.compile(r"^Actualités \((\d+)\)$")


def news_count(page, query):
    page.goto(f"/recherche/?q={query}")
    return int(FACET.match(page.locator(".facets__link", has_text="Actualités").inner_text()).group(1))


def test_create_preview_publish_then_unpublish_a_news_item(page, demo_site, login):
    token = uuid.uuid4().hex[:8]
    title = f"La coopération au jardin de l’école {token}"
    before = news_count(page, "coopération")

    login(demo_site["editor"])
    index = NewsIndexPage.objects.get()
    page.goto(f"/admin/pages/{index.pk}/")
    page.get_by_role("link", name="Ajouter une sous-page").click()
    page.wait_for_url(f"**/admin/pages/add/content/newspage/{index.pk}/")
    page.get_by_role("textbox", name="Titre*").fill(title)
    page.get_by_role("textbox", name="Résumé*").fill("Un potager cultivé en coopération par trois classes.")

    page.get_by_role("button", name="Afficher/masquer la prévisualisation").click()
    preview = page.frame_locator("iframe.w-preview__iframe >> nth=-1")
    expect(preview.get_by_role("heading", level=1)).to_have_text(title)
    expect(preview.locator(".lead")).to_have_text("Un potager cultivé en coopération par trois classes.")
    assert not NewsPage.objects.filter(title=title).exists()  # a preview saves nothing

    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier").click()
    expect(page.locator(".messages")).to_contain_text(title)
    news = NewsPage.objects.get(title=title)
    assert news.live

    page.goto("/actualites/")
    expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    assert news_count(page, "coopération") == before + 1
    page.goto(f"/recherche/?q={token}")
    expect(page.locator(".search-results .card__title")).to_have_text([title])

    page.goto(f"/admin/pages/{news.pk}/edit/")
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("link", name="Dépublier").click()
    page.get_by_role("button", name="Oui, la dépublier").click()
    expect(page.locator(".messages")).to_contain_text(title)
    news.refresh_from_db()
    assert not news.live

    page.goto("/actualites/")
    expect(page.get_by_role("link", name=title, exact=True)).to_have_count(0)
    assert news_count(page, "coopération") == before
    page.goto(f"/recherche/?q={token}")
    expect(page.locator(".search-page__count")).to_have_text(f"Aucun résultat pour « {token} »")
    assert page.goto(f"/actualites/{news.slug}/").status == 404
    news.delete()
