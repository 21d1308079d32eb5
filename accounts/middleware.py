"""The second factor, enforced. Installed after django-otp's OTPMiddleware, which gives
request.user its is_verified()."""

from functools import partial

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from accounts import devices, rules

# What a member signed in with a password alone may still reach: the sign-in and sign-out,
# the admin's script translations and icons, and the second-factor pages themselves.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "accounts_verify",
    "accounts_enrol",
}


def code_still_due(user) -> str | None:
    """Which second-factor step a signed-in member still owes, if any: "verify" (they have a
    device) or "enrol" (they must have one)."""
    if not user.is_authenticated or user.is_verified():
        return None
    if devices.has_second_factor(user):
        return "verify"
    if rules.must_use_second_factor(user):
        return "enrol"
    return None


def _signed_in_user(user):
    return AnonymousUser() if code_still_due(user) else user


class SecondFactorMiddleware:
    """In the admin, a member signed in with a password who has a second factor, or must have
    one, is sent to give the code (or to enrol) before anything else. On the public site such a
    half-signed-in member is anonymous: pages and documents restricted to signed-in people
    stay closed. Anonymous visitors (no session cookie) are not looked at, so that their pages
    stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._is_admin(request) and settings.SESSION_COOKIE_NAME in request.COOKIES:
            request.user = SimpleLazyObject(partial(_signed_in_user, request.user))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not self._is_admin(request):
            return None
        match = request.resolver_match
        if match is not None and match.url_name in OPEN_URL_NAMES:
            return None
        step = code_still_due(request.user)
        if step is None:
            return None
        return redirect_to_login(request.get_full_path(), reverse(f"accounts_{step}"))

    @staticmethod
    def _is_admin(request) -> bool:
        return request.path_info.startswith(settings.ADMIN_URL_PREFIXES)
