"""Arbitrary text, bytes and parameter combinations against the public views: never a 500,
and whatever is shown back is escaped."""

from urllib.parse import quote_from_bytes, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.models import DepartmentalAssociationPage, NewsPage, ResourcePage
from tests.factories import make_content

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MARKER = "<b>marqueur</b>"

parameter_names = st.sampled_from(["q", "type", "page", "tri", "theme", "cycle", "x"])
parameter_values = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "0",
            "-1",
            "1e9",
            "99999999999999999999",
            "ressources",
            "date",
            "citoyennete",
            "cycle-1",
            "'; DROP TABLE wagtailcore_page; --",
            "\x00",
            "%00",
            "&",
            "=",
            "☃",
            "🦄" * 50,
        ]
    ),
)
parameters = st.lists(st.tuples(parameter_names, parameter_values), max_size=8)


@pytest.fixture
def site(home_page):
    make_content(NewsPage, home_page, title="Une école coopérative")
    make_content(ResourcePage, home_page, title="Le conseil de coopérative")
    make_content(DepartmentalAssociationPage, home_page, title="OCCE 93", department_code="93")
    return home_page


def assert_safe(response):
    assert response.status_code in (200, 301, 302, 400), response.status_code
    html = response.content.decode(errors="replace")
    assert MARKER not in html


@FUZZ
@given(params=parameters, extra=st.text(max_size=50))
@pytest.mark.parametrize("path", ["/recherche/", "/actualites/", "/ressources/", "/pres-de-chez-vous/"])
def test_arbitrary_parameters_never_fail(client, site, path, params, extra):
    query = urlencode([*params, ("q", extra + MARKER)])
    assert_safe(client.get(f"{path}?{query}"))


@FUZZ
@given(raw=st.binary(max_size=200))
@pytest.mark.parametrize("path", ["/recherche/", "/ressources/", "/pres-de-chez-vous/"])
def test_arbitrary_bytes_in_the_query_string_never_fail(client, site, path, raw):
    encoded = quote_from_bytes(raw, safe="")
    assert_safe(client.get(f"{path}?q={encoded}&type={encoded}&page={encoded}&theme={encoded}"))
