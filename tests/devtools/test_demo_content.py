"""The demo site of `manage.py load_demo_content`: the current site's tree and counts, pages
that render, its media, idempotence and --reset.

The demo is loaded once for the module, inside a transaction rolled back at its end; each
test runs in a savepoint of it (pytest-django's `db`), so what a test changes is undone.
"""

import datetime
import io
import re
import tomllib
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Page, Revision, Site

from content.departments import DEPARTMENTS
from content.documents import document_label
from content.models import (
    CONTENT_PAGE_TYPES,
    ArticlePage,
    DepartmentalAssociationPage,
    EventPage,
    Footer,
    MainMenu,
    NewsPage,
    Partner,
    ProjectPage,
    ResourcePage,
    ReviewPage,
    StandardPage,
    WebinarPage,
)
from devtools.demo.loader import DATA_DIR, DemoDataError, DemoSite
from devtools.demo.text import NBSP, french, rich_text
from newsletter.models import Subscriber
from search.models import SearchDocument
from tests.factories import make_image, make_page

# Marked as using the database, so that pytest-django runs them with the other database tests,
# before the transactional ones (which empty the database when they end).
pytestmark = pytest.mark.django_db

# The counts of the current site's search page; the associations are ours (it shows 0).
SEARCH_COUNTS = {
    "Ressources": 13,
    "Projets": 7,
    "Revues": 4,
    "Webinaires": 2,
    "Articles": 6,
    "Actualités": 25,
    "Événements": 1,
    "Pages": 12,  # the 13th, "Nous contacter", is the contact form (contact/), not searched
    "Ass. départementales": 14,
}
SECTION_SLUGS = [
    "ressources",
    "projets",
    "revues",
    "webinaires",
    "articles",
    "actualites",
    "evenements",
    "pres-de-chez-vous",
]
PARTNERS = [
    "Réseau Canopé",
    "Ageem",
    "CLEMI",
    "MAE",
    "Printemps des Poètes",
    "Convergence(s) pour l’Éducation Nouvelle",
    "AssoConnect",
    "L’ESPER",
    "MAIF",
    "Bioviva",
    "FCPE",
    "Jeunesse au Plein Air",
    "Dynamique pour les droits des enfants",
    "Coop FR",
    "Jaïkan",
]


def load(**options):
    output = io.StringIO()
    call_command("load_demo_content", stdout=output, **options)
    return output.getvalue()


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        output = load()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_site, db):
    return Site.objects.get(is_default_site=True).root_page.specific


def snapshot():
    """What a load makes, counted."""
    return {
        "pages": Page.objects.count(),
        "live pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "images": Image.objects.count(),
        "documents": Document.objects.count(),
        "collections": Collection.objects.count(),
        "partners": Partner.objects.count(),
        "promotions": SearchPromotion.objects.count(),
        "search documents": SearchDocument.objects.count(),
        "menus": (MainMenu.objects.count(), Footer.objects.count()),
        "navigation revisions": Revision.objects.exclude(base_content_type__model="page").count(),
        "subscribers": Subscriber.objects.count(),
        "latest revisions": sorted(Page.objects.values_list("pk", "latest_revision_id")),
    }


def facets(html):
    return {
        label: int(count)
        for label, count in re.findall(r'class="facets__link[^"]*"[^>]*>([^<]+?) \((\d+)\)<', html)
    }


def test_first_load_reports_what_it_made(demo_site):
    assert "94 pages, 47 images, 20 documents, 15 partenaires, 1 page d’accueil" in demo_site


def test_loading_again_changes_nothing(demo):
    before = snapshot()
    output = load()
    assert snapshot() == before
    assert "créés : rien" in output


def test_the_tree_is_the_current_sites(demo):
    assert list(demo.get_children().filter(slug__in=SECTION_SLUGS).values_list("slug", flat=True)) == (
        SECTION_SLUGS
    )
    for model, count in zip(CONTENT_PAGE_TYPES, SEARCH_COUNTS.values(), strict=True):
        assert model.objects.live().count() == count, model
    about = StandardPage.objects.get(slug="nous-connaitre")
    assert [page.slug for page in about.get_children()] == [
        "notre-histoire",
        "notre-adn",
        "notre-mission",
        "notre-reseau",
        "espace-presse",
    ]
    assert StandardPage.objects.get(slug="confidentialite").url == "/confidentialite/"
    assert not Page.objects.filter(slug="plan-du-site").exists()
    assert Page.find_problems() == ([], [], [], [], [])


