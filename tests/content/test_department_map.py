"""The map of « Près de chez vous »: made from the npm packages by a script, not by hand; every
département a link, to its association or to the federation; no query of its own."""

import importlib.util
import re
from pathlib import Path

import pytest

from content import department_map
from content.departments import DEPARTMENTS
from content.models import DepartmentalAssociationPage
from tests.content.test_query_counts import count_queries
from tests.factories import make_content

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_department_map.py"
# The overseas collectivities (Saint-Pierre-et-Miquelon, Wallis-et-Futuna…) are not départements:
# the search finds their associations, the map does not draw them.
NOT_ON_THE_MAP = {"975", "977", "978", "986", "987", "988"}


def load_script():
    spec = importlib.util.spec_from_file_location("build_department_map", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_map_is_what_the_script_makes_from_the_npm_packages():
    script = load_script()
    if not script.METROPOLE.exists() or not script.WORLD.exists():
        pytest.skip("node_modules/@svg-maps absent : lancez `npm ci` (make npm-tools)")
    assert script.OUTPUT.read_text(encoding="utf-8") == script.build(), "make department-map"


def test_the_map_draws_every_departement_once_overseas_included():
    layout = department_map.layout()
    assert set(layout.codes) == set(DEPARTMENTS) - NOT_ON_THE_MAP
    assert len(layout.codes) == 101
    assert layout.codes[:3] == ("01", "02", "03")
    assert layout.codes[-5:] == ("971", "972", "973", "974", "976")
    assert layout.real_place_codes == ("75", "92", "93", "94")
    sprite = (ROOT / "static" / department_map.SPRITE).read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0" in sprite  # the licence travels with the file
    assert "<script" not in sprite and "style=" not in sprite


@pytest.fixture
def associations(home_page):
    return {
        code: make_content(DepartmentalAssociationPage, home_page, title=f"OCCE {code}", department_code=code)
        for code in ["93", "2A", "974", "975"]
    }


@pytest.mark.django_db
def test_each_departement_links_to_its_association_or_to_the_federation(client, associations):
    response = client.get("/pres-de-chez-vous/")
    areas = {area.code: area for area in response.context["department_map"]["areas"]}
    assert len(areas) == 101
    assert areas["93"].url == associations["93"].url
    assert areas["93"].has_association
    assert areas["974"].url == associations["974"].url
    assert areas["48"].url == "/"
    assert not areas["48"].has_association
    assert areas["48"].label == "Lozère (48) : pas encore d’association en ligne, la fédération"
    assert areas["2A"].label == "Corse-du-Sud (2A)"
    assert "975" not in areas  # Saint-Pierre-et-Miquelon: found by the search only
    # The search still finds by code, name or postal code, beside the map.
    found = client.get("/pres-de-chez-vous/", {"q": "97411"})
    assert [page.title for page in found.context["associations"]] == ["OCCE 974"]
    assert len(found.context["department_map"]["areas"]) == 101


@pytest.mark.django_db
def test_the_map_markup_names_each_link_and_credits_its_source(client, associations):
    html = client.get("/pres-de-chez-vous/").content.decode()
    svg = html.split('<svg class="department-map__svg"', 1)[1].split("</svg>", 1)[0]
    labelled = re.findall(
        r'<a href="([^"]+)" class="department-map__area department-map__area--(\w+)" aria-label="([^"]+)">',
        svg,
    )
    assert len(labelled) == 101
    assert (associations["93"].url, "association", "Seine-Saint-Denis (93)") in labelled
    assert ("/", "federation", "Lozère (48) : pas encore d’association en ligne, la fédération") in labelled
    # At their real place, the inner suburbs are for the mouse only: not a second tab stop.
    assert svg.count('tabindex="-1" aria-hidden="true"') == 4
    assert svg.count('href="/static/img/carte-departements.svg#d-') == 105
    assert "Pas encore d’association en ligne" in html  # the legend
    assert 'rel="license">CC BY 4.0</a>' in html
    assert 'class="finder"' in html  # the search stays


@pytest.mark.django_db
def test_the_map_costs_no_query_whatever_the_number_of_associations(client, home_page):
    for code in ["01", "02"]:
        make_content(DepartmentalAssociationPage, home_page, department_code=code)
    few = count_queries(client, "/pres-de-chez-vous/")
    for code in ["03", "04", "05", "06", "07", "08", "09", "10", "11", "12"]:
        make_content(DepartmentalAssociationPage, home_page, department_code=code)
    many = count_queries(client, "/pres-de-chez-vous/")
    assert many == few
    assert many <= 10
    assert count_queries(client, "/pres-de-chez-vous/?q=01") == few  # searching reads no more
