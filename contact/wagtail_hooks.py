from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail import hooks
from wagtail.models import Page

from contact.models import ContactPage
from contact.permissions import EXPORT_PERMISSION


@hooks.register("filter_form_submissions_for_user")
def contact_messages_need_the_export_permission(user, editable_forms):
    """Wagtail lists and exports a form's submissions (admin, "Formulaires") for anyone who may
    edit the page; the contact pages' messages, personal data, only for staff holding
    EXPORT_PERMISSION, page rights or not."""
    contact_pages = Q(content_type=ContentType.objects.get_for_model(ContactPage))
    if user.has_perm(EXPORT_PERMISSION):
        return Page.objects.filter(Q(pk__in=editable_forms.values("pk")) | contact_pages)
    return editable_forms.exclude(contact_pages)


@hooks.register("register_permissions")
def contact_permissions():
    """Shown in the admin's group and user editors (Paramètres › Groupes), to be granted there."""
    app_label, codename = EXPORT_PERMISSION.split(".")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename)
