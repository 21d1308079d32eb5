"""Relevance that finds known items: the significant words of a page's title find that page
in the first three results, for 200 titles drawn at random from a generated site."""

import random
import re

import pytest
from django.db import transaction
from wagtail.models import Site

from devtools.generator import ContentGenerator
from search.french import STOP_WORDS, fold
from search.models import SearchDocument
from search.request import SearchRequest
from search.results import search_results

SITE_PAGES = 2_000
DRAWN = 200
REQUIRED = 0.95


@pytest.fixture(scope="module")
def generated_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        home = Site.objects.get(is_default_site=True).root_page.specific
        ContentGenerator(home, seed=15).generate(SITE_PAGES)
        yield home
        transaction.set_rollback(True)


def significant_words(title):
    return " ".join(word for word in re.findall(r"\w+", title) if fold(word) not in STOP_WORDS)


@pytest.mark.django_db
def test_the_title_words_find_the_page_in_the_first_three(generated_site):
    documents = list(SearchDocument.objects.order_by("page_id").values_list("page_id", "title"))
    assert len(documents) >= SITE_PAGES
    drawn = random.Random(2026).sample(documents, DRAWN)  # noqa: S311 (a reproducible draw)
    missed = []
    for page_id, title in drawn:
        query = significant_words(title)
        results = search_results(SearchRequest(query=query), site_root_path=generated_site.path)
        top = [page.pk for page in results.results[:3]]
        if page_id not in top:
            missed.append(f"{title!r} ({query!r}): {results.total} résultats")
    found = DRAWN - len(missed)
    assert found / DRAWN >= REQUIRED, f"{found}/{DRAWN} trouvées parmi les trois premières :\n" + "\n".join(
        missed[:20]
    )
