from django.db import models
from wagtail.models import Orderable


class Partner(Orderable):
    """A partner of the OCCE, shown with its logo in the footer ("Ils nous accompagnent")."""

    name = models.CharField("nom", max_length=160)
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name="logo", on_delete=models.PROTECT, related_name="+"
    )
    url = models.URLField("site web", blank=True)
    is_active = models.BooleanField(
        "affiché", default=True, help_text="Décochez pour le retirer du pied de page."
    )

    class Meta(Orderable.Meta):
        verbose_name = "partenaire"
        verbose_name_plural = "partenaires"

    def __str__(self):
        return self.name
