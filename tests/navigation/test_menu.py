"""The header renders what the editor published, in order, and follows the editor's changes."""

import re

import pytest
from django.core.exceptions import ValidationError

from content.blocks import NavLinkBlock, validate_link_target
from content.models import StandardPage
from tests.factories import link, make_content, make_main_menu
from tests.navigation.conftest import ENTRY_LABELS, entry

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def header_of(client, url="/"):
    html = client.get(url).content.decode()
    return html[html.index("<header") : html.index("</header>")]


def test_main_entries_are_shown_in_the_editors_order(client, seed_menu):
    header = header_of(client)
    positions = [header.index(label) for label in ENTRY_LABELS]
    assert positions == sorted(positions)


def test_utility_links_and_groups_are_shown_in_the_editors_order(client, seed_menu):
    header = header_of(client)
    labels = [
        "Nous connaître",
        "Notre histoire",
        "Notre mission",
        "Nous contacter",
        "Près de chez vous",
    ]
    positions = [header.index(label) for label in labels]
    assert positions == sorted(positions)
    assert '<a class="utility-nav__link" href="https://extranet.example.org/">Se connecter</a>' in header


def test_sub_links_point_to_pages_or_addresses(client, seed_menu, about_page):
    header = header_of(client)
    assert f'<a href="{about_page.url}">Vivre la démocratie à l’école</a>' in header
    assert '<a href="/citoyennete/">Développer la citoyenneté</a>' in header


def test_a_panel_shows_a_promotion_with_its_image_alt_text_and_links(client, seed_menu):
    header = header_of(client)
    assert "Les agendas coopératifs" in header
    assert 'alt="Couverture de « Mon premier agenda coopératif »"' in header
    assert re.search(r'<source type="image/webp" srcset="[^"]+\.webp 1x, [^"]+\.webp 2x">', header)
    for cycle in ("Cycle 1", "Cycle 2", "Cycle 3"):
        assert f">{cycle}</a>" in header


def test_a_panel_shows_documents_with_their_type_and_size(client, seed_menu):
    header = header_of(client)
    assert f"Fichier PDF - 429{NBSP}Ko" in header
    assert f"Dossier compressé - 1,5{NBSP}Mo" in header
    assert 'alt="Icône représentant un parapluie"' in header
    assert re.search(r'<a href="/documents/\d+/conseil[^"]*\.pdf" download>', header)


def test_a_kicker_and_the_whole_section_link_are_shown(client, seed_menu, about_page):
    header = header_of(client)
    assert '<p class="menu-feature__kicker">Actualité</p>' in header
    assert f'<a href="{about_page.url}">Toute la rubrique' in header


def test_panels_open_without_javascript(client, seed_menu):
    """Each panel is a <details> whose <summary> opens it; JavaScript turns it into a button."""
    header = header_of(client)
    assert header.count('<details class="mega-menu__details" name="site-nav" data-disclosure>') == 4
    for number in range(1, 5):
        assert f'id="menu-panel-{number}" data-disclosure-panel' in header
    assert '<summary class="mega-menu__toggle">Gérer ma coopérative scolaire</summary>' in header


def test_the_mobile_menu_button_waits_for_javascript(client, seed_menu):
    header = header_of(client)
    assert (
        '<button class="site-header__menu-toggle" type="button" aria-expanded="false" '
        'aria-controls="site-navigation" data-menu-toggle hidden>Menu</button>'
    ) in header
    assert 'id="site-navigation"' in header


def test_the_link_to_the_current_page_is_marked(client, seed_menu, mission_page):
    header = header_of(client, mission_page.url)
    assert f'<a href="{mission_page.url}" aria-current="page">Notre mission</a>' in header


def test_a_link_to_an_unpublished_page_is_left_out(client, seed_menu, mission_page):
    mission_page.unpublish()
    assert "Notre mission" not in header_of(client)


def test_a_published_change_is_shown_on_the_next_view(client, seed_menu):
    assert "Nouvelle rubrique" not in header_of(client)
    seed_menu.entries = [entry("Nouvelle rubrique", links=[link("Un lien", url="/un-lien/")])]
    seed_menu.save_revision().publish()
    header = header_of(client)
    assert "Nouvelle rubrique" in header
    assert ENTRY_LABELS[0] not in header


