"""A lost visitor gets a French page that helps them on; a server error needs no database."""

import pytest

from tests.navigation.conftest import ENTRY_LABELS


@pytest.mark.django_db
def test_an_unknown_address_gets_a_french_page_with_search_and_sections(client, seed_menu):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert "<title>Page introuvable | OCCE</title>" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "<h1>Page introuvable</h1>" in main
    assert 'role="search" method="get" action="/recherche/">' in main
    assert '<input id="search-404" type="search" name="q"' in main
    for label in ENTRY_LABELS:
        assert label in main
    assert '<a href="/plan-du-site/">Plan du site</a>' in main
    assert 'id="site-navigation"' in html  # with the site's header and footer


@pytest.mark.django_db
def test_an_unknown_page_under_a_section_gets_the_same_page(client, home_page):
    response = client.get("/actualites/inconnue/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.urls("tests.navigation.error_urls")
def test_a_server_error_gets_a_french_page_without_touching_the_database(client):
    """No `db` fixture: any query made while handling the error would fail this test."""
    client.raise_request_exception = False
    response = client.get("/panne/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "<title>Erreur du serveur | OCCE</title>" in html
    assert "Le site rencontre un problème" in html
    assert '<a class="button" href="/">Revenir à l’accueil</a>' in html
    assert "Panne simulée" not in html
