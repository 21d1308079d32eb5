"""One client address for the whole site (occe_site/clients.py), behind a proxy or not: the login
lockout, the password reset and the newsletter's limits all count by it."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import RequestFactory, override_settings

from occe_site.clients import client_ip, client_key

from .test_settings_and_headers import run_python

User = get_user_model()
PROXY = "127.0.0.1"
BEHIND_VARNISH = override_settings(TRUSTED_PROXIES=["127.0.0.1/32", "::1"])


def request(remote_addr, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, **extra)


# ---- The resolver ----------------------------------------------------------------------------


def test_without_trusted_proxies_the_peer_is_the_client_and_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@BEHIND_VARNISH
@pytest.mark.parametrize(
    ("remote_addr", "forwarded", "client"),
    [
        (PROXY, "203.0.113.7", "203.0.113.7"),
        # Whatever the client wrote before our proxy appended its address is not believed.
        (PROXY, "198.51.100.66, 203.0.113.7", "203.0.113.7"),
        # Two proxies of ours (a TLS terminator, then Varnish): skip both.
        (PROXY, "203.0.113.7, 127.0.0.1", "203.0.113.7"),
        # A request that did not come through the proxy: its header is the client's word.
        ("203.0.113.7", "198.51.100.66", "203.0.113.7"),
        # The proxy's own requests (health checks) have no header.
        (PROXY, None, PROXY),
        (PROXY, "", PROXY),
        # Ports and IPv4-mapped IPv6 addresses, as some proxies write them.
        (PROXY, "203.0.113.7:51234", "203.0.113.7"),
        (PROXY, "[2001:db8::7]:443", "2001:db8::7"),
        ("::ffff:127.0.0.1", "::ffff:203.0.113.7", "203.0.113.7"),
        # Garbage where our proxy's entry should be: fall back to the proxy, never to the garbage.
        (PROXY, "203.0.113.7, nonsense", PROXY),
    ],
)
def test_behind_trusted_proxies_the_client_is_the_first_untrusted_hop(remote_addr, forwarded, client):
    assert client_ip(request(remote_addr, forwarded)) == client


def test_ipv6_clients_are_counted_by_their_64_network(settings):
    settings.TRUSTED_PROXIES = []
    first = client_key(request("2001:db8:1:2:aaaa::1"))
    assert first == "2001:db8:1:2::"
    assert client_key(request("2001:db8:1:2:bbbb:cccc:dddd:eeee")) == first
    assert client_key(request("2001:db8:1:3::1")) != first
    assert client_key(request("203.0.113.7")) == "203.0.113.7"


def test_a_malformed_trusted_proxies_setting_is_refused_by_name():
    result = run_python("import django; django.setup()", TRUSTED_PROXIES="127.0.0.1, varnish")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr and "'varnish'" in result.stderr


def test_the_proxy_ssl_header_is_trusted_only_behind_a_proxy():
    code = "import django; django.setup(); from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"
    assert run_python(code).stdout.strip() == "None"
    behind = run_python(code, TRUSTED_PROXIES="127.0.0.1/32")
    assert behind.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"


# ---- The admin login lockout -------------------------------------------------------------------


def login(client, username, password, client_address):
    """A login through the proxy, from `client_address`."""
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=client_address,
    )


@pytest.fixture
def staff(db):
    return User.objects.create_user("redactrice", "r@example.org", "le-bon-mot-de-passe", is_staff=True)


@BEHIND_VARNISH
@override_settings(AXES_ENABLED=True)
def test_behind_the_proxy_failures_from_one_client_do_not_lock_the_account_for_another(client, staff):
    for _ in range(5):
        login(client, "redactrice", "mauvais", "203.0.113.7")
    assert login(client, "redactrice", "le-bon-mot-de-passe", "203.0.113.7").status_code == 429
    assert login(client, "redactrice", "le-bon-mot-de-passe", "198.51.100.9").status_code == 302


@BEHIND_VARNISH
@override_settings(AXES_ENABLED=True)
def test_one_address_trying_many_accounts_is_locked_out_for_all_of_them(client, staff):
    for number in range(19):
        assert login(client, f"inconnu{number}", "mauvais", "203.0.113.7").status_code == 200
    assert login(client, "inconnu19", "mauvais", "203.0.113.7").status_code == 429  # the twentieth
    assert login(client, "redactrice", "le-bon-mot-de-passe", "203.0.113.7").status_code == 429
    assert login(client, "redactrice", "le-bon-mot-de-passe", "198.51.100.9").status_code == 302


@BEHIND_VARNISH
@override_settings(AXES_ENABLED=True)
def test_one_account_tried_from_many_addresses_is_locked_out(client, staff):
    for number in range(49):
        assert login(client, "redactrice", "mauvais", f"203.0.113.{number + 1}").status_code == 200
    assert login(client, "redactrice", "le-bon-mot-de-passe", "198.51.100.9").status_code == 302
    client.logout()
    login(client, "redactrice", "mauvais", "203.0.113.250")  # the fiftieth
    locked = login(client, "redactrice", "le-bon-mot-de-passe", "198.51.100.9")
    assert locked.status_code == 429
    assert "Connexion temporairement bloquée" in locked.content.decode()


@BEHIND_VARNISH
@override_settings(AXES_ENABLED=True)
def test_an_ipv6_client_cannot_escape_the_lockout_by_changing_address_in_its_64(client, staff):
    for number in range(5):
        login(client, "redactrice", "mauvais", f"2001:db8:1:2::{number + 1}")
    assert login(client, "redactrice", "le-bon-mot-de-passe", "2001:db8:1:2:ffff::9").status_code == 429


@BEHIND_VARNISH
@override_settings(AXES_ENABLED=True)
def test_a_successful_login_does_not_clear_the_failures_of_other_addresses(client, staff):
    User.objects.create_user("complice", "c@example.org", "son-mot-de-passe", is_staff=True)
    for number in range(19):
        login(client, f"inconnu{number}", "mauvais", "203.0.113.7")
    assert login(client, "complice", "son-mot-de-passe", "203.0.113.7").status_code == 302
    client.logout()
    login(client, "inconnu-encore", "mauvais", "203.0.113.7")  # the twentieth
    assert login(client, "redactrice", "le-bon-mot-de-passe", "203.0.113.7").status_code == 429


# ---- Wagtail's password reset ---------------------------------------------------------------


def reset(client, email, client_address):
    return client.post(
        "/admin/password_reset/", {"email": email}, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address
    )


@BEHIND_VARNISH
def test_the_password_reset_form_is_limited_per_client(client, staff):
    for number in range(5):
        assert reset(client, f"n{number}@example.org", "203.0.113.7").status_code == 302
    refused = reset(client, "r@example.org", "203.0.113.7")
    assert refused.status_code == 429
    assert "Trop de demandes de réinitialisation" in refused.content.decode()
    assert not mail.outbox
    assert reset(client, "r@example.org", "198.51.100.9").status_code == 302
    assert len(mail.outbox) == 1


@BEHIND_VARNISH
def test_the_password_reset_form_sends_one_address_few_emails(client, staff):
    for number in range(3):
        assert reset(client, "r@example.org", f"203.0.113.{number + 1}").status_code == 302
    assert reset(client, "R@example.org", "198.51.100.9").status_code == 429
    assert len(mail.outbox) == 3
