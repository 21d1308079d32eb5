"""The accessibility statement: its page shows the RGAA template's parts, and the footer of
every page says the state it declares, linked to it, updated (and purged) when it changes."""

import datetime
import re

import pytest
from django.core.management import call_command
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from content.models import AccessibilityStatementPage, HomePage, StandardPage
from httpcache.fragments import current_versions
from httpcache.keys import NAVIGATION
from tests.factories import make_content

pytestmark = pytest.mark.django_db


def make_statement(home_page, *, publish=True, **fields):
    values = {
        "title": "Déclaration d’accessibilité",
        "slug": "accessibilite",
        "conformity": AccessibilityStatementPage.Conformity.NONE,
        "statement_date": datetime.date(2026, 11, 30),
        "test_results": "<p>Tests automatiques seulement.</p>",
        "non_conforming_content": "<ul><li>Les PDF ne sont pas vérifiés.</li></ul>",
        "technologies": "HTML5\nCSS",
        "test_environment": "Chromium sous Linux",
        "evaluation_tools": "axe-core\nNu Html Checker",
        "tested_pages": "Accueil | /\nPage introuvable",
        "contact_email": "accessibilite@example.org",
        **fields,
    }
    page = AccessibilityStatementPage(live=False, **values)
    home_page.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def footer_mention(html):
    match = re.search(r'<p class="site-footer__accessibility"><a href="([^"]+)"[^>]*>([^<]+)</a>', html)
    return match and (match[1], match[2])


class StatementTreeRulesTests(WagtailPageTestCase):
    def test_one_statement_under_the_home_page_only(self):
        self.assertAllowedParentPageTypes(AccessibilityStatementPage, {HomePage})
        self.assertAllowedSubpageTypes(AccessibilityStatementPage, set())
        self.assertEqual(AccessibilityStatementPage.max_count, 1)


def test_the_statement_shows_every_part_of_the_rgaa_template(client, home_page):
    statement = make_statement(home_page)
    response = client.get(statement.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    headings = re.findall(r"<h2[^>]*>([^<]+)</h2>", html)
    for heading in (
        "État de conformité",
        "Contenus non accessibles",
        "Établissement de cette déclaration d’accessibilité",
        "Retour d’information et contact",
        "Voies de recours",
    ):
        assert heading in headings
    assert "Le site est <strong>non conforme</strong>" in html
    assert "aucun audit de conformité au RGAA n’a été réalisé" in html
    assert "Taux de conformité" not in html
    assert "Les PDF ne sont pas vérifiés." in html
    assert '<time datetime="2026-11-30">30 novembre 2026</time>' in html
    assert '<li><a href="/">Accueil</a></li>' in html and "<li>Page introuvable</li>" in html
    assert "<li>axe-core</li>" in html and "<li>Chromium sous Linux</li>" in html
    assert 'href="mailto:accessibilite@example.org"' in html
    assert "Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07" in html
    assert 'href="https://formulaire.defenseurdesdroits.fr/"' in html
    assert response.context["tested_page_list"] == [
        {"label": "Accueil", "href": "/"},
        {"label": "Page introuvable", "href": ""},
    ]


def test_an_audited_rate_is_shown_with_its_audit(client, home_page):
    statement = make_statement(
        home_page,
        conformity=AccessibilityStatementPage.Conformity.PARTIAL,
        conformity_rate="72.5",
        audit_date=datetime.date(2026, 10, 1),
        audit_performer="Un auditeur",
    )
    html = client.get(statement.url).content.decode()
    assert "Le site est <strong>partiellement conforme</strong>" in html
    assert "72,5" in html and "1 octobre 2026" in html and "Un auditeur" in html


def test_every_page_s_footer_says_the_declared_state_and_links_to_the_statement(client, home_page):
    statement = make_statement(home_page, conformity=AccessibilityStatementPage.Conformity.PARTIAL)
    other = make_content(StandardPage, home_page, title="Notre mission")
    for url in ("/", other.url, "/plan-du-site/", "/cette-page-n-existe-pas/"):
        html = client.get(url).content.decode()
        assert footer_mention(html) == (statement.url, "Accessibilité\u00a0: partiellement conforme"), url


def test_no_mention_without_a_published_statement(client, home_page):
    make_statement(home_page, publish=False)
    assert footer_mention(client.get("/").content.decode()) is None


def test_a_private_statement_is_not_linked(client, home_page):
    statement = make_statement(home_page)
    PageViewRestriction.objects.create(page=statement, restriction_type="login")
    assert footer_mention(client.get("/").content.decode()) is None


def test_publishing_a_new_state_purges_the_footer(client, home_page, django_capture_on_commit_callbacks):
    statement = make_statement(home_page)
    first = client.get("/")
    assert footer_mention(first.content.decode())[1] == "Accessibilité\u00a0: non conforme"
    assert NAVIGATION in first["xkey"].split()
    version = current_versions([NAVIGATION])[NAVIGATION]

    statement.conformity = AccessibilityStatementPage.Conformity.PARTIAL
    with django_capture_on_commit_callbacks(execute=True):
        statement.save_revision()  # a draft changes nothing
    assert current_versions([NAVIGATION])[NAVIGATION] == version
    assert footer_mention(client.get("/").content.decode())[1] == "Accessibilité\u00a0: non conforme"

    with django_capture_on_commit_callbacks(execute=True):
        statement.get_latest_revision().publish()
    assert current_versions([NAVIGATION])[NAVIGATION] != version
    html = client.get("/").content.decode()
    assert footer_mention(html)[1] == "Accessibilité\u00a0: partiellement conforme"


def test_the_demo_statement_claims_no_audit(client, home_page):
    call_command("load_demo_content", verbosity=0)
    statement = AccessibilityStatementPage.objects.live().get()
    assert statement.conformity == AccessibilityStatementPage.Conformity.NONE
    assert statement.conformity_rate is None and statement.audit_date is None
    assert "Aucun audit de conformité au RGAA" in statement.test_results
    assert statement.contact_page is not None
    html = client.get("/").content.decode()
    assert footer_mention(html) == (statement.url, "Accessibilité\u00a0: non conforme")
