"""The site's URLs plus a view that fails, to show the 500 page."""

from django.urls import path

from occe_site.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("Panne simulée pour les tests")


urlpatterns = [path("panne/", broken_view), *site_urlpatterns]
