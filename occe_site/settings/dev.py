"""Local development: debug on, a generated secret kept under var/, mail to the console."""

import secrets

from .base import EMAIL_HOST, VAR_DIR
from .env import env_bool, env_list, env_str
from .local import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])


def _local_secret_key() -> str:
    """A key generated once per checkout and kept in var/, never committed."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY") or _local_secret_key()

if not EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
