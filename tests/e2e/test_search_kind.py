"""The search, as a visitor uses it: suggestions as you type with the keyboard alone (the
WAI-ARIA combobox), the correction offered for a misspelling, and the results first on a phone."""

import re
from urllib.parse import parse_qs, urlparse

from .checkers import axe_violations, describe_violations, vnu_errors


def listbox_of(page, box):
    return page.locator(f"#{box.get_attribute('aria-controls')}")


def type_and_wait(page, selector, text):
    box = page.locator(selector)
    box.focus()
    page.keyboard.type(text, delay=30)
    page.wait_for_function(
        "selector => document.querySelector(selector).getAttribute('aria-expanded') === 'true'", arg=selector
    )
    return box


def active_option(page, box):
    option_id = box.get_attribute("aria-activedescendant")
    return page.locator(f"#{option_id}") if option_id else None


def test_combobox_with_the_keyboard_alone_on_the_search_page(page, tmp_path):
    page.goto("/recherche/")
    box = type_and_wait(page, "#search-page-query", "coo")
    assert box.get_attribute("role") == "combobox"
    listbox = listbox_of(page, box)
    assert listbox.get_attribute("role") == "listbox"
    options = listbox.locator("[role=option]")
    count = options.count()
    assert 1 < count <= 8
    assert box.get_attribute("aria-activedescendant") is None

    page.keyboard.press("ArrowDown")
    first = active_option(page, box)
    assert first.get_attribute("aria-selected") == "true"
    assert first.get_attribute("id") == options.nth(0).get_attribute("id")
    page.keyboard.press("ArrowDown")
    assert active_option(page, box).get_attribute("id") == options.nth(1).get_attribute("id")
    assert options.nth(0).get_attribute("aria-selected") == "false"
    page.keyboard.press("ArrowUp")
    assert active_option(page, box).get_attribute("id") == options.nth(0).get_attribute("id")
    assert page.evaluate("document.activeElement.id") == "search-page-query"  # the focus stays

    violations = axe_violations(page)
    assert not violations, describe_violations(violations)
    path = tmp_path / "combobox-open.html"
    path.write_text("<!DOCTYPE html>" + page.evaluate("document.documentElement.outerHTML"))
    errors = vnu_errors([path])[path.name]
    assert not errors, "\n".join(errors)

    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert listbox.is_hidden()
    assert box.get_attribute("aria-activedescendant") is None
    assert box.input_value() == "coo"

    # Back to the list, down to the first word (an option without a page), Enter searches it.
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-expanded") == "true"
    words = listbox.locator("[role=option]:not(.search-suggest__option--page)")
    word = words.first.text_content()
    index = [options.nth(i).text_content() for i in range(count)].index(word)
    for _ in range(index + 1):
        page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlparse(page.url).path == "/recherche/"
    assert parse_qs(urlparse(page.url).query)["q"] == [word]
    assert re.search(r"\d+ résultats? pour", page.locator(".search-page__count").inner_text())


def test_header_box_enter_on_a_page_title_opens_the_page(page):
    page.goto("/")
    box = type_and_wait(page, "#site-search", "coop")
    titles = listbox_of(page, box).locator(".search-suggest__option--page")
    assert titles.count() >= 1
    title = titles.first.text_content().replace(" (page)", "")
    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlparse(page.url).path != "/recherche/"
    assert page.locator("h1").first.inner_text().strip() == title.strip()


def test_enter_without_a_chosen_option_submits_what_was_typed(page):
    page.goto("/")
    type_and_wait(page, "#site-search", "coop")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert parse_qs(urlparse(page.url).query)["q"] == ["coop"]


def test_without_javascript_the_box_is_a_plain_form(browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    page = context.new_page()
    page.goto("/")
    box = page.locator("#site-search")
    assert box.get_attribute("role") is None
    box.fill("coopérative")
    with page.expect_navigation():
        box.press("Enter")
    assert "résultat" in page.locator(".search-page__count").inner_text()
    context.close()


def test_a_misspelling_offers_the_correction(page):
    page.goto("/recherche/?q=coperative")
    link = page.locator(".search-correction a")
    assert link.inner_text() == "coopérative"
    with page.expect_navigation():
        link.click()
    assert re.search(r"\d+ résultats? pour", page.locator(".search-page__count").inner_text())
    assert page.locator(".search-correction").count() == 0


def test_on_a_phone_the_count_and_the_first_result_are_in_the_first_screen(phone_page):
    phone_page.goto("/recherche/?q=coopération")
    height = phone_page.viewport_size["height"]
    facets = phone_page.locator(".facets__list")
    first_link = phone_page.locator(".facets__link").first
    assert facets.bounding_box()["height"] < 2 * first_link.bounding_box()["height"] + 16  # one line
    assert phone_page.locator(".search-page__count").bounding_box()["y"] < height
    first_result = phone_page.locator(".search-results > *").first.bounding_box()
    assert first_result["y"] < height
    # The row scrolls sideways; a facet out of sight comes into view with the keyboard.
    last = phone_page.locator("a.facets__link").last
    last.focus()
    box = last.bounding_box()
    assert 0 <= box["x"] and box["x"] + box["width"] <= phone_page.viewport_size["width"] + 1
    violations = axe_violations(phone_page)
    assert not violations, describe_violations(violations)
