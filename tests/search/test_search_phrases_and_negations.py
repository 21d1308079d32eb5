"""Phrases and negations, the same on both databases: a phrase is its words in this order, next
to each other but for stop words; a query of negations only is the whole site less what it
leaves out. Counts and results agree.

On PostgreSQL (search/engines/postgres.py) they are found from the indexes alone: a phrase by its
words and its pairs of neighbouring words. On SQLite (search/engines/sqlite.py) the query is
turned into an FTS5 expression (see tests/search/test_sqlite_query_parser.py)."""

import datetime

import pytest
from django.db import connection

from content.models import NewsPage
from search.engines.postgres import LEFT_OUT, PHRASES, PHRASES_WITH_WORDS, WORDS, matching
from tests.factories import make_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils(home_page):
    start = datetime.date(2025, 1, 1)

    def add(n, title, text):
        return make_content(
            NewsPage,
            home_page,
            title=title,
            summary="Une nouvelle de l’école.",
            body=[("paragraph", f"<p>{text}</p>")],
            publication_date=start + datetime.timedelta(days=n),
        )

    return {
        "phrase": add(1, "Séance de mars", "Le conseil de coopérative s’est réuni."),
        "more stop words": add(2, "Séance d’avril", "Le conseil de la coopérative a voté."),
        "inflected": add(3, "Séance de mai", "Les conseils de coopératives ont voté."),
        "apart": add(4, "Séance de juin", "Le conseil a parlé de la kermesse de la coopérative."),
        "reversed": add(5, "Séance de juillet", "La coopérative a un conseil."),
        "in the title": add(6, "Conseil de coopérative", "Compte rendu."),
        "neither": add(7, "Kermesse", "La fête de l’école."),
    }


def search(client, q, **params):
    response = client.get("/recherche/", {"q": q, **params})
    assert response.status_code == 200
    results = response.context["results"]
    return results, {page.title for page in results.results}


def test_a_phrase_finds_its_words_next_to_each_other_but_for_stop_words(client, councils):
    results, titles = search(client, '"conseil de coopérative"')
    expected = {councils[key].title for key in ("phrase", "more stop words", "inflected", "in the title")}
    assert titles == expected
    assert results.total == len(expected)
    assert search(client, '"conseil de coopérative"', tri="date")[1] == expected


def test_the_page_whose_title_is_the_phrase_comes_first(client, councils):
    results, _titles = search(client, '"conseil de coopérative"')
    assert results.results[0].title == "Conseil de coopérative"


def test_a_phrase_among_words_requires_both(client, councils):
    _results, titles = search(client, '"conseil de coopérative" voté')
    assert titles == {councils["more stop words"].title, councils["inflected"].title}


def test_a_negation_alone_is_every_page_but_those_with_the_word(client, councils):
    results, titles = search(client, "-coopérative")
    assert councils["neither"].title in titles
    assert not titles & {councils[key].title for key in councils if key != "neither"}
    assert results.total == len(results.results)
    everything = search(client, "")[0].total
    with_the_word = search(client, "coopérative")[0].total
    assert results.total == everything - with_the_word


def test_a_negation_after_a_word_leaves_its_pages_out(client, councils):
    results, titles = search(client, "conseil -kermesse")
    assert councils["apart"].title not in titles
    assert councils["phrase"].title in titles
    assert results.total == len(titles)


def test_other_shapes_are_matched_exactly(client, councils):
    # An "or" between phrases, a negated phrase: read whole vectors, under the time limit, with
    # PostgreSQL's own phrases (each stop word holds its place: « conseil de la coopérative » is
    # not « conseil de coopérative »).
    _results, titles = search(client, '"conseil de coopérative" or kermesse')
    assert councils["neither"].title in titles and councils["phrase"].title in titles
    _results, titles = search(client, 'conseil -"conseil de coopérative"')
    left_in = {"apart", "reversed"}
    if connection.vendor == "postgresql":
        left_in.add("more stop words")
    # On SQLite, the analysed text has no stop words: a phrase, negated or not, keeps the meaning
    # it has everywhere else (its words next to each other but for stop words), so « conseil de la
    # coopérative » is left out too.
    assert titles == {councils[key].title for key in left_in}


@pytest.mark.parametrize(
    ("tsquery", "indexable", "way", "more"),
    [
        ("'conseil' <2> 'cooper'", "'conseil' <2> 'cooper'", PHRASES,
         {"words": "'conseil' & 'cooper'", "pairs": "'conseil cooper'", "others": ""}),
        ("'fete' & 'a' <-> 'b' <-> 'c'", "x", PHRASES_WITH_WORDS,
         {"words": "'fete' & 'a' & 'b' & 'c'", "pairs": "'a b' & 'b c'", "others": "'fete'"}),
        ("'l''eau' <-> 'b'", "x", PHRASES, {"words": "'l''eau' & 'b'", "pairs": "'l''eau b'", "others": ""}),
        ("!'cooper'", "T", LEFT_OUT, {"left_out": "'cooper'"}),
        ("!'cooper' & !'ecol'", "T", LEFT_OUT, {"left_out": "'cooper' | 'ecol'"}),
        ("!( 'a' <-> 'b' )", "T", WORDS, {}),
        ("'courri' & !'cooper'", "'courri'", WORDS, {}),
        ("'courri' & 'ecol'", "'courri' & 'ecol'", WORDS, {}),
        ("'a' <-> 'b' | 'c'", "'a' <-> 'b' | 'c'", WORDS, {}),
        ("'c' & !( 'a' <-> 'b' )", "'c'", WORDS, {}),
        ("", "", WORDS, {}),
    ],
)  # fmt: skip
def test_each_shape_of_query_has_its_way(tsquery, indexable, way, more):
    assert matching(tsquery, indexable) == (way, more)
