"""axe-core finds no violation of the WCAG 2.1 A and AA rules on any public page."""

import pytest

from .checkers import axe_violations, describe_violations
from .site_pages import PAGES, open_page


@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_violation(page, name):
    open_page(page, name)
    violations = axe_violations(page)
    assert not violations, describe_violations(violations)


def test_no_wcag_violation_with_the_mobile_menu_open(phone_page):
    phone_page.goto("/")
    phone_page.get_by_role("button", name="Menu").click()
    violations = axe_violations(phone_page)
    assert not violations, describe_violations(violations)
