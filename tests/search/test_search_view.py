"""The search page at /recherche/: facets with counts, results, pagination, sorting.

Behaviour is read from `response.context`; each component's markup has one test.
"""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageViewRestriction, Site

from content.models import NewsPage
from search.engines import engine
from search.models import SearchDocument
from tests.factories import make_content

pytestmark = pytest.mark.django_db


def get(client, **params):
    response = client.get("/recherche/", params)
    assert response.status_code == 200
    return response


def html(response):
    return response.content.decode()


def facets(response):
    return {facet.label: facet.count for facet in response.context["results"].facets}


def result_titles(response):
    return [page.title for page in response.context["results"].results]


def test_counts_per_type_and_total_for_a_query(client, corpus):
    response = get(client, q="école")
    assert facets(response) == {
        "Tous": 7,
        "Ressources": 3,
        "Projets": 0,
        "Revues": 0,
        "Webinaires": 0,
        "Articles": 1,
        "Actualités": 2,
        "Événements": 0,
        "Pages": 1,
        "Ass. départementales": 0,
    }
    assert response.context["results"].selected_total == 7
    assert len(result_titles(response)) == 7


def test_the_count_heading_names_the_query(client, corpus):
    assert "7 résultats pour «&nbsp;école&nbsp;»" in html(get(client, q="école"))
    assert "10 contenus, du plus récent au plus ancien" in html(get(client))


def test_counts_without_a_query_cover_every_page_newest_first(client, corpus):
    response = get(client)
    assert facets(response)["Tous"] == 10
    assert facets(response)["Ressources"] == 4
    assert result_titles(response)[:3] == [
        "Mentions légales",
        "Notre mission",
        "Pourquoi coopérer à l’école ?",
    ]
    assert response.context["results"].selected_total == 10


def test_counts_do_not_change_with_selected_type(client, corpus):
    everything = facets(get(client, q="école"))
    news_only = get(client, q="école", type="actualites")
    assert facets(news_only) == everything
    assert result_titles(news_only) == ["Rentrée des écoles", "Semaine de l’ESS"]
    assert news_only.context["results"].selected_total == 2


def test_selected_facet_is_marked_and_empty_types_are_not_links(client, corpus):
    page = html(get(client, q="école", type="ressources"))
    assert (
        '<a class="facets__link facets__link--selected" href="?q=%C3%A9cole&amp;type=ressources"'
        ' aria-current="true">Ressources (3)</a>' in page
    )
    assert '<span class="facets__link facets__link--empty">Projets (0)</span>' in page
    assert '<a class="facets__link" href="?q=%C3%A9cole">Tous (7)</a>' in page


@pytest.mark.parametrize("spelling", ["ecole", "École", "ÉCOLE", "écoles", "Ecoles"])
def test_accents_case_and_plural_find_the_same_pages(client, corpus, spelling):
    assert sorted(result_titles(get(client, q=spelling))) == sorted(result_titles(get(client, q="école")))


def test_a_plural_finds_the_singular(client, corpus):
    titles = result_titles(get(client, q="coopératives"))
    assert "L’école coopérative" in titles
    assert "Notre mission" in titles  # "coopération" shares the stem


def test_relevance_puts_title_matches_first_and_date_sort_newest_first(client, corpus):
    relevance = result_titles(get(client, q="conseil"))
    assert relevance[0] == "Le conseil d’élèves"
    by_date = result_titles(get(client, q="école", tri="date"))
    assert by_date == [
        "Notre mission",
        "Pourquoi coopérer à l’école ?",
        "Semaine de l’ESS",
        "Rentrée des écoles",
        "Le conseil d’élèves",
        "Jeux de société",
        "L’école coopérative",
    ]
    assert result_titles(get(client, q="école", tri="n'importe quoi")) == result_titles(
        get(client, q="école")
    )


def test_several_words_must_all_match(client, corpus):
    assert result_titles(get(client, q="conseil élèves")) == ["Le conseil d’élèves"]
    assert result_titles(get(client, q="conseil chorale")) == []


