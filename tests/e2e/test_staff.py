"""Staff export the confirmed subscribers as CSV from the admin ("Lettre d’information"), after
signing in with their password and the one-time code of their authenticator application."""

import csv

from playwright.sync_api import expect

from newsletter.models import Subscriber


def test_export_the_confirmed_subscribers_as_csv(page, demo_site, login):
    confirmed = set(
        Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).values_list("email", flat=True)
    )
    assert confirmed, "la démonstration a des abonnés confirmés"

    login(demo_site["staff"], device=demo_site["staff_device"])
    menu = page.get_by_role("navigation", name="Menu principal")
    menu.get_by_role("button", name="Lettre d’information").click()
    menu.get_by_role("link", name="Abonnés").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Abonnés")
    page.get_by_role("button", name="Afficher les filtres").click()
    page.get_by_role("button", name="Statut").click()
    page.get_by_label("Statut").select_option(label="Confirmé")
    page.wait_for_url("**status=confirmed*")
    listed = page.locator("table tbody tr td:first-child a").all_inner_texts()
    assert set(listed) == confirmed

    page.get_by_role("button", name="Actions").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger en CSV").click()
    download = download_info.value
    assert download.suggested_filename == "abonnes-lettre-information.csv"
    with open(download.path(), encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0][:2] == ["Adresse e-mail", "Statut"]
    assert {row[0] for row in rows[1:]} == confirmed
    assert {row[1] for row in rows[1:]} == {"Confirmé"}
