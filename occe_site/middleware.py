"""Site-wide HTTP protections: security headers, request limits, a calm answer when the database is down."""

import logging

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.template import loader

logger = logging.getLogger(__name__)


def _is_admin(request) -> bool:
    return request.path_info.startswith(settings.ADMIN_URL_PREFIXES)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict policy of settings.CONTENT_SECURITY_POLICY on the public site; the
    Wagtail admin, whose editor needs inline styles and scripts, gets ADMIN_CONTENT_SECURITY_POLICY."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and _is_admin(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class SecurityHeadersMiddleware:
    """Headers that Django does not set by itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class RequestLimitsMiddleware:
    """Visitors post no uploads and no long forms: a request with more than PUBLIC_MAX_PARAMETERS
    parameters or a body over PUBLIC_MAX_BODY_SIZE gets a 400 before any work is done, on the
    public site and in the admin alike (its login and password reset forms are small). Only
    logged-in staff in the admin keep Django's larger limits (settings.DATA_UPLOAD_*), which the
    page editor and uploads need. Placed after AuthenticationMiddleware, it looks at the user
    only for a request over the limits."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self._refusal(request)
        if refusal and not (_is_admin(request) and request.user.has_perm("wagtailadmin.access_admin")):
            return HttpResponseBadRequest(refusal, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _refusal(request) -> str:
        query_string = request.META.get("QUERY_STRING", "")
        parameters = query_string.count("&") + 1 if query_string else 0
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = settings.PUBLIC_MAX_BODY_SIZE + 1
        if parameters > settings.PUBLIC_MAX_PARAMETERS:
            return "Trop de paramètres dans l’adresse."
        if length > settings.PUBLIC_MAX_BODY_SIZE:
            return "Requête trop volumineuse."
        return ""


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, answer with a French 503 page that needs no
    database, and let the next request try again: with CONN_HEALTH_CHECKS, Django opens a
    new connection, so the site recovers by itself when the database is back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            logger.error("Base de données injoignable : %s", exception)
            return database_unavailable_response()
        return None


def database_unavailable_response():
    html = loader.get_template("503.html").render()  # no request: no context processor, no query
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
