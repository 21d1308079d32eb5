"""Admin views: the subscribers with their CSV and XLSX exports; the emails given up on, which
staff can send again."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.views.generic import TemplateView
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import HeaderButton, MenuItem

from newsletter import exports, subscriptions
from newsletter.models import FailedEmail

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


class SubscriberInspectView(InspectView):
    """The subscriber's fields, then every request with the consent given with it: the first
    consent stays in the subscriber's own fields, the later ones are listed here."""

    def get_field_label(self, field_name, field):
        if field_name == "requests":
            return "Demandes et consentements"
        return super().get_field_label(field_name, field)

    def get_requests_display_value(self):
        rows = [
            (
                date_format(timezone.localtime(request.requested_at), "d/m/Y H:i"),
                request.consent_version,
                request.consent_page or "inconnue",
                request.get_email_kind_display().lower(),
            )
            for request in self.object.requests.all()
        ]
        if not rows:
            return "Aucune"
        items = format_html_join("", "<li>{} : version {}, page {}, courriel « {} »</li>", rows)
        return format_html("<ul>{}</ul>", items)


class FailedEmailIndexView(IndexView):
    any_permission_required = ["view"]
    resend_url_name = None
    resend_all_url_name = None

    def get_list_more_buttons(self, instance):
        return [MenuItem("Renvoyer", url=reverse(self.resend_url_name, args=[instance.pk]), icon_name="mail")]

    @cached_property
    def header_buttons(self):
        if not self.user_has_permission("resend") or not FailedEmail.objects.exists():
            return []
        return [HeaderButton("Tout renvoyer", url=reverse(self.resend_all_url_name), icon_name="mail")]


class ResendView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Asks, then sends again one failed email (`pk`) or all of them."""

    model = FailedEmail
    permission_required = "resend"
    template_name = "newsletter/admin/confirm_resend.html"
    page_title = "Renvoyer"
    header_icon = "mail"
    index_url_name = None

    @cached_property
    def failed_emails(self):
        queryset = FailedEmail.objects.select_related("subscriber")
        if "pk" in self.kwargs:
            queryset = queryset.filter(pk=self.kwargs["pk"])
            if not queryset.exists():
                raise Http404
        return queryset

    def get_page_subtitle(self):
        return "Courriels en échec"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            failed_emails=self.failed_emails, index_url=reverse(self.index_url_name), **kwargs
        )

    def post(self, request, *args, **kwargs):
        count = subscriptions.resend(self.failed_emails, user=request.user)
        if count == 1:
            messages.success(request, "Le courriel est de nouveau en file d’envoi.")
        else:
            messages.success(request, f"{count}\u00a0courriels sont de nouveau en file d’envoi.")
        return redirect(self.index_url_name)
