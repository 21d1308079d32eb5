"""The page types of the site, each saying once what it is."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable
from wagtail.search import index

from content import departments
from content.calendar import event_calendar
from content.department_map import department_map
from content.feeds import NewsFeed
from content.models.base import BasePage, SectionIndexPage
from content.models.filters import AssociationFinderForm, ResourceFilter
from content.pagination import paginate


class CyclesMixin(models.Model):
    """School cycles, for the types that address a part of the primary school."""

    cycles = ParentalManyToManyField("content.Cycle", verbose_name="cycles", blank=True, related_name="+")

    class Meta:
        abstract = True

    @property
    def cycle_names(self):
        """ "Cycle 1, Cycle 2": the cycles the page addresses, as its details show them."""
        return ", ".join(cycle.name for cycle in self.cycles.all())


# --- Content types ------------------------------------------------------------------------


class ArticlePage(BasePage):
    type_label = "Article"
    facet_slug = "articles"
    facet_label = "Articles"

    class Meta:
        verbose_name = "article"
        verbose_name_plural = "articles"


class NewsPage(BasePage):
    type_label = "Actualité"
    facet_slug = "actualites"
    facet_label = "Actualités"

    class Meta:
        verbose_name = "actualité"
        verbose_name_plural = "actualités"


class ResourcePage(BasePage, CyclesMixin):  # noqa: DJ008 (Page.__str__ is the title)
    type_label = "Ressource pédagogique"
    facet_slug = "ressources"
    facet_label = "Ressources"

    content_panels = [
        *BasePage.main_panels,
        InlinePanel("documents", label="Documents à télécharger"),
        *BasePage.classification_panels,
        FieldPanel("cycles", widget=forms.CheckboxSelectMultiple),
    ]
    template = "pages/resource_page.html"

    class Meta:
        verbose_name = "ressource pédagogique"
        verbose_name_plural = "ressources pédagogiques"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["documents"] = self.documents.select_related("document")
        return context


class ResourceDocument(Orderable):
    page = ParentalKey(ResourcePage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name="document", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        "intitulé", max_length=200, blank=True, help_text="Par défaut : le titre du document."
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"

    @property
    def display_title(self):
        return self.title or self.document.title


class ProjectPage(BasePage, CyclesMixin):  # noqa: DJ008 (Page.__str__ is the title)
    type_label = "Projet pédagogique"
    facet_slug = "projets"
    facet_label = "Projets"

    period = models.CharField(
        "période ou année scolaire",
        max_length=80,
        blank=True,
        help_text="Par exemple : « 2025-2026 ».",
    )
    partners = ParentalManyToManyField(
        "content.Partner", verbose_name="partenaires associés", blank=True, related_name="+"
    )

    content_panels = [
        *BasePage.main_panels,
        FieldPanel("period"),
        FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
        *BasePage.classification_panels,
        FieldPanel("cycles", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("period")]
    template = "pages/project_page.html"

    class Meta:
        verbose_name = "projet pédagogique"
        verbose_name_plural = "projets pédagogiques"


class ReviewPage(BasePage):
    type_label = "Revue pédagogique"
    facet_slug = "revues"
    facet_label = "Revues"

    issue_number = models.CharField("numéro", max_length=40, help_text="Tel qu'imprimé : « N° 301-302 ».")
    period_label = models.CharField(
        "période", max_length=80, help_text="Par exemple : « juillet-octobre 2024 »."
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="couverture",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="revue en PDF",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *BasePage.main_panels,
        FieldRowPanel([FieldPanel("issue_number"), FieldPanel("period_label")]),
        FieldPanel("cover_image"),
        FieldPanel("pdf"),
        *BasePage.classification_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("issue_number"),
        index.SearchField("period_label"),
    ]
    template = "pages/review_page.html"

    class Meta:
        verbose_name = "revue pédagogique"
        verbose_name_plural = "revues pédagogiques"


class WebinarPage(BasePage):
    type_label = "Webinaire"
    facet_slug = "webinaires"
    facet_label = "Webinaires"

    start = models.DateTimeField("début")
    duration_minutes = models.PositiveSmallIntegerField("durée (en minutes)", default=60)
    registration_url = models.URLField("lien d'inscription", blank=True)
    replay_url = models.URLField("vidéo de rediffusion", blank=True)

    content_panels = [
        *BasePage.main_panels,
        FieldRowPanel([FieldPanel("start"), FieldPanel("duration_minutes")]),
        FieldPanel("registration_url"),
        FieldPanel("replay_url"),
        *BasePage.classification_panels,
    ]
    template = "pages/webinar_page.html"

    class Meta:
        verbose_name = "webinaire"
        verbose_name_plural = "webinaires"

    @property
    def end(self):
        return self.start + timezone.timedelta(minutes=self.duration_minutes)

    @property
    def listing_date(self):
        return timezone.localdate(self.start)

    @property
    def is_past(self):
        return self.end < timezone.now()


class EventPage(RoutablePageMixin, BasePage):
    type_label = "Événement"
    facet_slug = "evenements"
    facet_label = "Événements"

    start = models.DateTimeField("début")
    end = models.DateTimeField("fin")
    place = models.CharField("lieu", max_length=250, help_text="Adresse, ou « En ligne ».")
    registration_url = models.URLField("lien d'inscription", blank=True)

    content_panels = [
        *BasePage.main_panels,
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("place"),
        FieldPanel("registration_url"),
        *BasePage.classification_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("place"),
        index.FilterField("start"),
    ]
    template = "pages/event_page.html"

    class Meta:
        verbose_name = "événement"
        verbose_name_plural = "événements"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "La fin doit venir après le début."})

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def listing_date(self):
        return timezone.localdate(self.start)

    @path("ics/", name="ics")
    def ics(self, request):
        response = HttpResponse(event_calendar(self, request), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response


class StandardPage(BasePage):
    """A static page ("Notre mission", "Mentions légales"…), which may hold others."""

    type_label = "Page"
    facet_slug = "pages"
    facet_label = "Pages"

    parent_page_types = ["content.HomePage", "content.StandardPage"]
    subpage_types = ["content.StandardPage", "contact.ContactPage"]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = "page"
        verbose_name_plural = "pages"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["child_pages"] = self.get_children().live().public().specific().order_by("path")
        return context


class DepartmentalAssociationPage(BasePage):
    type_label = "Ass. départementale"
    facet_slug = "associations"
    facet_label = "Ass. départementales"

    department_code = models.CharField(
        "département", max_length=3, choices=departments.CHOICES, db_index=True
    )
    street_address = models.TextField("adresse", help_text="Numéro, voie, complément.")
    postal_code = models.CharField("code postal", max_length=5)
    city = models.CharField("commune", max_length=120)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    email = models.EmailField("courriel", blank=True)
    website = models.URLField("site web", blank=True)

    content_panels = [
        *BasePage.main_panels,
        FieldPanel("department_code"),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("website"),
            ],
            heading="Coordonnées",
        ),
        *BasePage.classification_panels,
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("city"),
        index.SearchField("postal_code"),
        index.FilterField("department_code"),
    ]
    template = "pages/association_page.html"

    class Meta:
        verbose_name = "association départementale"
        verbose_name_plural = "associations départementales"

    @property
    def department_name(self):
        return departments.DEPARTMENTS.get(self.department_code, "")


# --- Section indexes ----------------------------------------------------------------------


class ArticleIndexPage(SectionIndexPage):
    default_title = "Articles"
    default_slug = "articles"
    child_model = ArticlePage

    class Meta:
        verbose_name = "index des articles"


class NewsIndexPage(RoutablePageMixin, SectionIndexPage):
    default_title = "Actualités"
    default_slug = "actualites"
    child_model = NewsPage

    class Meta:
        verbose_name = "index des actualités"

    @path("flux/", name="feed")
    def feed(self, request):
        """The RSS feed of the latest news, linked from every page's head."""
        return NewsFeed()(request, index=self)