def test_no_result_offers_the_sections_and_a_reset(client, corpus):
    response = get(client, q="xylophone")
    assert facets(response)["Tous"] == 0
    assert "/ressources/" in [section.url for section in response.context["sections"]]
    page = html(response)
    assert "Aucun résultat pour «&nbsp;xylophone&nbsp;»" in page
    assert '<a href="/recherche/">Effacer la recherche et voir tous les contenus</a>' in page
    assert '<li><a href="/ressources/">' in page


def test_a_card_names_its_type_and_its_page(client, corpus):
    response = get(client, q="mission")
    assert [page.type_label for page in response.context["results"].results] == ["Page"]
    page = html(response)
    assert '<p class="card__type">Page</p>' in page
    assert (
        f'<a class="card__more" href="{corpus["p1"].url}">Lire la suite<span class="visually-hidden">&nbsp;: Notre mission</span></a>'
        in page
    )


def test_query_is_kept_in_the_header_search_box_and_page_is_not_indexed(client, corpus):
    page = html(get(client, q="école"))
    assert 'id="site-search" type="search" name="q" value="école"' in page
    assert '<meta name="robots" content="noindex">' in page
    assert 'name="robots"' not in html(get(client))


def test_drafts_private_pages_and_other_sites_are_excluded(client, home_page, corpus):
    make_content(NewsPage, home_page, title="Brouillon de l’école", publish=False)
    private = make_content(NewsPage, home_page, title="École réservée aux adhérents")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    other_root = Page.get_first_root_node().add_child(instance=Page(title="Autre site", slug="autre"))
    Site.objects.create(hostname="autre.example", root_page=other_root)
    other_root.add_child(instance=NewsPage(title="École d’un autre site", summary="…"))
    response = get(client, q="école")
    titles = result_titles(response)
    assert facets(response)["Tous"] == 7
    assert not any(word in " ".join(titles) for word in ["Brouillon", "réservée", "autre site"])


def test_publishing_and_unpublishing_change_results_at_once(client, home_page, corpus):
    page = make_content(NewsPage, home_page, title="Nouvelle école", publish=False)
    assert facets(get(client, q="école"))["Actualités"] == 2
    page.save_revision().publish()
    assert facets(get(client, q="école"))["Actualités"] == 3
    page.refresh_from_db()
    page.unpublish()
    assert facets(get(client, q="école"))["Actualités"] == 2
    corpus["n1"].delete()
    assert facets(get(client, q="école"))["Actualités"] == 1


def test_restricting_and_moving_a_page_update_the_search(client, home_page, corpus):
    restriction = PageViewRestriction.objects.create(page=corpus["n1"], restriction_type="login")
    assert "Rentrée des écoles" not in result_titles(get(client, q="école"))
    restriction.delete()
    assert "Rentrée des écoles" in result_titles(get(client, q="école"))


def test_rebuilding_the_index_gives_the_same_results(client, corpus):
    before = get(client, q="école")
    engine().delete(list(SearchDocument.objects.values_list("page_id", flat=True)))
    assert facets(get(client, q="école"))["Tous"] == 0
    output = io.StringIO()
    call_command("rebuild_search_documents", stdout=output)
    assert output.getvalue().startswith("10 pages indexées")
    assert SearchDocument.objects.count() == 10
    after = get(client, q="école")
    assert result_titles(after) == result_titles(before)
    assert facets(after) == facets(before)


def test_moving_a_page_out_of_the_site_removes_it_from_its_search(client, home_page, corpus, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "autre.example"]
    other_root = Page.get_first_root_node().add_child(instance=Page(title="Autre site", slug="autre"))
    Site.objects.create(hostname="autre.example", root_page=other_root)
    corpus["n1"].move(other_root, pos="last-child")
    assert "Rentrée des écoles" not in result_titles(get(client, q="école"))
    other = client.get("/recherche/", {"q": "école"}, HTTP_HOST="autre.example")
    assert "Rentrée des écoles" in result_titles(other)
