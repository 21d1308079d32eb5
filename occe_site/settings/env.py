"""Reading configuration from the environment.

Every setting a deployment may change comes from an environment variable; the
README lists them. These helpers turn the raw strings into Python values and
fail loudly on a value they cannot read, rather than guessing.
"""

import ipaddress
import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} doit valoir true ou false, pas {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} doit être un nombre entier, pas {raw!r}.") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_networks(name: str) -> list[str]:
    """Comma-separated addresses or networks (127.0.0.1, 10.0.0.0/8, ::1), checked now."""
    networks = env_list(name)
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"{name} doit lister des adresses ou des réseaux IP séparés par des virgules "
                f"(127.0.0.1, 10.0.0.0/8), pas {network!r}."
            ) from exc
    return networks


def env_database(name: str, default: str, **options) -> dict:
    """The database of the URL in `name` (`default` when unset or empty, as an .env file often
    leaves it), with dj_database_url's `options`. A URL it cannot read is refused by name;
    the message never repeats the URL, which may hold a password."""
    url = os.environ.get(name, "").strip() or default
    try:
        config = dj_database_url.parse(url, **options)
    except ValueError as exc:  # UnknownSchemeError and ParseError
        raise ImproperlyConfigured(
            f"{name} n'est pas une adresse de base de données lisible ({exc}). Attendu : "
            "postgres://utilisateur:mot-de-passe@hôte:5432/base, ou sqlite:///chemin/base.sqlite3."
        ) from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(f"{name} ne nomme aucune base : postgres://utilisateur@hôte:5432/base.")
    return config