def test_a_draft_is_not_shown_until_it_is_published(client, seed_menu):
    seed_menu.entries = [entry("Rubrique en préparation", links=[link("Un lien", url="/x/")])]
    revision = seed_menu.save_revision()
    assert "Rubrique en préparation" not in header_of(client)
    revision.publish()
    assert "Rubrique en préparation" in header_of(client)


def test_renaming_a_linked_page_updates_the_menu(client, seed_menu, mission_page):
    mission_page.title = "Notre mission (nouveau titre)"
    mission_page.slug = "mission"
    mission_page.save_revision().publish()
    assert 'href="/nous-connaitre/mission/"' in header_of(client)


def test_before_a_menu_is_published_the_home_pages_children_in_menus_are_listed(client, home_page):
    shown = make_content(StandardPage, home_page, title="Nous rejoindre", show_in_menus=True)
    make_content(StandardPage, home_page, title="Mentions légales", show_in_menus=False)
    header = header_of(client)
    assert f'<a class="mega-menu__link" href="{shown.url}">Nous rejoindre</a>' in header
    assert "Mentions légales" not in header


def test_an_unpublished_menu_leaves_the_fallback_in_place(client, home_page):
    make_main_menu(entries=[entry("Brouillon", links=[link("x", url="/x/")])], publish=False)
    assert "Brouillon" not in header_of(client)


@pytest.mark.parametrize(
    "value",
    ["/plan-du-site/", "https://www.occe.coop/", "mailto:contact@occe.coop", "tel:+33100000000"],
)
def test_a_menu_link_accepts_a_path_of_the_site_or_a_full_address(value):
    validate_link_target(value)


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "//example.org/",
        "plan-du-site",
        "ftp://x.org/",
        # Paths that browsers read as another host: "\\" counts as "/", tabs and newlines vanish.
        "/\\evil.example",
        "/\\\\evil.example",
        "\\\\evil.example",
        "///evil.example",
        "/\t/evil.example",
        "/\n/evil.example",
        "/plan-du-site/\x00",
    ],
)
def test_a_menu_link_refuses_other_targets(value):
    with pytest.raises(ValidationError):
        validate_link_target(value)


def test_a_menu_link_needs_a_page_or_an_address_not_both(about_page):
    block = NavLinkBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "Vide", "page": None, "url": ""}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"label": "Les deux", "page": about_page.pk, "url": "/x/"}))
    assert block.clean(block.to_python({"label": "Chemin", "page": None, "url": "/x/"}))["url"] == "/x/"


def test_a_menu_filled_from_raw_data_as_a_management_command_would(client, home_page):
    """The shape documented in content/models/navigation.py for the demo content command."""
    from wagtail.models import Site

    from content.models import MainMenu
    from tests.factories import make_document

    site = Site.objects.get(is_default_site=True)
    page = make_content(StandardPage, home_page, title="Le mandataire OCCE")
    document = make_document(filename="kit.zip", size=1_572_864)
    menu, _ = MainMenu.objects.update_or_create(
        site=site,
        defaults={
            "entries": [
                {
                    "type": "entry",
                    "value": {
                        "label": "Gérer ma coopérative scolaire",
                        "links": [{"label": "Le mandataire OCCE", "page": page.pk, "url": ""}],
                        "features": [
                            {
                                "type": "document",
                                "value": {
                                    "title": "Notre kit assurances",
                                    "text": "Tout sur l’assurance.",
                                    "document": document.pk,
                                },
                            }
                        ],
                    },
                },
            ],
        },
    )
    menu.save_revision().publish()
    header = header_of(client)
    assert f'<a href="{page.url}">Le mandataire OCCE</a>' in header
    assert f"Dossier compressé - 1,5{NBSP}Mo" in header


def test_replacing_a_document_updates_its_size_in_the_menu(client, seed_menu):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    assert f"Fichier PDF - 429{NBSP}Ko" in header_of(client)
    document = Document.objects.get(title="Conseil de coopérative")
    document.file = ContentFile(b"%PDF-1.4\n" + b"0" * (2 * 1024 * 1024), name="conseil-v2.pdf")
    document.file_size = None
    document.save()
    assert f"Fichier PDF - 2{NBSP}Mo" in header_of(client)
