"""Browser tests: Debian's Chromium, driven by Playwright, against the demo site.

They run in a pytest process of their own (`pytest tests/e2e`; `make test` runs it after the
unit tests). The demo content is loaded once, committed to the test database, and served for
the whole run by the live server that pytest-django's `live_server` fixture runs (its
`LiveServer`, started here once the demo is in). pytest-django's `live_server` itself would
wrap each test in `transactional_db`, which empties every table after the test: the demo would
have to be loaded again for each one (about 8 s). So nothing here is rolled back: a test that
changes the site (a page published, an address subscribed) makes its names unique and undoes
what would disturb another test.

On SQLite the test database is a file rather than Django's shared in-memory database: the
server answers Chromium's parallel requests from several threads, each with its own connection.
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import Site

from content.models import NewsPage
from tests.factories import make_content, make_totp_device, unused_totp_code

E2E_DIR = Path(__file__).parent
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
PASSWORD = "mot-de-passe-des-tests-e2e"

# Playwright's synchronous API keeps an event loop in the test's thread; the ORM calls a test
# makes between two browser actions are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM:
        return
    for item in items:
        if E2E_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.skip(reason="e2e tests skipped: Chromium not found"))


# --- The site ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker, tmp_path_factory):
    """The test database, created once for the run (pytest-django's own fixture would create it
    only for tests that ask for `db`, and these don't: they must not be rolled back)."""
    from django.conf import settings
    from django.test.utils import setup_databases, teardown_databases

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("e2e") / "test.sqlite3")
    with django_db_blocker.unblock():
        databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(databases, verbosity=0)


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker):
    """The demo content and two admin users, committed once for the run. The database stays
    open for the whole run: the server's threads and the tests read and write the same data.
    The staff member can export subscribers, so signs in with a second factor: their
    authenticator application is set up already (`staff_device`)."""
    with django_db_blocker.unblock():
        call_command("load_demo_content", stdout=io.StringIO())
        users = get_user_model().objects
        # Wagtail's "Moderators" may publish; its "Editors" only submit for moderation.
        editor = users.create_user("redactrice", "redactrice@example.org", PASSWORD)
        editor.groups.add(Group.objects.get(name="Moderators"))
        staff = users.create_user("equipe", "equipe@example.org", PASSWORD)
        staff.groups.add(Group.objects.get(name="Editors"))
        staff.user_permissions.add(Permission.objects.get(codename="export_subscriber"))
        yield {"editor": editor, "staff": staff, "staff_device": make_totp_device(staff)}


@pytest.fixture(scope="session")
def demo_server(demo_site):
    from django.conf import settings
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("127.0.0.1")
    # Links in mails (newsletter confirmation) are built from WAGTAILADMIN_BASE_URL: this server.
    base_url, settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILADMIN_BASE_URL, server.url
    yield server
    settings.WAGTAILADMIN_BASE_URL = base_url
    server.stop()


@pytest.fixture(scope="session")
def base_url(demo_server):
    """pytest-playwright's base URL: `page.goto("/recherche/")` reaches the live server."""
    return demo_server.url


# --- The browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium (Playwright's own browser download does not work here), headless."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "fr-FR",
        "timezone_id": "Europe/Paris",
        "viewport": DESKTOP,
        "accept_downloads": True,
    }


def watch(page, base_url):
    """The errors the public site shows in the browser: console errors (a Content-Security-Policy
    violation is one), uncaught exceptions, and sub-resources (styles, scripts, images) answered
    with an error. The admin's own console is left out."""
    problems = []

    def public(url):
        return url.startswith(base_url) and not url.startswith(f"{base_url}/admin/")

    def on_console(message):
        url = message.location.get("url") or page.url
        if message.type == "error" and public(url) and not message.text.startswith("Failed to load resource"):
            problems.append(f"console: {message.text} ({url})")

    def on_response(response):
        if response.status >= 400 and response.request.resource_type != "document" and public(response.url):
            problems.append(f"HTTP {response.status}: {response.url}")

    def on_exception(error):
        if public(page.url):
            problems.append(f"exception: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_exception)
    page.on("response", on_response)
    return problems


@pytest.fixture
def page(page, base_url):
    """pytest-playwright's page (desktop, 1280 px wide); the test fails on any error the public
    site shows in the browser."""
    problems = watch(page, base_url)
    yield page
    assert not problems, "\n".join(problems)


@pytest.fixture
def phone_page(browser, browser_context_args, base_url):
    """A page in a 375-px-wide phone viewport, touch screen; fails like `page` on errors."""
    context = browser.new_context(
        **{**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}
    )
    page = context.new_page()
    problems = watch(page, base_url)
    yield page
    context.close()
    assert not problems, "\n".join(problems)


def sign_in_with_password(page, user):
    page.goto("/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill(user.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="S'identifier").click()


@pytest.fixture
def login(page):
    """Log into the admin as `user` through its login form; with `device`, the member's
    authenticator application, give the one-time code it shows, computed here from its key."""

    def log_in(user, device=None):
        sign_in_with_password(page, user)
        if device is not None:
            page.wait_for_url("**/admin/deux-facteurs/code/**")
            page.get_by_label("Code à usage unique").fill(unused_totp_code(device))
            page.get_by_role("button", name="Valider").click()
        page.wait_for_url("**/admin/")
        return page

    return log_in


# --- Content --------------------------------------------------------------------------------


@pytest.fixture
def news_on_two_pages():
    """The demo has exactly one page of news matching « coopération » (20, PER_PAGE): three
    more make a second page. Removed afterwards."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    pages = [
        make_content(
            NewsPage,
            home,
            title=f"La coopération en classe, épisode {number}",
            summary="Un épisode de plus sur la coopération à l’école.",
        )
        for number in (1, 2, 3)
    ]
    yield pages
    for news in pages:
        news.unpublish()
        news.delete()
