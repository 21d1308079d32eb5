"""Who signs in with a second factor: the one rule, in one place.

Accounts that can take personal data out of the site (and superusers, who can do anything)
must add a one-time code to their password. Any other account that reaches the admin may
choose to.
"""

from contact.permissions import EXPORT_PERMISSION as CONTACT_EXPORT_PERMISSION
from newsletter.permissions import EXPORT_PERMISSION as SUBSCRIBER_EXPORT_PERMISSION

# Permissions that make the second factor compulsory: exporting the subscribers, reading and
# exporting the contact form's messages.
REQUIRED_FOR_PERMISSIONS = [SUBSCRIBER_EXPORT_PERMISSION, CONTACT_EXPORT_PERMISSION]

ADMIN_ACCESS_PERMISSION = "wagtailadmin.access_admin"


def must_use_second_factor(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(user.has_perm(permission) for permission in REQUIRED_FOR_PERMISSIONS)


def may_use_second_factor(user) -> bool:
    return user.is_authenticated and user.has_perm(ADMIN_ACCESS_PERMISSION)
