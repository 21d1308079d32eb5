import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0005_navigation_workflow_locking"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AccessibilityStatementPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "entity_name",
                    models.CharField(
                        default="L’OCCE",
                        help_text="Commence la déclaration : « L’OCCE s’engage à rendre son site accessible… »",
                        max_length=160,
                        verbose_name="nom de l’entité",
                    ),
                ),
                (
                    "conformity",
                    models.CharField(
                        choices=[
                            ("full", "totalement conforme"),
                            ("partial", "partiellement conforme"),
                            ("none", "non conforme"),
                        ],
                        default="none",
                        help_text="« Partiellement » ou « totalement » conforme seulement après un audit du RGAA complet ; sans audit, le site est « non conforme ». Repris dans le pied de chaque page.",
                        max_length=10,
                        verbose_name="état de conformité",
                    ),
                ),
                (
                    "conformity_rate",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="Le taux mesuré par un audit du RGAA. Laissez vide sans audit.",
                        max_digits=5,
                        null=True,
                        verbose_name="taux de conformité (%)",
                    ),
                ),
                (
                    "audit_date",
                    models.DateField(
                        blank=True,
                        help_text="Laissez vide si aucun audit du RGAA n’a été réalisé.",
                        null=True,
                        verbose_name="date de l’audit",
                    ),
                ),
                (
                    "audit_performer",
                    models.CharField(
                        blank=True,
                        help_text="L’organisme ou la personne qui a mené l’audit.",
                        max_length=200,
                        verbose_name="audit réalisé par",
                    ),
                ),
                (
                    "statement_date",
                    models.DateField(
                        help_text="« Cette déclaration a été établie le… » : la date de sa dernière mise à jour.",
                        verbose_name="date de la déclaration",
                    ),
                ),
                (
                    "test_results",
                    wagtail.fields.RichTextField(
                        help_text="Ce qui a été vérifié et comment ; le taux et son calcul s’il y a eu un audit.",
                        verbose_name="résultats des tests",
                    ),
                ),
                (
                    "non_conforming_content",
                    wagtail.fields.RichTextField(
                        blank=True,
                        help_text="Les contenus non accessibles et les critères qu’ils ne respectent pas.",
                        verbose_name="non-conformités",
                    ),
                ),
                (
                    "derogations",
                    wagtail.fields.RichTextField(
                        blank=True, verbose_name="dérogations pour charge disproportionnée"
                    ),
                ),
                (
                    "out_of_scope",
                    wagtail.fields.RichTextField(
                        blank=True, verbose_name="contenus non soumis à l’obligation d’accessibilité"
                    ),
                ),
                (
                    "technologies",
                    models.TextField(
                        help_text="Une par ligne : HTML5, CSS, SVG…", verbose_name="technologies utilisées"
                    ),
                ),
                (
                    "test_environment",
                    models.TextField(
                        help_text="Une combinaison par ligne : navigateur, système, technologie d’assistance.",
                        verbose_name="environnement de test",
                    ),
                ),
                (
                    "evaluation_tools",
                    models.TextField(
                        help_text="Un par ligne.", verbose_name="outils pour évaluer l’accessibilité"
                    ),
                ),
                (
                    "tested_pages",
                    models.TextField(
                        help_text="Une par ligne : son nom, puis « | » et son adresse (Accueil | /).",
                        verbose_name="pages vérifiées",
                    ),
                ),
                (
                    "contact_email",
                    models.EmailField(
                        blank=True,
                        help_text="Pour signaler un défaut d’accessibilité ou obtenir un contenu sous une autre forme.",
                        max_length=254,
                        verbose_name="adresse électronique de contact",
                    ),
                ),
                (
                    "contact_postal_address",
                    models.TextField(blank=True, verbose_name="adresse postale de contact"),
                ),
                (
                    "recourse",
                    wagtail.fields.RichTextField(
                        default='<p>Cette procédure est à utiliser dans le cas suivant : vous avez signalé au responsable du site un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un des services du site et vous n’avez pas obtenu de réponse satisfaisante.</p><p>Vous pouvez :</p><ul><li>écrire un message au Défenseur des droits par son <a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne</a> ;</li><li>contacter <a href="https://www.defenseurdesdroits.fr/saisir/delegues">le délégué du Défenseur des droits dans votre région</a> ;</li><li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li></ul>',
                        help_text="Le texte du modèle officiel : le formulaire du Défenseur des droits, ses délégués et son adresse postale gratuite.",
                        verbose_name="voies de recours",
                    ),
                ),
                (
                    "contact_page",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="formulaire de contact",
                    ),
                ),
            ],
            options={
                "verbose_name": "déclaration d’accessibilité",
                "verbose_name_plural": "déclarations d’accessibilité",
            },
            bases=("wagtailcore.page",),
        ),
    ]
