"""'Ils nous accompagnent': the active partners, in the editors' order, with safe links."""

import re

import pytest
from django.urls import reverse

from content.models import Partner

pytestmark = pytest.mark.django_db


def partners_of(client):
    html = client.get("/").content.decode()
    start = html.find('<section class="partners"')
    return "" if start < 0 else html[start : html.index("</section>", start)]


def alts(section):
    return re.findall(r'alt="([^"]*)"', section)


def test_active_partners_are_shown_in_order_under_their_heading(client, partners):
    section = partners_of(client)
    assert '<h2 id="partners-title" class="partners__title">Ils nous accompagnent</h2>' in section
    assert alts(section) == ["Réseau Canopé", "MAE", "CLEMI"]


def test_an_inactive_partner_is_hidden_and_shown_again_when_reactivated(client, partners):
    assert "Ancien partenaire" not in partners_of(client)
    former = Partner.objects.get(name="Ancien partenaire")
    former.is_active = True
    former.save()
    assert "Ancien partenaire" in alts(partners_of(client))


def test_logos_are_lazy_renditions_with_the_partners_name_as_alt_text(client, partners):
    section = partners_of(client)
    image = re.search(r'<img src="([^"]+)" srcset="[^"]+" width="(\d+)" height="(\d+)" alt="MAE"', section)
    assert image and ".max-180x90." in image.group(1)
    assert section.count('loading="lazy"') == 3
    assert section.count('type="image/webp"') == 3


def test_partner_links_open_safely(client, partners):
    section = partners_of(client)
    assert ('<a class="partners__link" href="https://www.mae.fr/" target="_blank" rel="noopener">') in section
    assert section.count("(nouvel onglet)") == 2  # CLEMI has no address: no link


def test_reordering_in_the_admin_changes_the_footer(admin_client, client, partners):
    assert alts(partners_of(client)) == ["Réseau Canopé", "MAE", "CLEMI"]
    clemi = Partner.objects.get(name="CLEMI")
    url = reverse("wagtailsnippets_content_partner:reorder", args=[clemi.pk])
    response = admin_client.post(f"{url}?position=0")
    assert response.status_code == 200
    assert alts(partners_of(client)) == ["CLEMI", "Réseau Canopé", "MAE"]


def test_deleting_a_partner_removes_it(client, partners):
    partners_of(client)
    Partner.objects.get(name="MAE").delete()
    assert alts(partners_of(client)) == ["Réseau Canopé", "CLEMI"]


def test_without_partners_the_section_is_absent(client, home_page):
    assert partners_of(client) == ""
