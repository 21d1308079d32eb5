"""« Près de chez vous »: a visitor finds their département on the map, with the mouse or the
keyboard alone; the search stays beside it."""

import re

from playwright.sync_api import expect


def focused_label(page):
    return page.evaluate(
        "document.activeElement.getAttribute('aria-label') || document.activeElement.textContent"
    )


def test_by_keyboard_from_the_skip_link_to_an_association(page):
    page.goto("/pres-de-chez-vous/")
    expect(page.get_by_role("search", name="Trouver l’association de mon département")).to_be_visible()
    page.get_by_role("link", name="Passer la carte").focus()
    expect(page.get_by_role("link", name="Passer la carte")).to_be_visible()  # shown when focused
    page.keyboard.press("Tab")
    assert focused_label(page).startswith("Ain (01)")
    for _ in range(110):  # in the order of the codes: 01, 02… 2A, 2B, 21… 93
        if focused_label(page) == "Seine-Saint-Denis (93)":
            break
        page.keyboard.press("Tab")
    assert focused_label(page) == "Seine-Saint-Denis (93)"
    page.keyboard.press("Enter")
    page.wait_for_url("**/pres-de-chez-vous/occe-93/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Seine-Saint-Denis"))


def test_the_skip_link_jumps_over_the_map(page):
    page.goto("/pres-de-chez-vous/")
    page.get_by_role("link", name="Passer la carte").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert focused_label(page) == "svg-maps"  # the credit, after the map and its legend


def test_with_the_mouse_on_the_map_and_in_the_insets(page):
    page.goto("/pres-de-chez-vous/")
    page.get_by_role("link", name="Lozère (48) : pas encore d’association en ligne, la fédération").click()
    page.wait_for_url(re.compile(r"/$"))
    page.go_back()
    page.get_by_role("link", name="La Réunion (974)").click()
    page.wait_for_url("**/pres-de-chez-vous/occe-974/")
    page.go_back()
    # Paris, tiny at its real place, is still a target for the mouse there.
    page.locator("a[aria-hidden='true'][href$='/occe-75/']").click()
    page.wait_for_url("**/pres-de-chez-vous/occe-75/")
