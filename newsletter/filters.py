import django_filters
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from newsletter.models import Subscriber


class SubscriberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label="Statut",
        choices=Subscriber.Status.choices,
        empty_label="Tous",
    )
    created_at = django_filters.DateFromToRangeFilter(label="Inscrit entre le", widget=DateRangePickerWidget)

    class Meta:
        model = Subscriber
        fields = ["status", "created_at"]
