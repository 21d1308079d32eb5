"""The public pages that the accessibility, validity and keyboard checks go through, and how
the browser reaches each one.

Each entry is a name and either a path or a function that takes the browser's page, brings it to
that state (a form sent, a link from an email opened) and returns the response of the document
it shows. Pages of the demo are found in the database when they are opened.
"""

import uuid

from content.models import CONTENT_PAGE_TYPES, SECTION_INDEX_TYPES, AccessibilityStatementPage
from newsletter import tokens
from newsletter.models import Subscriber


def first_live(model):
    def visit(page):
        target = model.objects.live().order_by("path").first()
        assert target is not None, f"la démonstration n’a aucune page {model.__name__}"
        return page.goto(target.url)

    return visit


def subscriber(status=Subscriber.Status.PENDING):
    return Subscriber.objects.create(
        email=f"e2e-{uuid.uuid4().hex[:12]}@example.org", status=status, consent_version="2025-01"
    )


def signup_with_errors(page):
    page.goto("/newsletter/")
    with page.expect_navigation() as navigation:
        page.locator("main").get_by_role("button", name="S’inscrire").click()
    return navigation.value


def confirmation_link(page):
    return page.goto(f"/newsletter/confirmer/{tokens.confirm_token(subscriber())}/")


def confirmed(page):
    confirmation_link(page)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Je confirme mon inscription").click()
    return navigation.value


def unsubscribe_link(page):
    return page.goto(f"/newsletter/desinscription/{tokens.unsubscribe_token(subscriber())}/")


def unsubscribed(page):
    unsubscribe_link(page)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Me désinscrire").click()
    return navigation.value


def resubscribe_with_errors(page):
    unsubscribed(page)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Me réinscrire").click()  # without ticking the box
    return navigation.value


CONTACT_PATH = "/nous-contacter/"


def contact_with_errors(page):
    page.goto(CONTACT_PATH)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Envoyer le message").click()  # nothing filled in
    return navigation.value


def contact_sent(page):
    page.goto(CONTACT_PATH)
    page.get_by_label("Nom").fill("Camille Martin")
    page.get_by_label("Courriel").fill("camille@example.org")
    page.get_by_label("Sujet").select_option("Autre")
    page.get_by_label("Message").fill(
        "Bonjour, une question sur le compte-rendu annuel de notre coopérative."
    )
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Envoyer le message").click()
    return navigation.value


def home_with_menu_panel_open(page):
    response = page.goto("/")
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():  # on a phone, the menu is folded behind this button
        menu.click()
    page.locator(".mega-menu__toggle").first.click()
    return response


PAGES = {
    "accueil": "/",
    "accueil-panneau-du-menu-ouvert": home_with_menu_panel_open,
    "recherche-avec-resultats": "/recherche/?q=coop%C3%A9ration",
    "recherche-sans-resultat": "/recherche/?q=xylophoniste",
    "recherche-tous-les-contenus": "/recherche/",
    **{f"page-{model._meta.model_name}": first_live(model) for model in CONTENT_PAGE_TYPES},
    **{f"index-{model._meta.model_name}": first_live(model) for model in SECTION_INDEX_TYPES},
    "pres-de-chez-vous-recherche": "/pres-de-chez-vous/?q=93",
    "newsletter-inscription": "/newsletter/",
    "newsletter-inscription-erreurs": signup_with_errors,
    "newsletter-merci": "/newsletter/merci/",
    "newsletter-confirmation": confirmation_link,
    "newsletter-confirmee": confirmed,
    "newsletter-lien-invalide": "/newsletter/confirmer/lien-invalide/",
    "newsletter-desinscription": unsubscribe_link,
    "newsletter-desinscrit": unsubscribed,
    "newsletter-reinscription-erreurs": resubscribe_with_errors,
    "contact": CONTACT_PATH,
    "contact-erreurs": contact_with_errors,
    "contact-envoye": contact_sent,
    "plan-du-site": "/plan-du-site/",
    "declaration-accessibilite": first_live(AccessibilityStatementPage),
    "page-introuvable": "/cette-page-n-existe-pas/",
}


def open_page(page, name):
    """Bring the browser to the page `name`; return the response of its document."""
    how = PAGES[name]
    response = page.goto(how) if isinstance(how, str) else how(page)
    assert response is not None
    return response
