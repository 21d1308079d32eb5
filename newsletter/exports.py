"""Subscriber exports, shared by the admin download and `manage.py export_subscribers`."""

import csv
import datetime

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
# The id an export's audit entry is filed under: no subscriber has it (ids start at 1).
ALL_SUBSCRIBERS_ID = 0

# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Prefix a would-be formula with an apostrophe, so it is shown as text (OWASP)."""
    return "'" + text if text.startswith(_FORMULA_TRIGGERS) else text


def cell(value, export_format: str, tz=None):
    """One value as written to a file: dates in local time, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        local = value.astimezone(tz or timezone.get_current_timezone())
        if export_format == XLSX:
            return local.replace(tzinfo=None)
        return local.strftime("%Y-%m-%d %H:%M:%S")
    return neutralise(str(value))


def rows(queryset, export_format: str = CSV):
    """Lists of cells, read in chunks so that memory stays flat however many rows.

    Plain tuples (values_list), not model instances: the export reads 100,000 rows
    in a few seconds.
    """
    labels = dict(Subscriber.Status.choices)
    tz = timezone.get_current_timezone()
    db_fields = ["status" if field == "status_label" else field for field in FIELDS]
    status_index = db_fields.index("status")
    for values in queryset.values_list(*db_fields).iterator(chunk_size=CHUNK_SIZE):
        values = list(values)
        values[status_index] = labels.get(values[status_index], values[status_index])
        yield [cell(value, export_format, tz) for value in values]


class _Line:
    """csv.writer target that hands each formatted line back instead of storing it."""

    def write(self, line):
        return line


def csv_lines(queryset):
    """The CSV file line by line: headings, then one line per subscriber."""
    writer = csv.writer(_Line())
    yield writer.writerow([HEADINGS[field] for field in FIELDS])
    for row in rows(queryset, CSV):
        yield writer.writerow(row)


def write_xlsx(queryset, output) -> int:
    """Write the XLSX workbook to `output` (path or binary file); return the row count.

    openpyxl's write_only mode sends rows to a temporary file as they come, not into
    memory; a text cell starting with "=" would become a formula, hence neutralise().
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title="Abonnés")
    worksheet.append([HEADINGS[field] for field in FIELDS])
    count = 0
    for row in rows(queryset, XLSX):
        worksheet.append(row)
        count += 1
    workbook.save(output)
    return count


def log_export(*, user, export_format: str, filters: dict, row_count: int, source: str):
    """Write the export to Wagtail's audit log (Rapports › Historique du site).

    An export concerns the subscribers as a whole, not one of them: the entry is filed under
    the Subscriber model with an id no subscriber has. Filed under that model, it is shown to
    whoever holds a permission on subscribers, as Wagtail shows each entry to the holders of a
    permission on its model: the staff who may export read who exported what.
    """
    return log(
        instance=Subscriber(pk=ALL_SUBSCRIBERS_ID),
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
