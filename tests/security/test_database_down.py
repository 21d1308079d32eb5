"""When PostgreSQL goes away the site says so in French, and comes back on its own."""

import os
import urllib.error
import urllib.request

import pytest
from django.db import connection, connections

# Decided before the test database is set up: a transactional test empties the database when
# it ends, so it should not even start where it would only be skipped.
pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="PostgreSQL seulement (DATABASE_URL=postgres://…)",
)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 (the test's own server)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def kill_other_connections():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_down_gives_a_french_503_then_the_site_recovers(live_server):
    assert fetch(f"{live_server.url}/")[0] == 200

    # The server's connections are cut, as when PostgreSQL restarts: the next request reconnects.
    kill_other_connections()
    assert fetch(f"{live_server.url}/")[0] == 200

    # PostgreSQL unreachable: a calm French page, no traceback, nothing from the database.
    settings_dict = connections.settings["default"]
    original_port = settings_dict["PORT"]
    settings_dict["PORT"] = "1"
    try:
        kill_other_connections()
        status, html = fetch(f"{live_server.url}/recherche/?q=ecole")
        assert status == 503
        assert "Le site est momentanément indisponible" in html
        assert '<html lang="fr">' in html
        assert "Traceback" not in html and "OperationalError" not in html
    finally:
        settings_dict["PORT"] = original_port

    # Back again, without a restart.
    assert fetch(f"{live_server.url}/")[0] == 200