def test_every_demo_page_renders(client, demo):
    pages = Page.objects.live().filter(depth__gte=2)
    assert pages.count() == 95  # the home page, 8 sections, 85 pages, the accessibility statement
    for page in pages:
        assert client.get(page.url).status_code == 200, page.url
    assert client.get("/recherche/").status_code == 200
    finder = client.get("/pres-de-chez-vous/", {"q": "93"}).content.decode()
    assert "OCCE 93 – Seine-Saint-Denis" in finder
    assert "OCCE 75 – Paris" not in finder
    cycle_1 = client.get("/ressources/", {"cycle": "cycle-1"}).content.decode()
    assert "Mon premier agenda coopératif (cycle 1)" in cycle_1
    assert "Mon agenda coopératif (cycle 3)" not in cycle_1


def test_search_page_shows_the_current_sites_counts(client, demo):
    html = client.get("/recherche/").content.decode()
    assert facets(html) == {"Tous": sum(SEARCH_COUNTS.values()), **SEARCH_COUNTS}
    for label, count in SEARCH_COUNTS.items():
        assert f"{label} ({count})" in html


def test_the_promoted_page_comes_first_for_its_query(client, demo):
    html = client.get("/recherche/", {"q": "coopérative"}).content.decode()
    promotions = html.split('class="promotions"')[1].split("</section>")[0]
    assert "La coopérative scolaire\u00a0: définition et fonctionnement" in promotions


def test_home_page_has_a_hero_featured_resources_news_and_the_agendas(client, demo):
    html = client.get("/").content.decode()
    assert "Coopérer pour apprendre, apprendre à coopérer" in html
    assert [page.specific_class for page in demo.featured_page_list()] == [ResourcePage] * 3
    assert "Dernières actualités" in html
    main = html.split('<main id="contenu"')[1]
    promo = main.split("Les agendas coopératifs")[1].split("</article>")[0]
    for number, path in [
        (1, "/ressources/mon-premier-agenda-cooperatif/"),
        (2, "/ressources/mon-agenda-cooperatif-cycle-2/"),
        (3, "/ressources/mon-agenda-cooperatif-cycle-3/"),
    ]:
        assert f'href="{path}">Cycle {number}</a>' in promo


def test_dates_are_recent_the_event_to_come_and_one_webinar_past_with_its_replay(demo):
    today = timezone.localdate()
    dates = [page.publication_date for page in Page.objects.type(*CONTENT_PAGE_TYPES).specific()]
    assert min(dates) >= today - datetime.timedelta(days=730)
    assert max(dates) <= today
    assert not EventPage.objects.get().is_past
    past, upcoming = sorted(WebinarPage.objects.all(), key=lambda webinar: webinar.start)
    assert past.is_past and past.replay_url
    assert not upcoming.is_past and upcoming.registration_url
    assert all(timezone.localtime(webinar.start).weekday() < 5 for webinar in (past, upcoming))


def test_pages_have_summaries_bodies_themes_cycles_and_french_typography(demo):
    wrong_space = re.compile(r"[ ][:;?!»]|«[ ]|'")
    for page in Page.objects.type(*CONTENT_PAGE_TYPES).specific():
        assert page.summary and len(page.body) >= 1, page.url
        for text in (page.title, page.summary):
            assert not wrong_space.search(text), text
        for block in page.body:
            if block.block_type == "image":
                assert block.value["image"].contextual_alt_text, page.url
    legal = {"mentions-legales", "confidentialite", "cookies", "nous-contacter"}
    assert all(page.themes.exists() for page in StandardPage.objects.exclude(slug__in=legal))
    for model in (ResourcePage, ProjectPage):
        assert all(page.cycles.exists() for page in model.objects.all())
    assert ArticlePage.objects.filter(listing_image__isnull=False).count() == 6
    body_types = {
        block.block_type for page in Page.objects.type(StandardPage).specific() for block in page.body
    }
    assert {"heading", "paragraph", "image", "quote", "document", "accordion", "call_to_action"} <= body_types


def test_bodies_and_promos_pass_the_validation_of_the_admin(demo, admin_client):
    for page in Page.objects.type(*CONTENT_PAGE_TYPES).specific():
        type(page).body.field.stream_block.clean(page.body)  # raises on an invalid block
    type(demo).promos.field.stream_block.clean(demo.promos)
    for page in (demo, ResourcePage.objects.first(), StandardPage.objects.get(slug="notre-adn")):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
        form = response.context["form"]
        assert form.instance.pk == page.pk and form["title"].value() == page.title
        assert not form.errors


def test_associations_are_real_departments_with_made_up_contacts(demo):
    associations = DepartmentalAssociationPage.objects.all()
    assert {"93", "75", "13", "69", "33", "59", "2A", "974"} <= {a.department_code for a in associations}
    for association in associations:
        assert DEPARTMENTS[association.department_code] in association.title
        assert association.phone.startswith("01 99 00 ")
        assert association.email.endswith("@example.org")


