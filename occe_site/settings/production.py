"""Production: refuses to start without a real secret key; HTTPS only."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, TASKS, TRUSTED_PROXIES
from .env import env_bool, env_int

# Keys that are public knowledge: Django's and Wagtail's templates, ours in tests.
KNOWN_DEFAULT_PREFIXES = ("django-insecure", "test-only", "changeme", "change-me", "secret")

if not SECRET_KEY or len(SECRET_KEY) < 32 or SECRET_KEY.lower().startswith(KNOWN_DEFAULT_PREFIXES):
    raise ImproperlyConfigured(
        "SECRET_KEY manquante ou trop faible : définissez une clé secrète aléatoire "
        "d'au moins 32 caractères dans l'environnement."
    )

DEBUG = False

# Behind the proxies of TRUSTED_PROXIES, which terminate HTTPS and say so in X-Forwarded-Proto.
# Facing clients directly, a client could send that header itself: it is then not read.
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

SILENCED_SYSTEM_CHECKS = [
    # X_FRAME_OPTIONS is SAMEORIGIN, not DENY, on purpose: Wagtail's live preview shows
    # the page being edited in a frame of the admin, on the same origin. No other origin
    # may frame the site (and the CSP's frame-ancestors says the same).
    "security.W019",
]

# Newsletter emails go through a queue in the database, run by
# `manage.py db_worker --backend newsletter` (see README): a visitor never waits for
# the mail server, and a failed send is retried later.
TASKS = {**TASKS, "newsletter": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
