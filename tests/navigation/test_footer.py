"""The footer renders what the editor published and follows the editor's changes."""

import datetime

import pytest

from content.navigation.building import preview_navigation
from tests.factories import link

pytestmark = pytest.mark.django_db


def footer_of(client, url="/"):
    html = client.get(url).content.decode()
    return html[html.index('<footer class="site-footer">') : html.index("</footer>")]


def test_the_footer_holds_the_newsletter_block(client, home_page):
    assert 'id="newsletter-signup-title"' in footer_of(client)


def test_the_footer_shows_the_address(client, seed_footer):
    footer = footer_of(client)
    assert (
        '<address class="site-footer__address">Office Central de la Coopération à l’École<br>'
        "Fédération Nationale<br>28 avenue Jean Lolive<br>93500 Pantin</address>"
    ) in footer


def test_social_links_have_an_accessible_name(client, seed_footer):
    footer = footer_of(client)
    for network in ("Facebook", "Instagram", "YouTube", "LinkedIn"):
        assert f'<span class="visually-hidden">{network}</span>' in footer
    assert footer.count('aria-hidden="true" focusable="false"') == 4
    assert 'href="https://www.facebook.com/occe"' in footer


def test_link_columns_are_shown_in_the_editors_order(client, seed_footer, mission_page):
    footer = footer_of(client)
    headings = ["Nous connaître", "Nous rejoindre", "FAQ"]
    positions = [footer.index(f'<h2 class="footer-column__title">{h}</h2>') for h in headings]
    assert positions == sorted(positions)
    assert f'<a href="{mission_page.url}">Notre mission</a>' in footer


def test_approval_legal_links_and_copyright_with_the_current_year(client, seed_footer):
    footer = footer_of(client)
    assert "Association agréée par le ministère de l’Éducation nationale." in footer
    assert '<nav aria-label="Informations légales">' in footer
    assert '<a href="/mentions-legales/">Mentions légales</a>' in footer
    assert '<a href="/plan-du-site/">Plan du site</a>' in footer
    assert f"© OCCE {datetime.date.today().year}" in footer


def test_a_published_change_is_shown_on_the_next_view(client, seed_footer):
    footer_of(client)  # cached
    seed_footer.street_address = "1 rue de la Coopération"
    seed_footer.legal_links = [{"type": "link", "value": link("Cookies", url="/cookies/")}]
    seed_footer.save_revision().publish()
    footer = footer_of(client)
    assert "1 rue de la Coopération" in footer
    assert '<a href="/cookies/">Cookies</a>' in footer
    assert "Mentions légales" not in footer


def test_without_a_published_footer_the_copyright_and_site_map_remain(client, home_page):
    footer = footer_of(client)
    assert f"© OCCE {datetime.date.today().year}" in footer
    assert '<a href="/plan-du-site/">Plan du site</a>' in footer


def test_the_preview_of_a_footer_shows_its_unsaved_changes(client, seed_footer, rf):
    seed_footer.street_address = "1 rue de l’Aperçu"
    request = rf.get("/")
    assert preview_navigation(seed_footer, request)["footer"]["address"]["street"] == ("1 rue de l’Aperçu")
    assert "1 rue de l’Aperçu" not in client.get("/").content.decode()
