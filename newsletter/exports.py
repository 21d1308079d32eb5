"""Subscriber exports, shared by the admin download and `manage.py export_subscribers`."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import log

from newsletter.models import Subscriber

# (attribute, column heading), in the order of the file.
COLUMNS = [
    ("email", "Adresse e-mail"),
    ("status_label", "Statut"),
    ("created_at", "Inscrit le"),
    ("confirmed_at", "Confirmé le"),
    ("unsubscribed_at", "Désinscrit le"),
    ("consent_version", "Version du consentement"),
    ("consent_page", "Page du consentement"),
]
FIELDS = [field for field, _ in COLUMNS]
HEADINGS = dict(COLUMNS)
CHUNK_SIZE = 2000

CSV, XLSX = "csv", "xlsx"
EXPORT_ACTION = "newsletter.export"

# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Prefix a would-be formula with an apostrophe, so it is shown as text (OWASP)."""
    return "'" + text if text.startswith(_FORMULA_TRIGGERS) else text


def cell(value, export_format: str):
    """One value as written to a file: dates in local time, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value)
        return (
            local.replace(tzinfo=None)
            if export_format == XLSX
            else local.strftime("%Y-%m-%d %H:%M:%S")
        )
    return neutralise(str(value))


def rows(queryset, export_format: str = CSV):
    """Lists of cells, read in chunks so memory stays flat however many rows."""
    for subscriber in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield [cell(getattr(subscriber, field), export_format) for field in FIELDS]


def log_export(*, user, export_format: str, filters: dict, row_count: int, source: str):
    """Write the export to Wagtail's audit log (Rapports › Historique du site).

    An export concerns the subscribers as a whole, not one of them, so the entry is
    attached to the Subscriber content type rather than to a subscriber.
    """
    return log(
        instance=ContentType.objects.get_for_model(Subscriber),
        action=EXPORT_ACTION,
        user=user,
        title="Abonnés à la lettre d’information",
        data={
            "format": export_format,
            "filters": filters,
            "rows": row_count,
            "source": source,
        },
    )
