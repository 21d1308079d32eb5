"""Which Wagtail site a request is for."""

from wagtail.models import Site


def site_for_request(request):
    """The site of the request's host name, or the default site.

    Wagtail's own lookup already falls back to the default site; it returns None only when no
    site is the default, and then this raises Site.DoesNotExist: a site without a default site
    is misconfigured, not something a visitor can fix.
    """
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)
