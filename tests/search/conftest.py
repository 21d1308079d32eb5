import datetime

import pytest

from content.models import ArticlePage, NewsPage, ResourcePage, StandardPage
from tests.factories import make_content


@pytest.fixture
def corpus(home_page):
    """A small site: 'école' in 3 resources, 2 news, 1 article and 1 page; other pages without it."""
    day = datetime.date(2025, 1, 1)
    pages = {}

    def add(key, model, title, summary, days):
        pages[key] = make_content(
            model,
            home_page,
            title=title,
            summary=summary,
            publication_date=day + datetime.timedelta(days=days),
        )

    add("r1", ResourcePage, "L’école coopérative", "Une ressource pour la classe.", 1)
    add("r2", ResourcePage, "Jeux de société", "Des jeux pour l’école maternelle.", 2)
    add("r3", ResourcePage, "Le conseil d’élèves", "Organiser le conseil dans les écoles.", 3)
    add("r4", ResourcePage, "Chanter ensemble", "La chorale de la classe.", 4)
    add("n1", NewsPage, "Rentrée des écoles", "Ce qui change cette année.", 5)
    add("n2", NewsPage, "Semaine de l’ESS", "Du 23 au 28 mars, à l’ECOLE et ailleurs.", 6)
    add("n3", NewsPage, "Assemblée générale", "Le rapport moral.", 7)
    add("a1", ArticlePage, "Pourquoi coopérer à l’école ?", "Les bénéfices de la coopération.", 8)
    add("p1", StandardPage, "Notre mission", "Promouvoir la coopération à l’école.", 9)
    add("p2", StandardPage, "Mentions légales", "Informations légales du site.", 10)
    return pages


@pytest.fixture
def many_news(home_page):
    """45 news items about the cooperative, numbered from the oldest."""
    start = datetime.date(2024, 1, 1)
    return [
        make_content(
            NewsPage,
            home_page,
            title=f"Coopérative {n:02d}",
            summary="Vie de la coopérative.",
            publication_date=start + datetime.timedelta(days=n),
        )
        for n in range(45)
    ]
