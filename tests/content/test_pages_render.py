"""Each page type renders its own fields, with breadcrumb and related pages."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from content.models import (
    ArticlePage,
    DepartmentalAssociationPage,
    EventPage,
    NewsPage,
    ProjectPage,
    ResourceDocument,
    ResourcePage,
    ReviewPage,
    StandardPage,
    WebinarPage,
)
from content.models.snippets import Partner
from content.models.taxonomy import Cycle
from tests.factories import make_content, make_document, make_image, make_page

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
pytestmark = pytest.mark.django_db


def get_html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_article_shows_title_summary_date_and_body(client, home_page):
    page = make_content(
        ArticlePage,
        home_page,
        title="L’OCCE expliqué aux parents",
        summary="Comment la coopération transforme l’apprentissage.",
        publication_date=datetime.date(2025, 11, 27),
        body=[
            ("heading", {"text": "Une école qui coopère", "level": "h2"}),
            ("paragraph", "<p>Les élèves décident ensemble.</p>"),
            ("quote", {"text": "Coopérer, c’est grandir.", "attribution": "Une enseignante"}),
        ],
    )
    html = get_html(client, page)
    assert "<h1>L’OCCE expliqué aux parents</h1>" in html
    assert "Comment la coopération transforme l’apprentissage." in html
    assert '<time datetime="2025-11-27">27 novembre 2025</time>' in html
    assert "<h2>Une école qui coopère</h2>" in html
    assert "Les élèves décident ensemble." in html
    assert "— Une enseignante" in html
    assert '<meta name="description" content="Comment la coopération transforme l’apprentissage.">' in html


def test_breadcrumb_marks_the_current_page(client, home_page):
    page = make_content(NewsPage, home_page, title="Semaine de l’ESS")
    html = get_html(client, page)
    assert '<nav class="breadcrumb" aria-label="Fil d’Ariane">' in html
    assert '<a href="/">Accueil</a>' in html
    assert '<a href="/actualites/">Actualités</a>' in html
    assert f'<a href="{page.url}" aria-current="page">Semaine de l’ESS</a>' in html


def test_home_page_has_no_breadcrumb(client, home_page):
    assert "Fil d’Ariane" not in client.get("/").content.decode()


def test_resource_lists_its_cycles_and_documents_with_size(client, home_page):
    document = make_document("Fiche pratique", "fiche.pdf", size=429 * 1024)
    page = make_content(ResourcePage, home_page, title="Conseil de coopérative")
    page.cycles.set(Cycle.objects.filter(number__in=[2, 3]))
    page.documents.add(ResourceDocument(document=document))
    page.save_revision().publish()
    html = get_html(client, page)
    assert "Cycle 2, Cycle 3" in html
    assert "Fiche pratique" in html
    assert "Fichier PDF - 429\u00a0Ko" in html
    assert f'href="{document.url}" download' in html


def test_project_shows_period_and_partners(client, home_page):
    partner = Partner.objects.create(
        name="Réseau Canopé", logo=make_image(), url="https://www.reseau-canope.fr/", sort_order=0
    )
    without_site = Partner.objects.create(name="Bioviva", logo=make_image(), sort_order=1)
    page = make_content(ProjectPage, home_page, title="Consom’acteur", period="2025-2026")
    page.partners.set([partner, without_site])
    page.cycles.set(Cycle.objects.filter(number__in=[1, 3]))
    page.save_revision().publish()
    html = get_html(client, page)
    assert "<dd>2025-2026</dd>" in html
    assert "<dt>Cycles</dt><dd>Cycle 1, Cycle 3</dd>" in html
    assert (
        '<dt>Partenaires</dt><dd><a href="https://www.reseau-canope.fr/" rel="noopener">Réseau Canopé</a>, '
        "Bioviva</dd>"
    ) in html


def test_review_shows_issue_period_cover_and_pdf(client, home_page):
    page = make_content(
        ReviewPage,
        home_page,
        title="Animation & Éducation N° 301-302",
        issue_number="N° 301-302",
        period_label="juillet-octobre 2024",
        cover_image=make_image("Couverture"),
        pdf=make_document("Revue 301", "revue-301.pdf", size=3 * 1024 * 1024 // 2),
    )
    html = get_html(client, page)
    assert "N° 301-302" in html
    assert "juillet-octobre 2024" in html
    assert "<picture>" in html
    assert "Fichier PDF - 1,5\u00a0Mo" in html


def test_webinar_shows_start_time_in_paris_and_registration(client, home_page):
    start = datetime.datetime(2035, 11, 27, 18, 0, tzinfo=PARIS)
    page = make_content(
        WebinarPage,
        home_page,
        start=start,
        duration_minutes=120,
        registration_url="https://example.org/inscription",
    )
    html = get_html(client, page)
    assert "mardi 27 novembre 2035, 18\u00a0h" in html
    assert "2\u00a0h" in html
    assert 'href="https://example.org/inscription"' in html


def test_past_webinar_offers_its_replay_instead_of_registration(client, home_page):
    start = timezone.now() - datetime.timedelta(days=30)
    page = make_content(
        WebinarPage,
        home_page,
        start=start,
        registration_url="https://example.org/inscription",
        replay_url="https://example.org/replay",
    )
    html = get_html(client, page)
    assert "Voir la rediffusion" in html
    assert "https://example.org/inscription" not in html


def test_event_shows_dates_place_and_ics_link(client, home_page):
    start = datetime.datetime(2035, 3, 23, 9, 30, tzinfo=PARIS)
    page = make_content(
        EventPage, home_page, start=start, end=start + datetime.timedelta(hours=3), place="Pantin"
    )
    html = get_html(client, page)
    assert "vendredi 23 mars 2035, 9\u00a0h\u00a030" in html
    assert "Pantin" in html
    assert f'href="{page.url}ics/"' in html


def test_standard_page_lists_its_child_pages(client, home_page):
    parent = make_page(StandardPage, home_page, title="Nous connaître")
    make_page(StandardPage, parent, title="Notre mission")
    make_page(StandardPage, parent, title="Notre histoire (brouillon)", publish=False)
    html = get_html(client, parent)
    assert "Notre mission" in html
    assert "brouillon" not in html


def test_association_shows_its_contact_details(client, home_page):
    page = make_content(
        DepartmentalAssociationPage,
        home_page,
        title="OCCE 93",
        department_code="93",
        phone="01 48 10 00 00",
        email="ad93@occe.coop",
        website="https://www.occe.coop/ad93",
    )
    html = get_html(client, page)
    assert "93 – Seine-Saint-Denis" in html
    assert "93500 Pantin" in html
    assert 'href="tel:0148100000"' in html
    assert 'href="mailto:ad93@occe.coop"' in html


def test_related_pages_share_a_theme_and_are_at_most_three(client, home_page, themes):
    citizenship = themes["citoyennete"]
    page = make_content(ArticlePage, home_page, title="Éduquer à la citoyenneté", themes=[citizenship])
    for number in range(4):
        make_content(NewsPage, home_page, title=f"Citoyenneté {number}", themes=[citizenship])
    make_content(NewsPage, home_page, title="Sans rapport", themes=[themes["bien-etre-et-harcelement"]])
    make_content(NewsPage, home_page, title="Citoyenneté brouillon", themes=[citizenship], publish=False)
    related = page.related_pages()
    assert len(related) == 3
    assert {p.title for p in related} <= {f"Citoyenneté {n}" for n in range(4)}
    html = get_html(client, page)
    assert "À lire aussi" in html
    assert "Sans rapport" not in html
