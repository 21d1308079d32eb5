"""Highlighted excerpts on /recherche/: where the words were found, the matched words in <mark>,
escaped; the summary without a query. On whichever database the tests run (SQLite, PostgreSQL)."""

import datetime
import re

import pytest

from content.models import NewsPage
from tests.factories import make_content

FILLER = (
    "Les classes de la circonscription se retrouvent chaque printemps pour présenter leurs travaux "
    "aux familles, aux partenaires et aux élus de la commune, dans une salle prêtée par la mairie. "
)


@pytest.fixture
def pages(home_page):
    day = datetime.date(2025, 1, 1)

    def add(title, summary, body, days):
        return make_content(
            NewsPage,
            home_page,
            title=title,
            summary=summary,
            body=[("paragraph", f"<p>{body}</p>")],
            publication_date=day + datetime.timedelta(days=days),
        )

    return {
        "summary": add(
            "Vie de la classe", "La coopérative scolaire et la Coopération à l’école.", "Texte.", 1
        ),
        "body": add(
            "Rencontre de printemps",
            "Une journée de fête.",
            FILLER * 3 + "Les élèves ont présenté leur coopérative au public. " + FILLER * 3,
            2,
        ),
        "hostile": add(
            "Une coopérative en danger",
            "Rien à signaler.",
            "La coopérative écrit &lt;script&gt;alert(1)&lt;/script&gt; et &lt;mark&gt;faux&lt;/mark&gt; ici.",
            3,
        ),
    }


def cards(client, query):
    response = client.get("/recherche/", {"q": query})
    return response, {card.pk: card for card in response.context["results"].results}


def plain(html):
    return re.sub(r"</?mark>", "", str(html))


def test_every_inflection_the_stemmer_matched_is_marked_in_the_summary(client, pages):
    _response, found = cards(client, "coopératives")
    excerpt = str(found[pages["summary"].pk].excerpt)
    assert "<mark>coopérative</mark>" in excerpt
    assert "<mark>Coopération</mark>" in excerpt
    assert "<mark>" not in excerpt.replace("<mark>coopérative</mark>", "").replace(
        "<mark>Coopération</mark>", ""
    )


def test_accents_do_not_matter(client, pages):
    _response, found = cards(client, "cooperative")
    assert "<mark>coopérative</mark>" in str(found[pages["summary"].pk].excerpt)


def test_the_title_words_are_marked(client, pages):
    response, found = cards(client, "coopérative")
    assert str(found[pages["hostile"].pk].title_html) == "Une <mark>coopérative</mark> en danger"
    assert "Une <mark>coopérative</mark> en danger" in response.content.decode()


def test_from_the_body_when_the_summary_lacks_the_word_cut_at_words_with_ellipses(client, pages):
    _response, found = cards(client, "coopérative")
    excerpt = str(found[pages["body"].pk].excerpt)
    assert "<mark>coopérative</mark>" in excerpt
    text = plain(excerpt)
    assert text.startswith("…") and text.endswith("…")
    assert 160 <= len(text) <= 242
    body = " ".join(
        (FILLER * 3 + "Les élèves ont présenté leur coopérative au public. " + FILLER * 3).split()
    )
    inner = text.strip("…")
    assert re.search(r"(^|\s)" + re.escape(inner) + r"(?!\w)", body)  # whole words, in order


def test_markup_from_the_content_is_shown_escaped(client, pages):
    response, found = cards(client, "coopérative")
    excerpt = str(found[pages["hostile"].pk].excerpt)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in excerpt
    assert "&lt;mark&gt;faux&lt;/mark&gt;" in excerpt
    assert not excerpt.startswith("…") and not excerpt.endswith("…")  # the whole body, uncut
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "<mark>faux" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_browse_without_a_query_shows_the_summary(client, pages):
    response = client.get("/recherche/")
    results = response.context["results"].results
    assert results and not any(getattr(card, "excerpt", None) for card in results)
    html = response.content.decode()
    assert "Une journée de fête." in html
    assert "<mark>" not in html
