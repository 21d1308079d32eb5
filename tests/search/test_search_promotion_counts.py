"""Honest counts with promotions: the promoted page is counted in "Tous (N)" and in its type,
shown once, above the list, marked "Recommandé", and not repeated on any page of the list."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

pytestmark = pytest.mark.django_db


def counts(response):
    return {facet.label: facet.count for facet in response.context["results"].facets}


def test_counts_include_the_promoted_page_shown_once(client, many_news):
    unpromoted = counts(client.get("/recherche/", {"q": "coopératives"}))
    promoted = many_news[3]
    SearchPromotion.objects.create(query=Query.get("coopérative"), page=promoted, sort_order=0)

    response = client.get("/recherche/", {"q": "coopérative"})
    assert counts(response) == unpromoted
    assert counts(response)["Tous"] == 45 and counts(response)["Actualités"] == 45
    results = response.context["results"]
    assert results.page_obj.paginator.num_pages == 3  # the 44 others, 20 a page
    listed = []
    for number in (1, 2, 3):
        page = client.get("/recherche/", {"q": "coopérative", "page": number}).context["results"]
        listed += [result.pk for result in page.results]
    assert len(listed) == 44 and promoted.pk not in listed

    html = response.content.decode()
    promotions, _rest = html.split('class="search-results"')
    assert '<span class="promotions__badge">Recommandé</span>' in promotions
    assert html.count(f'href="{promoted.url}"') == 1


def test_a_type_filter_counts_the_promoted_page_in_its_type(client, many_news):
    SearchPromotion.objects.create(query=Query.get("coopérative"), page=many_news[0], sort_order=0)
    response = client.get("/recherche/", {"q": "coopérative", "type": "actualites"})
    assert response.context["results"].selected_total == 45
    assert counts(response)["Ressources"] == 0
