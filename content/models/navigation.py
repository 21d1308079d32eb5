"""The header menus, the footer and the site-wide search-engine settings, edited in the admin.

`MainMenu` and `Footer` are snippets, one per site, with drafts, revisions, scheduling and
preview: an editor prepares a change, previews it on a sample page and publishes it when ready.
They go through the moderation workflows as pages do (the workflow assigned to their type in
Paramètres › Workflows) and an editor can lock one while working on it, so that
nobody else edits it meanwhile. Saving a draft or submitting it for moderation leaves the live
version alone: the public site renders only that one, from the cache that content/navigation/
builds and that content/signal_handlers.py clears whenever an editor saves; publishing (an
editor's, or the approval of the workflow's last task) purges the shared cache
(httpcache/signal_handlers.py).

To fill them from a management command, give the StreamFields raw data (page and document ids)
and publish a revision so that the admin's history starts with it::

    menu, _ = MainMenu.objects.update_or_create(
        site=site,
        defaults={
            "entries": [
                {"type": "entry", "value": {
                    "label": "Gérer ma coopérative scolaire",
                    "links": [{"label": "Le mandataire OCCE", "page": page.pk, "url": ""}],
                    "features": [{"type": "document", "value": {
                        "title": "Notre kit assurances", "text": "…", "document": doc.pk}}],
                }},
            ],
        },
    )
    menu.save_revision().publish()

An optional image (ImageBlock) is either left out or given as
``{"image": image.pk, "alt_text": "…", "decorative": False}``; never as a bare ``None``.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    Site,
    WorkflowMixin,
)

from content.blocks import (
    FooterColumnBlock,
    MenuEntryBlock,
    NavGroupBlock,
    NavLinkBlock,
    SocialLinkBlock,
)


def default_site_id():
    """The default site, preselected when an editor creates a menu or a footer."""
    return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


class SiteNavigationModel(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, models.Model
):
    """What the header menu and the footer share: one per site, drafts, moderation, locking
    and preview (the mixins in the order Wagtail's snippet documentation gives)."""

    site = models.OneToOneField(
        Site,
        verbose_name="site",
        on_delete=models.CASCADE,
        related_name="+",
        default=default_site_id,
    )
    # Deleting a menu deletes its revisions and workflow states with it (Wagtail's advice for
    # snippets: they point to the menu through a generic relation).
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(class)s",
        for_concrete_model=False,
    )

    preview_template = "navigation/preview.html"

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self._meta.verbose_name.capitalize()} – {self.site.site_name or self.site}"

    @property
    def revisions(self):
        return self._revisions

    def get_preview_template(self, request, mode_name):
        return self.preview_template

    def get_preview_context(self, request, mode_name):
        # The {% site_navigation %} tag of base.html builds the header and footer with this
        # unsaved menu or footer in place of the live one.
        context = super().get_preview_context(request, mode_name)
        context["navigation_preview"] = self
        return context


class MainMenu(SiteNavigationModel):
    """The header: the utility links at the top, then the main entries and their panels."""

    utility_links = StreamField(
        [("link", NavLinkBlock()), ("group", NavGroupBlock())],
        verbose_name="liens utiles",
        blank=True,
        help_text="En haut de chaque page : « Nous connaître », « Nous contacter », "
        "« Se connecter »… Un groupe déplie une courte liste de liens.",
    )
    entries = StreamField(
        [("entry", MenuEntryBlock())],
        verbose_name="entrées du menu principal",
        blank=True,
        max_num=6,
        help_text="Chaque entrée ouvre un panneau : ses liens et une ou deux mises en avant.",
    )

    panels = [
        FieldPanel("site"),
        FieldPanel("utility_links"),
        FieldPanel("entries"),
        PublishingPanel(),
    ]

    class Meta:
        verbose_name = "menu principal"
        verbose_name_plural = "menus principaux"


class Footer(SiteNavigationModel):
    """The footer, below the newsletter block: partners, address, social links, link columns,
    approval statement and legal links. The partners themselves are `Partner` snippets."""

    partners_heading = models.CharField(
        "titre des partenaires", max_length=80, default="Ils nous accompagnent"
    )
    organization_name = models.TextField(
        "nom de l’organisation",
        default="Office Central de la Coopération à l’École\nFédération Nationale",
        help_text="Une ligne par retour à la ligne, en tête de l’adresse.",
    )
    street_address = models.CharField("adresse", max_length=200, default="28 avenue Jean Lolive")
    postal_code = models.CharField("code postal", max_length=10, default="93500")
    city = models.CharField("commune", max_length=120, default="Pantin")
    social_links = StreamField([("social", SocialLinkBlock())], verbose_name="réseaux sociaux", blank=True)
    columns = StreamField([("column", FooterColumnBlock())], verbose_name="colonnes de liens", blank=True)
    approval_statement = models.TextField(
        "mention d’agrément",
        blank=True,
        help_text="Par exemple : l’agrément du ministère de l’Éducation nationale.",
    )
    legal_links = StreamField(
        [("link", NavLinkBlock())],
        verbose_name="liens légaux",
        blank=True,
        help_text="Mentions légales, Confidentialité, Cookies, Consentements, Plan du site (/plan-du-site/).",
    )
    copyright_holder = models.CharField(
        "titulaire des droits",
        max_length=80,
        default="OCCE",
        help_text="Affiché « © OCCE » suivi de l’année en cours.",
    )

    panels = [
        FieldPanel("site"),
        FieldPanel("partners_heading"),
        MultiFieldPanel(
            [
                FieldPanel("organization_name"),
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
            ],
            heading="Adresse",
        ),
        FieldPanel("social_links"),
        FieldPanel("columns"),
        FieldPanel("approval_statement"),
        FieldPanel("legal_links"),
        FieldPanel("copyright_holder"),
        PublishingPanel(),
    ]

    class Meta:
        verbose_name = "pied de page"
        verbose_name_plural = "pieds de page"

    @property
    def organization_lines(self):
        return [line.strip() for line in self.organization_name.splitlines() if line.strip()]


class SeoSettings(BaseSiteSetting):
    """Images for search engines and social networks, per site ("Référencement")."""

    default_share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image de partage par défaut",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Montrée lors du partage d’une page qui n’a pas d’image de présentation.",
    )
    organization_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="logo de l’organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Donné aux moteurs de recherche avec le nom et l’adresse de l’OCCE.",
    )

    panels = [FieldPanel("default_share_image"), FieldPanel("organization_logo")]

    class Meta:
        verbose_name = "référencement"
        verbose_name_plural = "référencement"
