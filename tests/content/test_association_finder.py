import pytest

from content.departments import find_departments
from content.models import DepartmentalAssociationPage
from tests.factories import make_content


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("93", ["93"]),
        ("Seine-Saint-Denis", ["93"]),
        ("seine saint denis", ["93"]),
        ("93500", ["93"]),
        ("2A", ["2A"]),
        ("2b", ["2B"]),
        ("20000", ["2A"]),
        ("20600", ["2B"]),
        ("97400", ["974"]),
        ("974", ["974"]),
        ("5", ["05"]),
        ("Hérault", ["34"]),
        ("herault", ["34"]),
        ("Côte d’Or", ["21"]),
        ("99", []),
        ("00000", []),
        ("<script>", []),
        ("", []),
    ],
)
def test_find_departments(query, codes):
    assert find_departments(query) == codes


def test_a_partial_name_finds_every_department_with_a_word_starting_so():
    assert set(find_departments("loire")) == {"42", "43", "44", "45", "37", "49", "71"}
    assert find_departments("loire")[0] == "42"  # the exact name first


@pytest.fixture
def associations(home_page):
    return [
        make_content(
            DepartmentalAssociationPage,
            home_page,
            title=title,
            department_code=code,
            postal_code=postal,
        )
        for title, code, postal in [
            ("OCCE 93", "93", "93500"),
            ("OCCE 2A", "2A", "20000"),
            ("OCCE 974", "974", "97400"),
            ("OCCE 75", "75", "75011"),
        ]
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("93", "OCCE 93"),
        ("Seine-Saint-Denis", "OCCE 93"),
        ("93500", "OCCE 93"),
        ("2A", "OCCE 2A"),
        ("Ajaccio 20090", None),
        ("97411", "OCCE 974"),
    ],
)
def test_pres_de_chez_vous_finds_the_association(client, associations, query, found):
    response = client.get("/pres-de-chez-vous/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    listed = [a.title for a in associations if f">{a.title}</a>" in html.split('id="associations-title"')[1]]
    if found:
        assert listed == [found]
        assert "1 association pour «&nbsp;" in html
    else:
        assert listed == []
        assert "Aucune association pour" in html


@pytest.mark.django_db
def test_pres_de_chez_vous_lists_every_association_without_a_query(client, associations):
    html = client.get("/pres-de-chez-vous/").content.decode()
    assert all(f">{a.title}</a>" in html for a in associations)
    assert "Toutes les associations départementales" in html
