"""Production: refuses to start without a real secret key, Redis or the site's public address;
HTTPS only."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import REDIS_URL, SECRET_KEY, STORAGES, TASKS, TRUSTED_PROXIES
from .env import env_bool, env_int, env_str

# Keys that are public knowledge: Django's and Wagtail's templates, ours in tests.
KNOWN_DEFAULT_PREFIXES = ("django-insecure", "test-only", "changeme", "change-me", "secret")

if not SECRET_KEY or len(SECRET_KEY) < 32 or SECRET_KEY.lower().startswith(KNOWN_DEFAULT_PREFIXES):
    raise ImproperlyConfigured(
        "SECRET_KEY manquante ou trop faible : définissez une clé secrète aléatoire "
        "d'au moins 32 caractères dans l'environnement."
    )

# Several app servers share one cache: the navigation, its invalidation, the rate limits and
# the health check's key must be the same whichever server answers.
if not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL manquante : en production, les serveurs d'application partagent un cache Redis "
        "(par exemple REDIS_URL=redis://127.0.0.1:6379/0)."
    )

# The site's public address: the links of the emails, and what absolute URLs fall back on when
# no Site matches (content/seo.py). Never guessed from a request's Host header.
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL").rstrip("/")
_base_url = urlsplit(WAGTAILADMIN_BASE_URL)
if _base_url.scheme not in ("https", "http") or not _base_url.hostname or _base_url.path:
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL manquante ou invalide : en production, l'adresse publique du site "
        "construit les liens des courriels (par exemple WAGTAILADMIN_BASE_URL=https://www.occe.coop)."
    )

DEBUG = False

# Behind the proxies of TRUSTED_PROXIES, which terminate HTTPS and say so in X-Forwarded-Proto.
# Facing clients directly, a client could send that header itself: it is then not read.
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Varnish's health probe speaks plain HTTP to the app servers.
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
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

# With several app servers, uploads must reach all of them: either MEDIA_ROOT is a directory
# they share (NFS…, README), or AWS_STORAGE_BUCKET_NAME names an S3-compatible bucket
# (django-storages; AWS_S3_ENDPOINT_URL for another provider than AWS, credentials from
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the machine's role). The bucket's policy lets the
# public read images/ and original_images/ only: documents are served by Wagtail's document view,
# which checks their collection's privacy (README).
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES = {**STORAGES, "default": {"BACKEND": "storages.backends.s3.S3Storage"}}
    AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_DEFAULT_ACL = None  # the bucket's own policy decides
    AWS_QUERYSTRING_AUTH = False  # public files: plain, cacheable addresses
    AWS_S3_FILE_OVERWRITE = False

# Newsletter emails go through a queue in the database, run by
# `manage.py db_worker --backend newsletter` (see README): a visitor never waits for
# the mail server, and a failed send is retried later.
TASKS = {
    **TASKS,
    "newsletter": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    # Purges after a publish, run by `manage.py db_worker --backend purge` (httpcache/purge.py).
    "purge": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