def test_reviews_have_a_number_a_period_a_cover_and_a_pdf(demo):
    for review in ReviewPage.objects.all():
        assert review.title == f"Animation & Éducation {review.issue_number} | {review.period_label}"
        assert review.cover_image and review.pdf
        assert review.pdf.file_extension == "pdf"


def test_media_live_in_the_demo_collection_with_real_sizes(demo):
    collection = Collection.objects.get(name="Démo")
    assert not Image.objects.exclude(collection=collection).exists()
    assert not Document.objects.exclude(collection=collection).exists()
    kit = Document.objects.get(title="Notre kit assurances à télécharger en 1 clic")
    council = Document.objects.get(title="Pourquoi mettre en place un conseil de coopérative\u00a0?")
    assert re.fullmatch(r"Dossier compressé - \d+\u00a0Ko", document_label(kit))
    assert re.fullmatch(r"Fichier PDF - \d+\u00a0Ko", document_label(council))
    with kit.open_file() as file, zipfile.ZipFile(file) as archive:
        assert archive.testzip() is None
        assert "LISEZMOI.txt" in archive.namelist()
        assert archive.read("1-ce-que-couvre-l-assurance.pdf").startswith(b"%PDF-1.4")
    with council.open_file() as file:
        assert_valid_pdf(file.read(), pages=3)
    assert Image.objects.get(title="Icône représentant un parapluie").width == 192


def test_partners_follow_the_current_sites_order_with_drawn_logos(demo):
    partners = list(Partner.objects.order_by("sort_order"))
    assert [partner.name for partner in partners] == PARTNERS
    assert all(partner.logo.collection.name == "Démo" for partner in partners)
    assert Partner.objects.get(name="CLEMI").url == "https://www.clemi.fr/"


def test_reset_deletes_what_the_demo_made_and_makes_it_again(demo):
    before = snapshot()
    news_index = Page.objects.get(slug="actualites")
    added = make_page(NewsPage, news_index, title="Une actualité ajoutée à la main")
    Partner.objects.create(name="Partenaire local", logo=make_image(title="Logo local"))

    output = load(reset=True)

    assert "94 pages, 47 images, 20 documents, 15 partenaires" in output
    assert not Page.objects.filter(pk=added.pk).exists()
    assert Partner.objects.filter(name="Partenaire local").exists()
    after = snapshot()
    assert after["live pages"] == before["live pages"]
    assert after["images"] == before["images"] + 1  # the local logo, outside the collection
    assert after["search documents"] == before["search documents"]
    assert Page.find_problems() == ([], [], [], [], [])


def test_the_menu_and_footer_of_the_current_site_are_published(client, demo):
    menu = MainMenu.objects.get()
    footer = Footer.objects.get()
    assert menu.live and footer.live
    assert [entry.value["label"] for entry in menu.entries] == [
        "M’engager dans la coopération à l’école",
        "Me former à la coopération à l’école",
        "Gérer ma coopérative scolaire",
        "M’informer sur la coopération à l’école",
    ]
    html = client.get("/").content.decode()
    assert "Notre kit assurances à télécharger en 1" in html
    assert re.search(r"Dossier compressé - \d+\u00a0Ko", html)
    assert "Ils nous accompagnent" in html
    assert "28 avenue Jean Lolive" in html
    for heading in ["M’engager", "Me former", "Gérer", "M’informer", "Nous connaître", "Espaces"]:
        assert f">{heading}<" in html, heading


def test_subscribers_in_each_status(demo):
    counts = Subscriber.objects.counts_by_status()
    assert counts == {"pending": 2, "confirmed": 3, "unsubscribed": 1}


def test_navigation_data_points_at_demo_pages_and_documents(client, demo):
    """Every target that navigation.toml names exists."""
    data = tomllib.loads((DATA_DIR / "navigation.toml").read_text("utf-8"))
    links = []
    for item in data["menu"]["utility"]:
        links += item.get("links", []) + ([item["link"]] if "link" in item else [])
    for entry in data["menu"]["entries"]:
        links += entry["links"]
        for feature in entry.get("features", []):
            links += feature.get("links", [])
            if feature["type"] == "document":
                assert feature["document"] in MEDIA_DOCUMENT_KEYS
    for column in data["footer"]["columns"]:
        links += column["links"]
    links += data["footer"]["legal"]
    assert len(links) > 60
    for link in links:
        (kind,) = set(link) - {"label"}
        target = link[kind]
        if kind == "page":
            assert Page.objects.get(url_path=f"/accueil{target}").live, target
        elif kind == "path" and target != "/plan-du-site/":
            assert client.get(target).status_code == 200, target
        elif kind == "document":
            assert target in MEDIA_DOCUMENT_KEYS
        elif kind == "url":
            assert target.startswith("https://")


