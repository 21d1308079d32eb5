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


class SectionFilter(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(
        label="Thème",
        field_name="themes",
        to_field_name="slug",
        queryset=Theme.objects.all(),
        empty_label="Tous les thèmes",
    )


class ResourceFilter(SectionFilter):
    cycle = django_filters.ModelChoiceFilter(
        label="Cycle",
        field_name="cycles",
        to_field_name="slug",
        queryset=Cycle.objects.all(),
        empty_label="Tous les cycles",
    )


class AssociationFinderForm(forms.Form):
    q = forms.CharField(
        label="Votre département ou votre code postal",
        max_length=100,
        required=False,
        help_text="Par exemple : 93, Seine-Saint-Denis ou 93500.",
    )

    def clean_q(self):
        return self.cleaned_data["q"].replace("\x00", "").strip()
