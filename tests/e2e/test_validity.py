"""The Nu HTML Checker finds no error in the HTML the server sends for any public page."""

import pytest

from .checkers import vnu_errors
from .site_pages import PAGES, open_page


@pytest.fixture(scope="module")
def errors_by_page(browser, browser_context_args, base_url, tmp_path_factory):
    """Every page's HTML as the server sent it, checked in one run of the checker."""
    folder = tmp_path_factory.mktemp("html")
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    files = []
    for name in PAGES:
        path = folder / f"{name}.html"
        path.write_bytes(open_page(page, name).body())
        files.append(path)
    context.close()
    return vnu_errors(files)


@pytest.mark.parametrize("name", PAGES)
def test_html_is_valid(errors_by_page, name):
    errors = errors_by_page[f"{name}.html"]
    assert not errors, "\n".join(errors)
