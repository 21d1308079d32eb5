"""The accessibility statement ("Déclaration d'accessibilité") that French law asks of a
public-interest site (article 47 of law 2005-102, RGAA 4.1).

Its fields follow the template of the Direction interministérielle du numérique
(accessibilite.numerique.gouv.fr): the state of conformity and its rate, the contents that are
not accessible (non-conformities, disproportionate-burden derogations, contents outside the
law's scope), how the statement was established (technologies, test environment, tools, pages
tested), the feedback contact and the recourse to the Défenseur des droits.

One per site, right under the home page. The footer of every page says « Accessibilité : »
and its state, linked to it (content/navigation/building.py reads it): publishing it clears
the cached navigation and purges the shared cache like any child of the home page
(content/navigation/cache.py, httpcache/purge.py `navigation_shows`).
"""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from content.models.base import breadcrumb_for

# The recourse of the RGAA template, with French typography.
DEFAULT_RECOURSE = (
    "<p>Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable "
    "du site un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un des "
    "services du site et vous n’avez pas obtenu de réponse satisfaisante.</p>"
    "<p>Vous pouvez :</p>"
    "<ul>"
    '<li>écrire un message au Défenseur des droits par son <a href="https://formulaire.'
    'defenseurdesdroits.fr/">formulaire en ligne</a> ;</li>'
    '<li>contacter <a href="https://www.defenseurdesdroits.fr/saisir/delegues">le délégué du '
    "Défenseur des droits dans votre région</a> ;</li>"
    "<li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des "
    "droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>"
    "</ul>"
)


class AccessibilityStatementPage(Page):
    """The site's accessibility statement, with the fields of the RGAA 4.1 template."""

    class Conformity(models.TextChoices):
        # The RGAA's rule: « totalement » when every criterion is met, « partiellement » when an
        # audit finds at least half of them met, « non conforme » when fewer, or when there is
        # no valid audit result at all.
        FULL = "full", "totalement conforme"
        PARTIAL = "partial", "partiellement conforme"
        NONE = "none", "non conforme"

    entity_name = models.CharField(
        "nom de l’entité",
        max_length=160,
        default="L’OCCE",
        help_text="Commence la déclaration : « L’OCCE s’engage à rendre son site accessible… »",
    )
    conformity = models.CharField(
        "état de conformité",
        max_length=10,
        choices=Conformity.choices,
        default=Conformity.NONE,
        help_text="« Partiellement » ou « totalement » conforme seulement après un audit du RGAA "
        "complet ; sans audit, le site est « non conforme ». Repris dans le pied de chaque page.",
    )
    conformity_rate = models.DecimalField(
        "taux de conformité (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Le taux mesuré par un audit du RGAA. Laissez vide sans audit.",
    )
    audit_date = models.DateField(
        "date de l’audit",
        null=True,
        blank=True,
        help_text="Laissez vide si aucun audit du RGAA n’a été réalisé.",
    )
    audit_performer = models.CharField(
        "audit réalisé par",
        max_length=200,
        blank=True,
        help_text="L’organisme ou la personne qui a mené l’audit.",
    )
    statement_date = models.DateField(
        "date de la déclaration",
        help_text="« Cette déclaration a été établie le… » : la date de sa dernière mise à jour.",
    )
    test_results = RichTextField(
        "résultats des tests",
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="Ce qui a été vérifié et comment ; le taux et son calcul s’il y a eu un audit.",
    )
    non_conforming_content = RichTextField(
        "non-conformités",
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
        help_text="Les contenus non accessibles et les critères qu’ils ne respectent pas.",
    )
    derogations = RichTextField(
        "dérogations pour charge disproportionnée",
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
    )
    out_of_scope = RichTextField(
        "contenus non soumis à l’obligation d’accessibilité",
        features=["bold", "italic", "link", "ul", "ol"],
        blank=True,
    )
    technologies = models.TextField("technologies utilisées", help_text="Une par ligne : HTML5, CSS, SVG…")
    test_environment = models.TextField(
        "environnement de test",
        help_text="Une combinaison par ligne : navigateur, système, technologie d’assistance.",
    )
    evaluation_tools = models.TextField("outils pour évaluer l’accessibilité", help_text="Un par ligne.")
    tested_pages = models.TextField(
        "pages vérifiées",
        help_text="Une par ligne : son nom, puis « | » et son adresse (Accueil | /).",
    )
    contact_email = models.EmailField(
        "adresse électronique de contact",
        blank=True,
        help_text="Pour signaler un défaut d’accessibilité ou obtenir un contenu sous une autre forme.",
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="formulaire de contact",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_postal_address = models.TextField("adresse postale de contact", blank=True)
    recourse = RichTextField(
        "voies de recours",
        features=["bold", "italic", "link", "ul"],
        default=DEFAULT_RECOURSE,
        help_text="Le texte du modèle officiel : le formulaire du Défenseur des droits, ses "
        "délégués et son adresse postale gratuite.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("entity_name"),
        MultiFieldPanel(
            [
                FieldPanel("conformity"),
                FieldRowPanel([FieldPanel("conformity_rate"), FieldPanel("audit_date")]),
                FieldPanel("audit_performer"),
                FieldPanel("statement_date"),
                FieldPanel("test_results"),
            ],
            heading="État de conformité",
        ),
        MultiFieldPanel(
            [
                FieldPanel("non_conforming_content"),
                FieldPanel("derogations"),
                FieldPanel("out_of_scope"),
            ],
            heading="Contenus non accessibles",
        ),
        MultiFieldPanel(
            [
                FieldPanel("technologies"),
                FieldPanel("test_environment"),
                FieldPanel("evaluation_tools"),
                FieldPanel("tested_pages"),
            ],
            heading="Établissement de cette déclaration",
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_page"),
                FieldPanel("contact_postal_address"),
            ],
            heading="Retour d’information et contact",
        ),
        FieldPanel("recourse"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("test_results")]

    max_count = 1
    parent_page_types = ["content.HomePage"]
    subpage_types: list = []
    template = "pages/accessibility_statement_page.html"

    class Meta:
        verbose_name = "déclaration d’accessibilité"
        verbose_name_plural = "déclarations d’accessibilité"

    @property
    def conformity_label(self):
        return self.get_conformity_display()

    @staticmethod
    def lines(text):
        return [line.strip() for line in text.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumb"] = breadcrumb_for(self)
        context["technology_list"] = self.lines(self.technologies)
        context["environment_list"] = self.lines(self.test_environment)
        context["tool_list"] = self.lines(self.evaluation_tools)
        context["tested_page_list"] = [
            {"label": label.strip(), "href": href.strip()}
            for label, _, href in (line.partition("|") for line in self.lines(self.tested_pages))
        ]
        context["contact_address_lines"] = self.lines(self.contact_postal_address)
        return context
