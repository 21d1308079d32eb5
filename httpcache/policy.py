"""The HTTP cache policy of the whole site, in one place.

Anonymous GET and HEAD requests of the public site (pages, indexes, the feed, the sitemap, the
.ics files, /recherche/, uploaded images) get::

    Cache-Control: public, max-age=<CACHE_MAX_AGE>, s-maxage=<CACHE_SHARED_MAX_AGE>

and the surrogate keys of what they show (httpcache.keys) in settings.CACHE_KEYS_HEADER, with
no Set-Cookie and no `Vary: Cookie`: a shared cache (Varnish, a CDN) keeps one copy for
everybody, and the purge on publish (httpcache.purge) keeps it exact, so the shared life can be
long. Browsers keep a page for a short while only, since nothing can purge them.

Everything else is `private, no-store`: the admin and its previews, the newsletter's own pages
(forms, confirmation and unsubscription links), uploaded documents (Wagtail checks their
collection's restrictions on each download), /sante/, any response to a logged-in user, any
response that sets a cookie, any method other than GET and HEAD, redirects other than permanent
ones, and errors. A response whose view chose its own Cache-Control (whitenoise's static files)
keeps it, unless it must be private.

Since no Vary: Cookie tells a browser that a page differs once its visitor signs in, the answer
to a sign-in or a sign-out carries `Clear-Site-Data: "cache"`: the browser forgets the public
pages it kept, and an editor who signs in sees what they just published at once.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

from httpcache.keys import get_cache_keys

PRIVATE = "private, no-store"
SAFE_METHODS = ("GET", "HEAD")
# Statuses a shared cache may keep: the same answer for everybody, until the next purge.
CACHEABLE_STATUSES = {200, 203, 204, 300, 301, 308, 404, 410}


class CachePolicyMiddleware:
    """Applies the policy to every response. It sits above SessionMiddleware and
    CsrfViewMiddleware in settings.MIDDLEWARE, so that it sees the cookies and the Vary header
    they add."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        apply_policy(request, response)
        return response


def forget_kept_pages(sender, request, **kwargs) -> None:
    """On user_logged_in and user_logged_out: this response tells the browser to forget the
    pages it kept (see above)."""
    if request is not None:
        request.clear_browser_cache = True


def apply_policy(request, response) -> None:
    if getattr(request, "clear_browser_cache", False):
        response["Clear-Site-Data"] = '"cache"'
    if is_private(request, response):
        make_private(response)
    elif "Cache-Control" not in response:
        make_public(request, response)


def is_private(request, response) -> bool:
    if request.method not in SAFE_METHODS or response.cookies:
        return True
    if request.path_info.startswith(tuple(settings.CACHE_PRIVATE_PATHS)):
        return True
    if is_logged_in(request):
        return True
    if response.status_code not in CACHEABLE_STATUSES:
        return True
    current = response.get("Cache-Control", "").lower()
    return any(word in current for word in ("private", "no-store", "no-cache"))


def is_logged_in(request) -> bool:
    # Without a session cookie the visitor is anonymous: no need to load a session (which
    # would also add Vary: Cookie).
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


def make_private(response) -> None:
    response["Cache-Control"] = PRIVATE
    if settings.CACHE_KEYS_HEADER in response:
        del response[settings.CACHE_KEYS_HEADER]


def make_public(request, response) -> None:
    patch_cache_control(
        response,
        public=True,
        max_age=settings.CACHE_MAX_AGE,
        s_maxage=settings.CACHE_SHARED_MAX_AGE,
    )
    remove_vary(response, "Cookie", "Accept-Language")
    keys = get_cache_keys(request)
    if keys:
        response[settings.CACHE_KEYS_HEADER] = " ".join(keys)


def remove_vary(response, *headers) -> None:
    if "Vary" not in response:
        return
    dropped = {header.lower() for header in headers}
    kept = [value.strip() for value in response["Vary"].split(",") if value.strip().lower() not in dropped]
    if kept:
        response["Vary"] = ", ".join(kept)
    else:
        del response["Vary"]
