"""What every content page shares, and what every section index shares."""

from django import forms
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from content.blocks import BodyBlock
from content.filters import SectionFilter
from content.pagination import paginate


def today():
    return timezone.localdate()


class BasePage(Page):
    """The abstract base of every content page type of the site.

    A concrete type says once what it is: `type_label` is shown on cards,
    `facet_slug` and `facet_label` name its facet in the search.
    """

    type_label: str = "Page"
    facet_slug: str = "pages"
    facet_label: str = "Pages"

    summary = models.TextField(
        "résumé",
        max_length=400,
        help_text="Deux ou trois phrases, reprises sur les cartes, dans les résultats de recherche "
        "et comme description pour les moteurs de recherche.",
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image de présentation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Montrée sur les cartes et lors des partages sur les réseaux sociaux.",
    )
    themes = ParentalManyToManyField("content.Theme", verbose_name="thèmes", blank=True, related_name="+")
    body = StreamField(BodyBlock(), verbose_name="contenu", blank=True)
    publication_date = models.DateField(
        "date de publication",
        default=today,
        db_index=True,
        help_text="La date montrée aux visiteurs, qui ordonne les listes.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("listing_image"),
        FieldPanel("body"),
    ]
    classification_panels = [
        MultiFieldPanel(
            [
                FieldPanel("publication_date"),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Classement",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=1.5),
        index.SearchField("body"),
        index.FilterField("publication_date"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.summary

    @property
    def listing_date(self):
        """The date a card shows: when it was published (a webinar or an event: when it happens)."""
        return self.publication_date

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        themes = list(self.themes.all())
        context["breadcrumb"] = breadcrumb_for(self)
        context["themes"] = themes
        context["related_pages"] = self.related_pages(themes)
        prefetch_body_renditions(self.body)
        return context

    def related_pages(self, themes=None, limit=3):
        """Up to `limit` other live public pages, of any type, sharing a theme with this one."""
        from content.models.registry import related_pages_for

        if themes is None:
            themes = list(self.themes.all())
        return related_pages_for(self, themes, limit=limit)


def breadcrumb_for(page):
    """The ancestors shown in the breadcrumb, home page first (one query)."""
    return list(page.get_ancestors().filter(depth__gte=2).only("id", "title", "url_path", "path", "depth"))


def prefetch_body_renditions(stream):
    """Load the renditions of every image of a body in one query, not one per image."""
    images = [
        block.value["image"] for block in stream if block.block_type == "image" and block.value["image"]
    ]
    if images:
        prefetch_related_objects(images, "renditions")


def listing_image_prefetch():
    """Cards' images with their renditions, fetched in two queries for any number of cards."""
    return Prefetch("listing_image", queryset=get_image_model().objects.prefetch_renditions())


class SectionIndexPage(Page):
    """The abstract base of a section's index: lists its live children, newest first."""

    child_model: type[BasePage]
    filterset_class: type[SectionFilter] = SectionFilter
    # The title and address a new site gives this section.
    default_title: str
    default_slug: str
    per_page = 20

    introduction = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["content.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    def get_meta_description(self):
        return self.search_description or self.introduction

    def children_queryset(self):
        return (
            self.child_model.objects.child_of(self)
            .live()
            .public()
            .prefetch_related(listing_image_prefetch())
            .order_by("-publication_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumb"] = breadcrumb_for(self)
        context.update(self.listing_context(request))
        return context

    def listing_context(self, request):
        """The filtered, paginated children; a section with its own listing overrides this."""
        filterset = self.filterset_class(request.GET or None, queryset=self.children_queryset())
        return {"filterset": filterset, "page_obj": paginate(request, filterset.qs, self.per_page)}
