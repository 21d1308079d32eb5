"""The home page: the root of the public site, above the sections and the standard pages."""

from django.db import models
from django.db.models import prefetch_related_objects
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page

from content.blocks import PromoBlock
from content.models.base import listing_image_prefetch
from content.models.pages import NewsPage, StandardPage
from content.models.registry import SECTION_INDEX_TYPES
from content.privacy import RestrictionsFromCacheMixin, public
from content.routing import ChildRouteMixin


class HomePage(ChildRouteMixin, RestrictionsFromCacheMixin, Page):
    """The root of the public site: a hero, the editor's picks, the latest news and promos."""

    hero_title = models.CharField("titre d'accroche", max_length=160, blank=True)
    hero_text = models.TextField("texte d'accroche", blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image d'accroche",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_label = models.CharField("libellé du lien d'accroche", max_length=80, blank=True)
    hero_link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="page du lien d'accroche",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    promos = StreamField([("promo", PromoBlock())], verbose_name="promotions", blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldRowPanel([FieldPanel("hero_link_label"), PageChooserPanel("hero_link_page")]),
            ],
            heading="Accroche",
        ),
        InlinePanel("featured_pages", label="Pages mises en avant", max_num=6),
        FieldPanel("promos"),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    # The section indexes and the standard pages (each of which says it may live here).
    subpage_types = [
        *SECTION_INDEX_TYPES,
        StandardPage,
        "contact.ContactPage",
        "content.AccessibilityStatementPage",
    ]
    template = "pages/home_page.html"
    latest_news_count = 3

    class Meta:
        verbose_name = "page d'accueil"
        verbose_name_plural = "pages d'accueil"

    def get_meta_description(self):
        return self.search_description or self.hero_text

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: not even queried when the template's cached fragment is used (httpcache).
        context["featured_pages"] = SimpleLazyObject(self.featured_page_list)
        context["latest_news"] = (
            public(NewsPage.objects.live())
            .defer_streamfields()
            .prefetch_related(listing_image_prefetch())
            .order_by("-publication_date", "-pk")[: self.latest_news_count]
        )
        return context

    def featured_page_list(self):
        """The editor's picks, specific and live, in the editor's order."""
        ids = [link.page_id for link in self.featured_pages.all() if link.page_id]
        pages = public(Page.objects.filter(pk__in=ids).live()).specific().in_bulk()
        specific = [pages[pk] for pk in ids if pk in pages]
        prefetch_related_objects(
            [p for p in specific if hasattr(p, "listing_image")], listing_image_prefetch()
        )
        return specific


class HomeFeaturedPage(Orderable):
    home = ParentalKey(HomePage, related_name="featured_pages", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="page", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "page mise en avant"
        verbose_name_plural = "pages mises en avant"
