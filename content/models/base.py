"""What every content page shares, and what every section index shares.

A section index names the type it lists (`child_model`); the tree rules follow from it
(`SectionIndexPage.__init_subclass__`): the index takes only that type, the type lives only
under its index, and the type knows its index (`index_model`).
"""

from django import forms
from django.db import models
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, get_page_models
from wagtail.search import index

from content.blocks import BodyBlock
from content.models.filters import SectionFilter
from content.pagination import paginate
from content.privacy import RestrictionsFromCacheMixin, public
from content.routing import ChildRouteMixin, route_ancestors


def today():
    return timezone.localdate()


class SharedTemplateMixin:
    """Wagtail looks for a template named after each page class (content/news_page.html); a
    type without a template of its own renders `shared_template`, the layout of its family."""

    shared_template: str

    def get_template(self, request, *args, **kwargs):
        return [super().get_template(request, *args, **kwargs), self.shared_template]


class BasePage(ChildRouteMixin, RestrictionsFromCacheMixin, SharedTemplateMixin, Page):
    """The abstract base of every content page type of the site.

    A concrete type says once what it is: `type_label` is shown on cards,
    `facet_slug` and `facet_label` name its facet in the search. It lives under its section's
    index (`index_model`, set by the index), and holds no other page unless it says so.
    """

    type_label: str = "Page"
    facet_slug: str = "pages"
    facet_label: str = "Pages"
    index_model: type["SectionIndexPage"] | None = None
    subpage_types: list = []
    shared_template = "pages/content_page.html"

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

    main_panels = [
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
    # A type with fields of its own puts them between the two.
    content_panels = [*main_panels, *classification_panels]
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
        """Up to `limit` other live public pages, of any type, sharing a theme with this one,
        newest first, in one query (plus one per distinct type among the few found, to load
        them as specific pages, and one for their images)."""
        if themes is None:
            themes = list(self.themes.all())
        theme_ids = [theme.pk for theme in themes]
        if not theme_ids:
            return []
        sharing = Q()
        for model in get_page_models():  # every page type, as Wagtail registers them
            if issubclass(model, BasePage):
                links = model.themes.through.objects.filter(theme_id__in=theme_ids)
                sharing |= Q(pk__in=links.values(f"{model._meta.model_name}_id"))
        related = list(
            public(Page.objects.live())
            .filter(sharing)
            .exclude(pk=self.pk)
            .order_by("-first_published_at", "-pk")
            .specific()[:limit]
        )
        prefetch_related_objects(related, listing_image_prefetch())
        return related


def breadcrumb_for(page):
    """The ancestors shown in the breadcrumb, home page first: those routing went through, or
    one query."""
    ancestors = route_ancestors(page)
    if ancestors is not None:
        return ancestors
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


class SectionIndexPage(ChildRouteMixin, RestrictionsFromCacheMixin, SharedTemplateMixin, Page):
    """The abstract base of a section's index: lists its live children, newest first."""

    child_model: type[BasePage]
    filterset_class: type[SectionFilter] = SectionFilter
    # The title and address a new site gives this section.
    default_title: str
    default_slug: str
    per_page = 20
    shared_template = "pages/section_index_page.html"

    introduction = models.TextField("introduction", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    parent_page_types = ["content.HomePage"]
    max_count = 1

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        """The tree rules of a section, from its `child_model`: Wagtail reads both sides."""
        super().__init_subclass__(**kwargs)
        child_model = cls.__dict__.get("child_model")
        if child_model is not None:
            cls.subpage_types = [child_model]
            child_model.parent_page_types = [cls]
            child_model.index_model = cls

    def get_meta_description(self):
        return self.search_description or self.introduction

    def children_queryset(self):
        """The live public children for cards and the feed: their bodies are not loaded."""
        return (
            public(self.child_model.objects.child_of(self).live())
            .defer_streamfields()
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
        # Lazy: not even counted when the template's cached "listing" fragment is used.
        page_obj = SimpleLazyObject(lambda: paginate(request, filterset.qs, self.per_page))
        return {"filterset": filterset, "page_obj": page_obj}
