from django.contrib.auth.models import Permission
from django.db import transaction
from django.urls import path
from wagtail import hooks
from wagtail.actions.delete import DeleteAction
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter, log
from wagtail.permissions import register_permission_policy

from newsletter import exports, subscriptions
from newsletter.admin_views import (
    FailedEmailIndexView,
    ResendView,
    SubscriberIndexView,
    SubscriberInspectView,
)
from newsletter.dashboard import SubscribersPanel
from newsletter.filters import SubscriberFilterSet
from newsletter.models import FailedEmail, Subscriber
from newsletter.permissions import failed_email_permission_policy, subscriber_permission_policy

# Registered first, before anything asks for the models' policies (Wagtail 8).
register_permission_policy(Subscriber, subscriber_permission_policy)
register_permission_policy(FailedEmail, failed_email_permission_policy)

ERASE_ACTION = "newsletter.erase"


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = "Abonnés"
    url_prefix = "lettre-d-information"
    name = "newsletter_subscribers"
    index_view_class = SubscriberIndexView
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    list_display = [
        "email",
        Column("status_label", label="Statut", sort_key="status"),
        DateColumn("created_at", label="Inscrit le", sort_key="created_at"),
        DateColumn("confirmed_at", label="Confirmé le", sort_key="confirmed_at"),
    ]
    list_per_page = 50
    export_filename = "abonnes-lettre-information"
    inspect_view_enabled = True
    inspect_view_class = SubscriberInspectView
    inspect_view_fields = [
        "email",
        "status",
        "created_at",
        "requested_at",
        "confirmed_at",
        "unsubscribed_at",
        "consent_version",
        "consent_page",
        "requests",
    ]
    copy_view_enabled = False
    add_to_reference_index = False

    def get_urlpatterns(self):
        # No add or edit views: subscribers come from the double opt-in alone.
        return [pattern for pattern in super().get_urlpatterns() if pattern.name not in {"add", "edit"}]

    def get_form_class(self, for_update=False):
        return None  # never used: there is no add or edit view

    def get_permissions_to_register(self):
        # Shown in the group editor: "Peut exporter les abonnés" and delete.
        return Permission.objects.filter(
            content_type__app_label="newsletter",
            codename__in=["export_subscriber", "delete_subscriber"],
        )


class FailedEmailViewSet(ModelViewSet):
    """The emails given up on (newsletter/tasks.py), each with a button to send it again."""

    model = FailedEmail
    icon = "warning"
    menu_label = "Courriels en échec"
    url_prefix = "lettre-d-information/echecs"
    name = "newsletter_failed_emails"
    index_view_class = FailedEmailIndexView
    list_display = [
        "subscriber",  # first, a string: Wagtail puts the row's buttons ("Renvoyer") beside it
        Column("email_kind", label="Courriel", accessor="get_email_kind_display"),
        DateColumn("failed_at", label="Échec le", sort_key="failed_at"),
        Column("cause", label="Cause"),
        Column("error", label="Erreur"),
    ]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            resend_url_name=self.get_url_name("resend"),
            resend_all_url_name=self.get_url_name("resend_all"),
            **kwargs,
        )

    def get_queryset(self, request):
        return FailedEmail.objects.select_related("subscriber")

    def get_urlpatterns(self):
        resend = ResendView.as_view(index_url_name=self.get_url_name("index"))
        return [
            pattern for pattern in super().get_urlpatterns() if pattern.name in {"index", "index_results"}
        ] + [
            path("renvoyer/", resend, name="resend_all"),
            path("renvoyer/<int:pk>/", resend, name="resend"),
        ]

    def get_form_class(self, for_update=False):
        return None  # never used: there is no add or edit view


class NewsletterViewSetGroup(ViewSetGroup):
    menu_label = "Lettre d’information"
    menu_icon = "mail"
    menu_name = "newsletter"
    menu_order = 400
    items = (SubscriberViewSet, FailedEmailViewSet)


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets():
    return NewsletterViewSetGroup()


class EraseSubscriberAction(DeleteAction):
    """Erasing a subscriber leaves no address behind: the audit log entry names the
    subscriber by number, not by email (Wagtail would store str(instance))."""

    def __init__(self, instance, user=None, **kwargs):
        super().__init__(instance, user=user, log_action=None)

    def _delete(self):
        with transaction.atomic():
            log(
                instance=self.instance,
                action=ERASE_ACTION,
                user=self.user,
                title=f"Abonné n°\u00a0{self.instance.pk}",
                deleted=True,
            )
            return self.instance.delete()


@hooks.register("register_actions")
def register_erase_action(registry):
    registry.register(Subscriber, EraseSubscriberAction)


@hooks.register("register_log_actions")
def register_newsletter_log_actions(actions):
    @actions.register_action(exports.EXPORT_ACTION)
    class ExportFormatter(LogFormatter):
        label = "Export des abonnés"

        def format_message(self, log_entry):
            data = log_entry.data or {}
            filters = ", ".join(f"{k} = {v}" for k, v in data.get("filters", {}).items())
            message = f"Export {str(data.get('format', '')).upper()} de {data.get('rows')} abonnés"
            return f"{message} (filtres\u00a0: {filters})" if filters else message

    actions.register_action(ERASE_ACTION, "Effacement d’un abonné", "Abonné effacé")
    actions.register_action(subscriptions.RESEND_ACTION, "Courriel renvoyé", "Courriel renvoyé à l’abonné")


@hooks.register("construct_homepage_panels")
def add_subscribers_panel(request, panels):
    if subscriber_permission_policy.user_has_permission(request.user, "view"):
        panels.append(SubscribersPanel())
