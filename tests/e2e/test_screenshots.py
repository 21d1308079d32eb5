"""Pictures of the site for the README: the home page, a search and a resource page, on a
computer (1280 px) and on a phone (375 px), written to docs/screenshots/ by every run
(E2E_SCREENSHOTS_DIR elsewhere)."""

import os
from pathlib import Path

import pytest

from content.models import ResourcePage

SCREENSHOTS_DIR = Path(
    os.environ.get("E2E_SCREENSHOTS_DIR") or Path(__file__).resolve().parents[2] / "docs" / "screenshots"
)
# Enough of each page to show its header, its content and the start of what follows.
MAX_HEIGHT = {"ordinateur": 2000, "mobile": 1800}


def resource_page():
    return ResourcePage.objects.live().filter(documents__isnull=False).order_by("path").first().url


PAGES = {
    "accueil": lambda: "/",
    "recherche": lambda: "/recherche/?q=coop%C3%A9ration",
    "ressource": resource_page,
}


def load_every_image(page):
    """Scroll down the page so that lazy images load, wait for them, come back up."""
    for top in range(0, page.evaluate("document.documentElement.scrollHeight"), 600):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(30)
    page.wait_for_load_state("networkidle")
    page.evaluate(
        """Promise.all([...document.images].filter(image => !image.complete && image.checkVisibility())
            .map(image => new Promise(done => { image.onload = image.onerror = done; })))"""
    )
    page.evaluate("window.scrollTo(0, 0)")


@pytest.mark.parametrize("screen", MAX_HEIGHT)
@pytest.mark.parametrize("name", PAGES)
def test_screenshot(page, phone_page, name, screen):
    browser_page = page if screen == "ordinateur" else phone_page
    browser_page.goto(PAGES[name]())
    load_every_image(browser_page)
    width = browser_page.viewport_size["width"]
    height = min(browser_page.evaluate("document.documentElement.scrollHeight"), MAX_HEIGHT[screen])
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS_DIR / f"{name}-{screen}.png"
    browser_page.screenshot(
        path=path, full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height}
    )
    assert path.stat().st_size > 10_000
