"""A wagtail.contrib.frontend_cache backend for Varnish that also purges by surrogate key."""

import logging
from urllib.error import URLError
from urllib.request import urlopen

from django.core.exceptions import ImproperlyConfigured
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger(__name__)

# Keys per PURGE request: Varnish reads one header line, keep it well under its limits.
KEYS_PER_REQUEST = 100


class VarnishBackend(HTTPBackend):
    """PURGE of page addresses (Wagtail's HTTPBackend), and of surrogate keys with the xkey
    module: `PURGE /` with an `xkey-softpurge: key key…` header (deploy/varnish/default.vcl).

    A soft purge marks the objects as expired but keeps them: while the app servers are up,
    the next request fetches a fresh copy; while they are down, the stale one is still served.
    SOFT = False (`xkey-purge`) throws them away.
    """

    def __init__(self, params):
        self.soft = params.pop("SOFT", True)
        self.timeout = params.pop("TIMEOUT", 5)
        super().__init__(params)
        if self.cache_scheme not in ("http", "https"):
            raise ImproperlyConfigured(f"VARNISH_URLS : adresse http(s) attendue, pas {self.cache_scheme!r}")

    def purge_keys(self, keys):
        header = "xkey-softpurge" if self.soft else "xkey-purge"
        keys = sorted(keys)
        for start in range(0, len(keys), KEYS_PER_REQUEST):
            chunk = " ".join(keys[start : start + KEYS_PER_REQUEST])
            request = PurgeRequest(f"{self.cache_scheme}://{self.cache_netloc}/", headers={header: chunk})
            try:
                with urlopen(request, timeout=self.timeout) as response:  # noqa: S310  # nosec B310 (LOCATION from settings)
                    logger.info(
                        "Purge de %s (%s) : %s", chunk, self.cache_netloc, response.read().decode()[:100]
                    )
            except (URLError, OSError) as error:
                logger.error("Purge impossible de %s sur %s : %s", chunk, self.cache_netloc, error)
                raise
