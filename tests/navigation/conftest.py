import pytest
from django.core.cache import cache

from content.models import NewsPage, StandardPage
from tests.factories import (
    image_value,
    link,
    make_content,
    make_document,
    make_footer,
    make_image,
    make_main_menu,
    make_partner,
)

ENTRY_LABELS = [
    "M’engager dans la coopération à l’école",
    "Me former à la coopération à l’école",
    "Gérer ma coopérative scolaire",
    "M’informer sur la coopération à l’école",
]


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def about_page(home_page):
    return make_content(StandardPage, home_page, title="Nous connaître")


@pytest.fixture
def mission_page(about_page):
    from tests.factories import make_page

    return make_page(StandardPage, about_page, title="Notre mission")


def entry(label, links=(), features=(), page=None):
    return {
        "type": "entry",
        "value": {
            "label": label,
            "page": page.pk if page else None,
            "links": list(links),
            "features": list(features),
        },
    }


def promo(title, image=None, alt="", kicker="", text="", links=()):
    return {
        "type": "promo",
        "value": {
            "image": image_value(image, alt),
            "kicker": kicker,
            "title": title,
            "text": text,
            "links": list(links),
        },
    }


def document_feature(title, document, text="", image=None, alt=""):
    return {
        "type": "document",
        "value": {
            "image": image_value(image, alt),
            "title": title,
            "text": text,
            "document": document.pk,
            "link_label": "",
        },
    }


@pytest.fixture
def seed_menu(home_page, about_page, mission_page):
    """A menu shaped like the current site's: utility links and groups, four entries with
    links, promotions and documents."""
    news = make_content(NewsPage, home_page, title="Radio PILI au CESE")
    agenda = make_image(title="Agenda coopératif", width=300, height=400)
    umbrella = make_image(title="Parapluie", width=96, height=96)
    kit = make_document(title="Kit assurances", filename="kit-assurances.zip", size=1_572_864)
    council = make_document(title="Conseil de coopérative", filename="conseil.pdf", size=429 * 1024)
    return make_main_menu(
        utility=[
            {
                "type": "group",
                "value": {
                    "label": "Nous connaître",
                    "links": [
                        link("Notre histoire", url="/nous-connaitre/notre-histoire/"),
                        link("Notre mission", page=mission_page),
                    ],
                },
            },
            {"type": "link", "value": link("Nous contacter", url="/nous-contacter/")},
            {"type": "link", "value": link("Près de chez vous", url="/pres-de-chez-vous/")},
            {"type": "link", "value": link("Se connecter", url="https://extranet.example.org/")},
        ],
        entries=[
            entry(
                ENTRY_LABELS[0],
                links=[
                    link("Vivre la démocratie à l’école", page=about_page),
                    link("Développer la citoyenneté", url="/citoyennete/"),
                ],
                features=[
                    promo(
                        "Les agendas coopératifs",
                        image=agenda,
                        alt="Couverture de « Mon premier agenda coopératif »",
                        text="Des outils pédagogiques illustrés.",
                        links=[
                            link("Cycle 1", url="/ressources/?cycle=cycle-1"),
                            link("Cycle 2", url="/ressources/?cycle=cycle-2"),
                            link("Cycle 3", url="/ressources/?cycle=cycle-3"),
                        ],
                    )
                ],
            ),
            entry(ENTRY_LABELS[1], links=[link("Nos champs d’intervention", url="/former/")]),
            entry(
                ENTRY_LABELS[2],
                links=[link("Le mandataire OCCE", url="/mandataire/")],
                features=[
                    document_feature(
                        "Notre kit assurances à télécharger en 1 clic",
                        kit,
                        image=umbrella,
                        alt="Icône représentant un parapluie",
                    ),
                    document_feature("Pourquoi mettre en place un conseil de coopérative ?", council),
                ],
            ),
            entry(
                ENTRY_LABELS[3],
                links=[link("Pourquoi coopérer à l’école ?", url="/pourquoi/")],
                features=[promo(news.title, kicker="Actualité", links=[link("Lire", page=news)])],
                page=about_page,
            ),
        ],
    )


@pytest.fixture
def seed_footer(home_page, mission_page):
    return make_footer(
        social_links=[
            {
                "type": "social",
                "value": {
                    "network": "facebook",
                    "url": "https://www.facebook.com/occe",
                    "label": "",
                },
            },
            {
                "type": "social",
                "value": {
                    "network": "instagram",
                    "url": "https://www.instagram.com/occe",
                    "label": "",
                },
            },
            {
                "type": "social",
                "value": {"network": "youtube", "url": "https://www.youtube.com/occe", "label": ""},
            },
            {
                "type": "social",
                "value": {
                    "network": "linkedin",
                    "url": "https://www.linkedin.com/company/occe",
                    "label": "",
                },
            },
        ],
        columns=[
            {
                "type": "column",
                "value": {
                    "heading": "Nous connaître",
                    "links": [link("Notre mission", page=mission_page)],
                },
            },
            {
                "type": "column",
                "value": {"heading": "Nous rejoindre", "links": [link("Adhérer", url="/adherer/")]},
            },
            {"type": "column", "value": {"heading": "FAQ", "links": []}},
        ],
        approval_statement="Association agréée par le ministère de l’Éducation nationale.",
        legal_links=[
            {"type": "link", "value": link("Mentions légales", url="/mentions-legales/")},
            {"type": "link", "value": link("Plan du site", url="/plan-du-site/")},
        ],
    )


@pytest.fixture
def partners(db):
    return [
        make_partner("Réseau Canopé", url="https://www.reseau-canope.fr/"),
        make_partner("MAE", url="https://www.mae.fr/"),
        make_partner("Ancien partenaire", url="https://example.org/", is_active=False),
        make_partner("CLEMI"),
    ]