class ResourceIndexPage(SectionIndexPage):
    default_title = "Ressources pédagogiques"
    default_slug = "ressources"
    child_model = ResourcePage
    filterset_class = ResourceFilter

    class Meta:
        verbose_name = "index des ressources"


class ProjectIndexPage(SectionIndexPage):
    default_title = "Projets pédagogiques"
    default_slug = "projets"
    child_model = ProjectPage
    filterset_class = ResourceFilter

    class Meta:
        verbose_name = "index des projets"


class ReviewIndexPage(SectionIndexPage):
    default_title = "Revues pédagogiques"
    default_slug = "revues"
    child_model = ReviewPage

    class Meta:
        verbose_name = "index des revues"


class WebinarIndexPage(SectionIndexPage):
    default_title = "Webinaires"
    default_slug = "webinaires"
    child_model = WebinarPage

    class Meta:
        verbose_name = "index des webinaires"

    def children_queryset(self):
        return super().children_queryset().order_by("-start", "-pk")


class EventIndexPage(SectionIndexPage):
    """Upcoming events first, soonest first; past events after them, latest first."""

    default_title = "Événements"
    default_slug = "evenements"
    child_model = EventPage
    template = "pages/event_index_page.html"

    class Meta:
        verbose_name = "index des événements"

    def listing_context(self, request):
        filterset = self.filterset_class(request.GET or None, queryset=self.children_queryset())
        now = timezone.now()
        events = filterset.qs
        return {
            "filterset": filterset,
            "upcoming_events": events.filter(end__gte=now).order_by("start", "pk"),
            "page_obj": paginate(
                request, events.filter(end__lt=now).order_by("-start", "-pk"), self.per_page
            ),
        }


class AssociationIndexPage(SectionIndexPage):
    """ "Près de chez vous": finds a departmental association by code, name or postal code."""

    default_title = "Près de chez vous"
    default_slug = "pres-de-chez-vous"
    child_model = DepartmentalAssociationPage
    template = "pages/association_index_page.html"
    per_page = 120

    class Meta:
        verbose_name = "index des associations (Près de chez vous)"

    def children_queryset(self):
        return self.child_model.objects.child_of(self).live().public().order_by("department_code")

    def listing_context(self, request):
        form = AssociationFinderForm(request.GET or None)
        # Every association, read once: the map links them all, the search keeps some.
        associations = list(self.children_queryset())
        context = {
            "finder_form": form,
            "searched": False,
            # Départements without an association lead to the federation: the site's home.
            "department_map": department_map(associations, reverse("wagtail_serve", args=[""]), request),
        }
        if form.is_valid() and form.cleaned_data["q"]:
            codes = departments.find_departments(form.cleaned_data["q"])
            # Keep the order of the codes found: exact matches first.
            rank = {code: position for position, code in enumerate(codes)}
            associations = sorted(
                (page for page in associations if page.department_code in rank),
                key=lambda page: rank[page.department_code],
            )
            context["searched"] = True
        context["associations"] = associations
        return context
