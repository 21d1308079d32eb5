"""Layout. On a 375-px-wide phone the menu folds behind its button, and no page scrolls
sideways, the search's facets and pagination included. On any screen nothing moves while the
page loads: not when the script arrives late, not when the images do."""

import time

import pytest
from playwright.sync_api import expect

from .conftest import PHONE
from .site_pages import PAGES, open_page

SIDEWAYS_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  // Inside a row that scrolls sideways on its own (the search facets on a phone), within the
  // screen: what it holds beyond the edge is reached by scrolling the row, not the page.
  const inScroller = element => {
    for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      const overflow = getComputedStyle(parent).overflowX;
      const box = parent.getBoundingClientRect();
      if ((overflow === "auto" || overflow === "scroll") && box.left >= -1 && box.right <= width + 1) return true;
    }
    return false;
  };
  const wider = [...document.querySelectorAll("body *")].filter(element => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && (box.right > width + 1 || box.left < -1) && getComputedStyle(element).position !== "fixed"
      && !element.closest(".visually-hidden, .skip-link, .newsletter-form__honeypot")
      && !inScroller(element);
  });
  return {
    scrollWidth: document.documentElement.scrollWidth,
    width,
    wider: wider.slice(0, 5).map(element => element.outerHTML.slice(0, 120)),
  };
}"""


# The layout shifts of the page so far (the Cumulative Layout Shift that Lighthouse scores; no
# input to leave out here).
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


def assert_fits(page):
    overflow = page.evaluate(SIDEWAYS_OVERFLOW)
    assert overflow["scrollWidth"] <= overflow["width"], overflow
    assert not overflow["wider"], overflow


def test_the_menu_opens_behind_its_button(phone_page):
    page = phone_page
    page.goto("/")
    menu = page.get_by_role("button", name="Menu")
    navigation = page.locator("#site-navigation")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(navigation).to_be_hidden()
    assert_fits(page)

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(navigation).to_be_visible()
    expect(page.get_by_role("combobox", name="Rechercher sur le site")).to_be_visible()
    entry = page.locator("button.mega-menu__toggle").first
    entry.click()
    panel = page.locator(f"#{entry.get_attribute('aria-controls')}")
    expect(panel).to_be_visible()
    assert_fits(page)

    page.keyboard.press("Escape")  # the panel first, then the menu
    expect(panel).to_be_hidden()
    page.keyboard.press("Escape")
    expect(navigation).to_be_hidden()
    expect(menu).to_be_focused()


def test_without_javascript_the_phone_menu_stays_unfolded(browser, browser_context_args):
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE, "java_script_enabled": False})
    page = context.new_page()
    page.goto("/")
    expect(page.locator("#site-navigation")).to_be_visible()
    expect(page.locator(".site-header__menu-toggle")).to_be_hidden()
    page.locator("summary.mega-menu__toggle").first.click()  # a <details> opens by itself
    expect(page.locator("#menu-panel-1")).to_be_visible()
    assert_fits(page)
    context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_nothing_moves_when_the_script_comes_late(browser, browser_context_args, width):
    """On a slow network site.js may arrive after the styles: the page must not move when it
    does (the phone menu folded before the first paint, not after). The screen is tall enough
    to show what lies below the header: a shift off the screen would not count."""
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": width, "height": 2000}})
    page = context.new_page()

    def slowly(route):
        time.sleep(0.5)
        route.continue_()

    page.route("**/js/site*.js", slowly)
    page.goto("/")
    shift = page.evaluate(LAYOUT_SHIFT)
    context.close()
    assert shift < 0.01


@pytest.mark.parametrize("path", ["/", "/ressources/"])
def test_images_hold_their_place_before_they_load(page, path):
    """Every image shown has its size before its file arrives (here: never), so that nothing
    moves when it does, and a link around a logo can take a visible focus meanwhile."""
    page.route("**/media/**", lambda route: route.abort())
    page.goto(path)
    empty = page.evaluate(
        """[...document.images]
            .filter(image => image.parentElement.checkVisibility())
            .filter(image => { const box = image.getBoundingClientRect(); return !box.width || !box.height; })
            .map(image => image.outerHTML.slice(0, 120))"""
    )
    assert not empty


def test_facets_and_pagination_fit_the_screen(phone_page, news_on_two_pages):
    page = phone_page
    page.goto("/recherche/?q=coop%C3%A9ration&type=actualites")
    facets = page.locator(".facets__link")
    pages = page.get_by_role("navigation", name="Pagination").get_by_role("link")
    assert facets.count() == 10 and pages.count() >= 2
    for element in [*facets.all(), *pages.all()]:
        element.scroll_into_view_if_needed()
        box = element.bounding_box()
        assert 0 <= box["x"] and box["x"] + box["width"] <= 375, (element.inner_text(), box)
    assert_fits(page)
    pages.filter(has_text="2").first.click()
    page.wait_for_url("**page=2*")
    assert_fits(page)


@pytest.mark.parametrize("name", PAGES)
def test_no_page_scrolls_sideways(phone_page, name):
    open_page(phone_page, name)
    assert_fits(phone_page)
