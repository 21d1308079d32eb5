"""Admin views of the subscribers: the listing with its CSV and XLSX exports."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from wagtail.admin.views.generic import IndexView

from newsletter import exports

# Request parameters that do not change which rows are exported.
_NOT_FILTERS = {"export", "p", "ordering"}


class SubscriberIndexView(IndexView):
    any_permission_required = ["view"]
    # list_export turns on Wagtail's download buttons; the files themselves are
    # written below, from newsletter/exports.py, in chunks and neutralised.
    list_export = exports.FIELDS
    export_headings = exports.HEADINGS

    def dispatch(self, request, *args, **kwargs):
        # Wagtail answers a refusal with a redirect to the dashboard; the listing and
        # its exports answer 403, so that a script or a download says plainly "no".
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return TemplateResponse(request, "newsletter/admin/forbidden.html", status=403)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if not self.user_has_permission("export"):
            raise PermissionDenied
        exports.log_export(
            user=self.request.user,
            export_format=spreadsheet_format,
            filters=self.export_filters(),
            row_count=queryset.count(),
            source="administration",
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def export_filters(self) -> dict:
        """The filters and search of the export, as given in the request."""
        return {name: value for name, value in self.request.GET.items() if name not in _NOT_FILTERS and value}

    def stream_csv(self, queryset):
        # A byte-order mark first, so that spreadsheet software reads the accents as UTF-8.
        yield "\ufeff".encode()
        for line in exports.csv_lines(queryset):
            yield line.encode()

    def write_xlsx(self, queryset, output):
        exports.write_xlsx(queryset, output)
