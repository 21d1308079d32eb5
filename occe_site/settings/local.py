"""What the two settings for a local checkout, `dev` and `test`, share on top of `base`.

The development tooling (devtools: the demo site, the large-site generator), which production
never installs. No service to run beside the site: the cache lives in the process, and static
files are served straight from the app folders by whitenoise, without `collectstatic` or hashed
names.
"""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]

# Sized as base's file cache is (Django's default of 300 entries would evict rate-limit counters
# at random), with renditions apart.
CACHES = {
    alias: {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": alias,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
    for alias in ("default", "renditions")
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
