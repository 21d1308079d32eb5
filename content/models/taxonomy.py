from django.db import models
from wagtail.models import Orderable


class Theme(Orderable):
    """An editorial theme ("Citoyenneté", "Démocratie à l'école"…), managed by editors."""

    name = models.CharField("nom", max_length=120, unique=True)
    slug = models.SlugField("identifiant dans l'adresse", max_length=120, unique=True)
    description = models.TextField("description", blank=True)

    class Meta(Orderable.Meta):
        verbose_name = "thème"
        verbose_name_plural = "thèmes"

    def __str__(self):
        return self.name


class Cycle(models.Model):
    """A school cycle of the French primary school (Cycle 1, 2 or 3): fixed by law, not edited."""

    number = models.PositiveSmallIntegerField("numéro", unique=True)
    name = models.CharField("nom", max_length=60)
    slug = models.SlugField("identifiant dans l'adresse", max_length=20, unique=True)
    grades = models.CharField("niveaux", max_length=60, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = "cycle"
        verbose_name_plural = "cycles"

    def __str__(self):
        return self.name
