"""The SQLite search's reading of a query (search/engines/sqlite.py): quoted phrases, "-" and "or"
as websearch_to_tsquery reads them, turned into FTS5 expressions made of quoted stems and FTS5's
own operators only, whatever the visitor typed; and what those expressions find, order and mark."""

import re

import pytest
from django.db import connection

from search.engines.sqlite import FTS_TABLE, MATCHING_IDS, matching
from tests.search.test_search_phrases_and_negations import councils, search  # noqa: F401 (a fixture)

COLUMNS = "{title summary body} : "

QUERIES = [
    ("école", '("ecol")', ""),
    ("école coopérative", '("ecol" AND "cooper")', ""),
    ('"conseil de coopérative"', '("conseil cooper")', ""),
    ('"conseil de la coopérative" voté', '("conseil cooper" AND "vot")', ""),
    ("-coopérative", "", '("cooper")'),
    ("-coopérative -école", "", '("cooper" OR "ecol")'),
    ("conseil -kermesse", '(("conseil") NOT ("kermess"))', ""),
    ('conseil -"conseil de coopérative"', '(("conseil") NOT ("conseil cooper"))', ""),
    ('"conseil de coopérative" or kermesse', '(("conseil cooper") OR ("kermess"))', ""),
    ("kermesse OR -coopérative", '("kermess")', '("cooper")'),
    ("-kermesse or -coopérative", "", '(("kermess") AND ("cooper"))'),
    ("école or", '("ecol")', ""),
    ("or école", '("ecol")', ""),
    ("école or or fête", '(("ecol") OR ("fet"))', ""),
    ("--école", '("ecol")', ""),
    ("- école", '("ecol")', ""),
    ('"conseil de', '("conseil")', ""),
    ('conseil"coopérative école"', '("conseil" AND "cooper ecol")', ""),
    ("l’école-maternelle", '("ecol maternel")', ""),
    ('"or"', '("or")', ""),
    ("-or", "", '("or")'),
    ("le -la", "", ""),
    ('-""', "", ""),
    # Hostile input: FTS5's syntax is only ever words.
    ("NEAR(école coopérative) OR title:école", '(("near ecol" AND "cooper") OR ("titl ecol"))', ""),
    ("& | ! : * ( ) ' \" \\ < > ~ -", "", ""),
    ("école*", '("ecol")', ""),
    ('""" école ""', '("ecol")', ""),
    ("{title} : école", '("titl" AND "ecol")', ""),
    ("école AND NOT coopérative", '("ecol" AND "and" AND "not" AND "cooper")', ""),
    ("^école + coopérative", '("ecol" AND "cooper")', ""),
    ('title:"x" NOT y', '("titl" AND "x" AND "not")', ""),
    ("<script>alert('x')</script>", '("script alert x script")', ""),
    ("école\x00coopérative", '("ecol cooper")', ""),
]


@pytest.mark.parametrize(("query", "match", "left_out"), QUERIES)
def test_a_query_becomes_fts5_expressions(query, match, left_out):
    found = matching(query)
    assert found.match == (COLUMNS + match if match else "")
    assert found.left_out == (COLUMNS + left_out if left_out else "")
    assert bool(found) == bool(match or left_out)


# What an expression may hold besides quoted stems: the column filter, brackets and operators.
QUOTED_STEMS = re.compile(r'"[a-z0-9_ ]+"')
SYNTAX = re.compile(r"(\{title summary body\} : |[()]|AND|OR|NOT| )*")


@pytest.mark.parametrize("query", [query for query, _match, _left_out in QUERIES])
def test_nothing_but_quoted_stems_comes_from_the_visitor(query):
    found = matching(query)
    for expression in (found.match, found.left_out):
        assert SYNTAX.fullmatch(QUOTED_STEMS.sub("", expression)), expression


@pytest.fixture
def sqlite_only(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite seulement")


@pytest.mark.parametrize("query", [query for query, _match, _left_out in QUERIES])
def test_every_expression_is_valid_fts5(sqlite_only, query):
    found = matching(query)
    with connection.cursor() as cursor:
        for expression in filter(None, (found.match, found.left_out)):
            cursor.execute(MATCHING_IDS, [expression])
            assert cursor.fetchall() == []
    assert FTS_TABLE in MATCHING_IDS


def titles_in_order(client, q, **params):
    results, _titles = search(client, q, **params)
    return [page.title for page in results.results]


def test_negations_only_are_the_newest_pages_without_the_words_in_either_order(
    client,
    sqlite_only,
    councils,  # noqa: F811
):
    newest_first = sorted(councils.values(), key=lambda page: page.publication_date, reverse=True)
    left_in = [
        page.title
        for page in newest_first
        if page.title not in {"Kermesse", "Séance de juin", "Séance de juillet"}
    ]
    by_relevance = titles_in_order(client, "-kermesse -juillet")
    assert [title for title in by_relevance if title in {page.title for page in newest_first}] == left_in
    assert titles_in_order(client, "-kermesse -juillet", tri="date") == by_relevance


def test_or_with_a_negation_alone_adds_the_pages_without_the_word(client, sqlite_only, councils):  # noqa: F811
    results, titles = search(client, "voté or -coopérative")
    assert {councils[key].title for key in ("more stop words", "inflected", "neither")} <= titles
    assert not titles & {councils[key].title for key in ("phrase", "apart", "reversed", "in the title")}
    assert results.total == len(titles)


def test_the_page_whose_title_is_the_query_less_its_negations_comes_first(
    client,
    sqlite_only,
    councils,  # noqa: F811
):
    assert titles_in_order(client, "conseil coopérative -kermesse")[0] == "Conseil de coopérative"
    assert titles_in_order(client, "kermesse or conseil coopérative")[0] in {
        "Kermesse",
        "Conseil de coopérative",
    }


def test_phrase_words_are_marked_and_negated_words_are_not(client, sqlite_only, councils):  # noqa: F811
    response = client.get("/recherche/", {"q": 'fête or "conseil de coopérative" -kermesse'})
    cards = {card.pk: card for card in response.context["results"].results}
    assert "<mark>conseil</mark> de <mark>coopérative</mark>" in str(cards[councils["phrase"].pk].excerpt)
    neither = cards[councils["neither"].pk]
    assert str(neither.title_html) == "Kermesse"
    assert "<mark>fête</mark>" in str(neither.excerpt)
