from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as static_serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from content import views as content_views
from httpcache.keys import SEARCH, SITEMAP, with_cache_keys
from occe_site.views import RateLimitedPasswordResetView
from operations import views as operations_views
from search import views as search_views

SITEMAPS = {"pages": content_views.PageSitemap}

urlpatterns = [
    # Wagtail's password reset, rate limited; first, so that it answers instead of Wagtail's.
    path("admin/password_reset/", RateLimitedPasswordResetView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("recherche/", with_cache_keys(SEARCH)(search_views.search), name="search"),
    path(
        "recherche/suggestions/",
        with_cache_keys(SEARCH)(search_views.search_suggestions),
        name="search_suggestions",
    ),
    path("sante/", operations_views.health, name="health"),
    path("newsletter/", include("newsletter.urls")),
    path("contact/", include("contact.urls")),
    path("plan-du-site/", with_cache_keys(SITEMAP)(content_views.site_map), name="site_map"),
    path("robots.txt", content_views.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        with_cache_keys(SITEMAP)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        with_cache_keys(SITEMAP)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
]

if settings.DEBUG or settings.SERVE_MEDIA:
    # Images only (renditions and originals). Documents stay behind Wagtail's document view
    # (/documents/<id>/<name>), which checks their collection's privacy: served from here,
    # /media/documents/<name> would bypass it.
    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>(?:images|original_images)/.*)$",
            static_serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

urlpatterns += [
    path("", include(wagtail_urls)),
]
