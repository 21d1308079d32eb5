from wagtail.permission_policies import ModelPermissionPolicy

from newsletter.models import FailedEmail, Subscriber

EXPORT_PERMISSION = "newsletter.export_subscriber"
DELETE_PERMISSION = "newsletter.delete_subscriber"


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    """Seeing the list of subscribers is as good as exporting it: one permission,
    "Peut exporter les abonnés", guards both. Erasing needs it and the delete
    permission. Nobody adds or edits a subscriber by hand, superusers included:
    only the double opt-in proves consent.
    """

    def user_has_permission(self, user, action):
        if action in ("view", "export"):
            return user.has_perm(EXPORT_PERMISSION)
        if action == "delete":
            return user.has_perm(EXPORT_PERMISSION) and user.has_perm(DELETE_PERMISSION)
        return False

    def users_with_any_permission(self, actions):
        codenames = set()
        if {"view", "export", "delete"} & set(actions):
            codenames.add("export_subscriber")
        return self._get_users_with_any_permission_codenames(codenames)


subscriber_permission_policy = SubscriberPermissionPolicy(Subscriber)


class FailedEmailPermissionPolicy(ModelPermissionPolicy):
    """The emails given up on name subscribers: whoever may see the subscribers (the export
    permission) sees them and may send them again ("resend"); nobody adds or edits one."""

    def user_has_permission(self, user, action):
        return action in ("view", "resend") and user.has_perm(EXPORT_PERMISSION)

    def users_with_any_permission(self, actions):
        # The permission lives on Subscriber: ask its policy.
        wanted = ["view"] if {"view", "resend"} & set(actions) else []
        return subscriber_permission_policy.users_with_any_permission(wanted)


failed_email_permission_policy = FailedEmailPermissionPolicy(FailedEmail)