def test_subscribers_data_has_every_status_and_no_real_address():
    data = tomllib.loads((DATA_DIR / "subscribers.toml").read_text("utf-8"))
    assert {item["status"] for item in data["subscriber"]} == {"pending", "confirmed", "unsubscribed"}
    assert all(item["email"].endswith("@example.org") for item in data["subscriber"])


MEDIA_DOCUMENT_KEYS = {
    item["key"] for item in tomllib.loads((DATA_DIR / "media.toml").read_text("utf-8"))["document"]
}


# --- the helpers, without the database -------------------------------------------------------


def test_french_typography():
    assert french("Pourquoi coopérer ? « Ensemble » : oui ; l'école !") == (
        f"Pourquoi coopérer{NBSP}? «{NBSP}Ensemble{NBSP}»{NBSP}: oui{NBSP}; l’école{NBSP}!"
    )
    assert french("https://www.example.org/ à 10:30") == "https://www.example.org/ à 10:30"
    assert french("N° 303, de 9 h 30 à 17 h") == f"N°{NBSP}303, de 9{NBSP}h{NBSP}30 à 17{NBSP}h"


def test_rich_text_makes_paragraphs_and_lists():
    assert rich_text("Un <b> & l'autre.\nSuite.\n\n- un\n- deux\n") == (
        "<p>Un &lt;b&gt; &amp; l’autre. Suite.</p><ul><li>un</li><li>deux</li></ul>"
    )


def assert_valid_pdf(data, pages):
    """A PDF whose cross-reference table points at each object, with `pages` pages."""
    assert data.startswith(b"%PDF-1.4\n") and data.rstrip().endswith(b"%%EOF")
    xref_at = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert data[xref_at:].startswith(b"xref\n")
    lines = data[xref_at:].split(b"\n")
    count = int(lines[1].split()[1])
    for number, line in enumerate(lines[3 : 3 + count - 1], start=1):
        offset = int(line.split()[0])
        assert data[offset:].startswith(b"%d 0 obj\n" % number)
    if pages is not None:
        assert b"/Count %d" % pages in data


def test_the_data_names_every_media_file_and_each_is_valid():
    """Each image and document the data names is in fixtures/demo/media/, and nothing else."""
    media = tomllib.loads((DATA_DIR / "media.toml").read_text("utf-8"))
    partners = tomllib.loads((DATA_DIR / "partners.toml").read_text("utf-8"))["partner"]
    reviews = tomllib.loads((DATA_DIR / "revues.toml").read_text("utf-8"))["page"]
    images = {item["file"] for item in media["image"]} | {item["logo"] for item in partners}
    images |= {review["cover"] for review in reviews}
    documents = {item["file"] for item in media["document"]} | {review["pdf"] for review in reviews}
    folder = DATA_DIR / "media"
    assert {path.name for path in folder.iterdir()} == images | documents
    for name in images:
        with PILImage.open(folder / name) as image:
            assert image.format == "PNG" and image.width >= 192, name
    for name in documents - {"kit-assurances-occe.zip"}:
        assert_valid_pdf((folder / name).read_bytes(), pages=None)
    council = (folder / "pourquoi-un-conseil-de-cooperative.pdf").read_bytes()
    assert "Ce que les élèves y apprennent".encode("cp1252") in council  # in the fonts' encoding


def test_an_unknown_block_is_a_data_error_and_a_path_with_a_query_is_kept(home_page):
    site = DemoSite(home_page)
    with pytest.raises(DemoDataError):
        site.block({"tableau": "x"}, where="test")
    assert site.link("Cycle 1", "/ressources/?cycle=cycle-1") == {
        "label": "Cycle 1",
        "page": None,
        "url": "/ressources/?cycle=cycle-1",
    }


def test_the_address_it_is_served_at_becomes_the_default_sites(client, demo):
    """`make run` serves the demo at 127.0.0.1:8000: its canonical addresses and robots.txt say so."""
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)
    load(address="127.0.0.1:8000")
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_an_address_an_administrator_chose_is_kept(demo):
    Site.objects.filter(is_default_site=True).update(hostname="www.occe.coop", port=443)
    load(address="127.0.0.1:8000")
    assert Site.objects.filter(hostname="www.occe.coop", port=443, is_default_site=True).exists()


def test_an_address_without_a_port_is_refused(demo):
    with pytest.raises(CommandError, match="Adresse invalide"):
        load(address="127.0.0.1")
