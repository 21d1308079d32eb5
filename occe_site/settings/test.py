"""Settings for the test suite: fast, isolated, no collectstatic needed."""

import tempfile

from .env import env_str
from .local import *  # noqa: F403

SECRET_KEY = "test-only-secret-key-not-for-any-deployment"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = env_str("TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="occe-test-media-")
WAGTAILADMIN_BASE_URL = "http://testserver"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# client.login() has no request for django-axes to key on; the lockout tests turn it on.
AXES_ENABLED = False
