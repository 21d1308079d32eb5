"""With the keyboard alone: the skip link comes first and leads to the content, and every
element that takes the focus shows it."""

import pytest

from .checkers import focus_problems, focus_walk
from .site_pages import PAGES, open_page

# A fresh document each time; the open menu panel's keyboard use is the visitor journey's.
KEYBOARD_PAGES = [name for name in PAGES if name != "accueil-panneau-du-menu-ouvert"]


@pytest.mark.parametrize("name", KEYBOARD_PAGES)
def test_skip_link_first_then_focus_always_visible(page, name):
    open_page(page, name)
    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    assert skip_link.get_attribute("class") == "skip-link"
    assert skip_link.inner_text() == "Aller au contenu principal"
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    assert page.evaluate("document.activeElement.tagName") == "MAIN"

    open_page(page, name)
    visited = focus_walk(page)
    assert len(visited) > 5
    problems = focus_problems(visited)
    assert not problems, "\n".join(problems)
