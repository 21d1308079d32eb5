"""« Vouliez-vous dire … ? »: the lexicon of indexed words and the corrections built from it."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Site

from content.models import NewsPage, ResourcePage
from search.corrections import suggest_correction
from search.engines import engine
from search.lexicon import LexiconStem, LexiconTrigram, LexiconWord
from tests.factories import make_content

pytestmark = pytest.mark.django_db


def stem_count(folded):
    word = LexiconWord.objects.get(folded=folded)
    return LexiconStem.objects.filter(stem=word.stem).values_list("doc_count", flat=True).first() or 0


def test_the_lexicon_follows_publication_edits_and_unpublication(home_page):
    first = make_content(ResourcePage, home_page, title="La coopérative scolaire", summary="Un guide.")
    make_content(NewsPage, home_page, title="Une coopérative en fête", summary="Des nouvelles.")
    word = LexiconWord.objects.get(folded="cooperative")
    assert word.word == "coopérative"
    assert stem_count("cooperative") == 2
    assert stem_count("scolaire") == 1

    first.title, first.summary = "Le conseil d’élèves", "Un guide."
    first.save_revision().publish()
    assert stem_count("cooperative") == 1
    assert stem_count("conseil") == 1

    first.unpublish()
    assert stem_count("conseil") == 0
    assert stem_count("cooperative") == 1


def test_the_rebuild_starts_the_lexicon_afresh_with_the_same_counts(home_page):
    make_content(ResourcePage, home_page, title="La coopérative scolaire", summary="La coopérative.")
    make_content(NewsPage, home_page, title="Coopératives en fête", summary="Des nouvelles.")
    before = dict(LexiconStem.objects.values_list("stem", "doc_count"))
    engine().rebuild()
    assert dict(LexiconStem.objects.values_list("stem", "doc_count")) == before
    assert before[LexiconWord.objects.get(folded="cooperative").stem] == 2


def test_sqlite_keeps_the_trigrams_of_each_word(home_page):
    make_content(ResourcePage, home_page, title="Harcèlement", summary="Un texte.")
    grams = set(LexiconTrigram.objects.filter(word_id="harcelement").values_list("trigram", flat=True))
    from django.db import connection

    if connection.vendor == "sqlite":
        assert {"  h", " ha", "har", "nt "} <= grams
    else:
        assert grams == set()  # PostgreSQL uses pg_trgm on the word itself


@pytest.fixture
def corpus_with_typos(home_page):
    for number in range(3):
        make_content(
            ResourcePage, home_page, title=f"La coopérative scolaire {number}", summary="Démocratie."
        )
    make_content(NewsPage, home_page, title="Le harcèlement", summary="Prévenir le harcèlement.")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("coperative", "coopérative"),
        ("COOPERATVE", "coopérative"),
        ("harcelment", "harcèlement"),
        ("democratie scolere", "democratie scolaire"),
        ("scolere cooperatve", "scolaire coopérative"),
        ('"la cooperatve" -harcelment', '"la coopérative" -harcèlement'),
    ],
)
def test_each_misspelled_word_is_corrected_on_its_own(corpus_with_typos, typed, expected):
    assert suggest_correction(typed) == expected


@pytest.mark.parametrize(
    "query", ["coopérative", "cooperatives", "Démocratie scolaire", "harcèlement", "zzzz"]
)
def test_a_correct_query_or_one_with_nothing_close_gets_no_suggestion(corpus_with_typos, query):
    assert suggest_correction(query) is None


def test_the_results_page_offers_the_correction_as_a_link(client, corpus_with_typos):
    response = client.get("/recherche/", {"q": "coperative"})
    assert response.context["correction"] == "coopérative"
    html = response.content.decode()
    assert re.search(
        r"Vouliez-vous dire «&nbsp;<a href=\"/recherche/\?q=coop%C3%A9rative\">coopérative</a>&nbsp;»&nbsp;\?",
        html,
    )
    followed = client.get("/recherche/", {"q": "coopérative"})
    assert followed.context["correction"] is None
    assert followed.context["results"].total == 3


def test_the_most_frequent_of_equally_close_words_wins(home_page):
    make_content(ResourcePage, home_page, title="Le conte", summary="Un texte.")
    for number in range(3):
        make_content(ResourcePage, home_page, title=f"Le compte {number}", summary="Un texte.")
    # "conpte" is one edit from both "conte" and "compte": the one in more pages wins.
    assert suggest_correction("conpte") == "compte"


# --- On the demo site ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_site, db):
    return Site.objects.get(is_default_site=True).root_page.specific


def test_the_demo_examples(client, demo):
    expected = {
        "coperative": "coopérative",
        "cooperatve": "coopérative",
        "harcelment": "harcèlement",
        "delegé": "délégué",
        "democratie scolere": "democratie scolaire",
    }
    for typed, correction in expected.items():
        response = client.get("/recherche/", {"q": typed})
        assert response.context["correction"] == correction, typed
        assert (
            response.context["results"].total
            <= client.get("/recherche/", {"q": correction}).context["results"].total
        )
    for correct in ("coopérative", "harcèlement", "démocratie scolaire", "conseil"):
        response = client.get("/recherche/", {"q": correct})
        assert response.context["results"].total > 0
        assert response.context["correction"] is None, correct
