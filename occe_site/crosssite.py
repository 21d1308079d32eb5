"""Refusing a public form posted from another site, for the forms that carry no CSRF token (they
would set a cookie on pages a shared cache keeps: see newsletter/views.py)."""

from django.conf import settings


def is_cross_site(request) -> bool:
    """True when the browser says the post comes from another site.

    Browsers send Origin with every POST; a request without one (an old browser, a
    script) is let through, the other protections (rate limits, honeypot…) still applying.
    """
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return True
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    own_origin = f"{request.scheme}://{request.get_host()}"
    return origin != own_origin and origin not in settings.CSRF_TRUSTED_ORIGINS
