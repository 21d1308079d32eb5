"""The site as it runs in production: Varnish, two gunicorn, the workers, the scheduler.

Slow (a few minutes): a whole site is prepared and started once for the module; the tests
that break things (an app server killed, the database stopped) come last.
"""

import datetime
import http.client
import os
import re
import signal
import threading
import time
import urllib.parse

import pytest
from django_otp.oath import TOTP
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.topology.conftest import ADMIN_PASSWORD, missing_tools, shell, sql, wait_for

pytestmark = pytest.mark.skipif(
    missing_tools() is not None, reason=f"topologie de production : {missing_tools()}"
)


def request(topology, method, path, *, body=None, headers=None, source="127.0.0.1", port=None):
    """One request to Varnish (or to `port`), from the address `source`: (status, headers, text)."""
    connection = http.client.HTTPConnection("127.0.0.1", port or topology.varnish_port, timeout=30,
                                            source_address=(source, 0))  # fmt: skip
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def get(topology, path, **kwargs):
    return request(topology, "GET", path, **kwargs)


class Editor:
    """An editor in the admin, through Varnish, with the cookies kept by hand (they are
    Secure, which a client library would not send back over plain HTTP)."""

    def __init__(self, topology):
        self.topology = topology
        self.cookies = {}

    def send(self, method, path, fields=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Origin": self.topology.url,
                        "Referer": self.topology.url + path}  # fmt: skip
        status, response_headers, text = request(self.topology, method, path, body=body, headers=headers)
        for cookie in response_headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name] = rest.split(";")[0]
        return status, response_headers, text

    def csrf(self, html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def login(self):
        _, _, html = self.send("GET", "/admin/login/")
        status, _, _ = self.send("POST", "/admin/login/", {"username": "admin", "password": ADMIN_PASSWORD,
                                                           "csrfmiddlewaretoken": self.csrf(html)})  # fmt: skip
        assert status == 302, "connexion à l'administration impossible"
        _, _, html = self.send("GET", "/admin/deux-facteurs/code/")
        status, _, _ = self.send("POST", "/admin/deux-facteurs/code/", {"code": self.one_time_code(),
                                                                         "csrfmiddlewaretoken": self.csrf(html)})  # fmt: skip
        assert status == 302, "second facteur refusé"
        return self

    def one_time_code(self):
        """The admin's authenticator code, as its application computes it. A code works once:
        a second sign-in within the same 30 s gives the next period's (within the device's
        tolerance of one period), or waits for it."""
        totp = TOTP(bytes.fromhex(self.topology.admin_totp_key))
        period = totp.t()
        used = getattr(self.topology, "last_totp_period", -1)
        if used > period:
            time.sleep(totp.step)
            return self.one_time_code()
        totp.time = time.time() + (used + 1 - period) * totp.step if used == period else time.time()
        self.topology.last_totp_period = totp.t()
        return f"{totp.token():06d}"

    def publish_news(self, index_id, title):
        path = f"/admin/pages/add/content/newspage/{index_id}/"
        _, _, html = self.send("GET", path)
        data = nested_form_data({
            "title": title, "slug": "", "summary": f"{title} : le résumé.", "publication_date": str(datetime.date.today()),
            "body": streamfield([]), "comments": inline_formset([]), "action-publish": "publish",
        })  # fmt: skip
        data["csrfmiddlewaretoken"] = self.csrf(html)
        data["slug"] = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
        status, _, text = self.send("POST", path, data)
        assert status == 302, text[:2000]


def wait_until(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_a_second_anonymous_get_is_a_cache_hit(topology):
    get(topology, "/actualites/")
    status, headers, _ = get(topology, "/actualites/")
    assert status == 200
    assert headers["X-Cache"] == "HIT"
    assert "xkey" not in headers  # the keys stay inside


def test_no_anonymous_response_sets_a_cookie(topology):
    _, _, html = get(topology, "/")
    paths = {"/", "/recherche/?q=coop%C3%A9ration", "/sitemap.xml", "/actualites/flux/", "/plan-du-site/"}
    paths |= set(re.findall(r'href="(/[^"#]*)"', html))
    for path in sorted(paths)[:80]:
        status, headers, _ = get(topology, path, headers={"Cookie": "csrftoken=abc; _ga=1"})
        assert "Set-Cookie" not in headers, path
        if status == 200 and not path.startswith(("/newsletter/", "/documents/", "/admin/")):
            assert "public" in headers["Cache-Control"], path


def test_the_admin_is_never_cached(topology):
    editor = Editor(topology).login()
    for _ in range(2):
        status, headers, _ = editor.send("GET", "/admin/")
        assert status == 200
        assert headers["X-Cache"] == "MISS"
        assert headers["Cache-Control"] == "private, no-store"
    # A logged-in editor sees the site past the cache too, with the admin's bar.
    get(topology, "/")
    status, headers, html = editor.send("GET", "/")
    assert headers["X-Cache"] == "MISS" and "private" in headers["Cache-Control"]


def test_a_purge_from_elsewhere_is_refused(topology):
    status, _, _ = request(topology, "PURGE", "/", headers={"xkey-purge": "navigation"}, source="127.0.0.2")
    assert status == 403
    status, _, _ = request(topology, "PURGE", "/", source="127.0.0.2")
    assert status == 403
    status, _, body = request(topology, "PURGE", "/", headers={"xkey-softpurge": "nothing-has-this-key"})
    assert status == 200


def test_only_one_scheduler_runs_jobs(topology):
    assert wait_until(lambda: "Un autre planificateur" in log(topology, "scheduler-2"), timeout=10)
    active = [name for name in ("scheduler", "scheduler-2") if "Planificateur actif" in log(topology, name)]
    assert active == ["scheduler"]
    lines = [line for line in log(topology, "scheduler").splitlines() if "Début : publish_scheduled" in line]
    assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ INFO operations\.scheduler: ", lines[0])


def log(topology, name):
    path = topology.log_dir / f"{name}.log"
    return path.read_text() if path.exists() else ""


def news_index_id(topology):
    return sql(topology, "SELECT page_ptr_id FROM content_newsindexpage LIMIT 1")


def unrelated_page(topology):
    """A departmental association's page: no news in it, no theme shared with a new one."""
    slug = sql(topology, "SELECT p.url_path FROM wagtailcore_page p JOIN content_departmentalassociationpage a "
                         "ON a.page_ptr_id = p.id WHERE p.live LIMIT 1")  # fmt: skip
    return "/" + slug.split("/", 2)[2]


def test_publishing_in_the_admin_shows_everywhere_within_a_second(topology):
    title = "Quetzalcoatl visite les coopératives"
    watched = {"/": title, "/actualites/": title, "/actualites/flux/": title,
               "/recherche/?q=quetzalcoatl": "1 résultat"}  # fmt: skip
    unrelated = unrelated_page(topology)
    for path in [*watched, unrelated]:
        get(topology, path)
        assert get(topology, path)[1]["X-Cache"] == "HIT", path
    assert title not in get(topology, "/")[2]

    editor = Editor(topology).login()
    editor.publish_news(news_index_id(topology), title)
    published = time.monotonic()
    for path, text in watched.items():
        assert wait_until(lambda path=path, text=text: text in get(topology, path)[2],
                          timeout=max(0.0, published + 1.0 - time.monotonic())), path  # fmt: skip
    assert time.monotonic() - published < 1.5
    # Nothing unrelated was purged.
    assert get(topology, unrelated)[1]["X-Cache"] == "HIT"


def test_publishing_a_menu_changes_every_page(topology):
    pages = ["/", "/actualites/", unrelated_page(topology)]
    for path in pages:
        get(topology, path)
    shell(topology, (
        "from content.models import MainMenu\n"
        "menu = MainMenu.objects.get()\n"
        "menu.utility_links = [('link', {'label': 'Nouveau lien du menu', 'page': None, 'url': '/plan-du-site/'})]\n"
        "menu.save_revision().publish()\n"
    ))  # fmt: skip
    for path in pages:
        assert wait_until(lambda path=path: "Nouveau lien du menu" in get(topology, path)[2], timeout=1.0), (
            path
        )


def test_a_scheduled_page_goes_live_and_is_purged_on_time(topology):
    go_live = time.time() + 15
    shell(topology, (
        "import datetime\n"
        "from django.utils import timezone\n"
        "from content.models import NewsIndexPage, NewsPage\n"
        "index = NewsIndexPage.objects.get()\n"
        "page = NewsPage(title='Annonce programmée Xylophone', summary='Bientôt.', live=False)\n"
        "index.add_child(instance=page)\n"
        f"page.go_live_at = datetime.datetime.fromtimestamp({go_live}, tz=datetime.timezone.utc)\n"
        "page.save_revision(approved_go_live_at=page.go_live_at)\n"
    ))  # fmt: skip
    get(topology, "/actualites/")
    assert "Xylophone" not in get(topology, "/actualites/")[2]
    time.sleep(max(0.0, go_live - time.time() - 2))
    assert "Xylophone" not in get(topology, "/actualites/")[2]  # not before its time
    # The scheduler publishes every 5 s here: live within 5 s of its time, then purged at once.
    assert wait_until(
        lambda: "Xylophone" in get(topology, "/actualites/")[2], timeout=go_live + 7 - time.time()
    )


def test_killing_one_app_server_loses_no_request(topology):
    errors, done = [], []

    def client(number):
        for count in range(100):
            # Distinct searches: every one goes past the cache to an app server.
            status, _, _ = get(topology, f"/recherche/?q=ecole&page={count % 5 + 1}&c={number}-{count}")
            (done if status == 200 else errors).append(status)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(3)]
    for thread in threads:
        thread.start()
    wait_until(lambda: len(done) >= 40, timeout=60)
    victim = topology.processes[f"gunicorn-{topology.app_ports[0]}"]
    os.killpg(victim.pid, signal.SIGKILL)
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(done) == 300
    topology.start_gunicorn(0)
    wait_for(f"{topology.app_url(0)}/sante/")


def test_with_the_database_down_cached_pages_answer_and_others_get_the_french_503(topology):
    cached = ["/", "/actualites/", unrelated_page(topology)]
    for path in cached:
        get(topology, path)
    topology.cluster.stop()
    try:
        # The probes fail on /sante/: both app servers leave the pool.
        assert wait_until(lambda: get(topology, "/sante/")[0] == 503, timeout=10)
        time.sleep(3)
        # Expired (soft-purged) pages too are served stale while no app server is healthy.
        request(topology, "PURGE", "/", headers={"xkey-softpurge": "navigation"})
        for path in cached:
            status, _, html = get(topology, path)
            assert status == 200, path
        status, headers, html = get(topology, "/recherche/?q=jamais-demande")
        assert status == 503
        assert "Le site est momentanément indisponible" in html and '<html lang="fr">' in html
    finally:
        topology.cluster.start()
    assert wait_until(lambda: get(topology, "/recherche/?q=de-retour")[0] == 200, timeout=15)
