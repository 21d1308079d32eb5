"""The filters of the section indexes and the association finder.

A section index lists and filters its children itself (a Wagtail page is its own view), so its
filters live beside it, in the models package, and the taxonomy they offer is imported without
going back through the package.

Input is validated here, never by hand in a view: an unknown theme or cycle
is a form error that leaves the listing unfiltered, not a server error.
"""

import django_filters
from django import forms

from content.models.taxonomy import Cycle, Theme


def taxonomy_filter(label, field_name, model, empty_label):
    """One term of the taxonomy, named by its slug in the address (?theme=citoyennete)."""
    return django_filters.ModelChoiceFilter(
        label=label,
        field_name=field_name,
        to_field_name="slug",
        queryset=model.objects.all(),
        empty_label=empty_label,
    )


class SectionFilter(django_filters.FilterSet):
    theme = taxonomy_filter("Thème", "themes", Theme, "Tous les thèmes")


class ResourceFilter(SectionFilter):
    cycle = taxonomy_filter("Cycle", "cycles", Cycle, "Tous les cycles")


class AssociationFinderForm(forms.Form):
    q = forms.CharField(
        label="Votre département ou votre code postal",
        max_length=100,
        required=False,
        help_text="Par exemple : 93, Seine-Saint-Denis ou 93500.",
    )

    def clean_q(self):
        return self.cleaned_data["q"].replace("\x00", "").strip()
