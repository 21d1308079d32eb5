from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from accounts import urls, views


@hooks.register("register_admin_urls")
def register_second_factor_urls():
    return [path("", include(urls))]


@hooks.register("register_account_menu_item")
def second_factor_account_item(request):
    return {
        "url": reverse("accounts_manage"),
        "label": "Validation en deux étapes",
        "help_text": "Un code à usage unique, donné par une application de votre téléphone, "
        "en plus du mot de passe.",
    }


@hooks.register("register_user_listing_buttons")
def reset_second_factor_button(user, request_user):
    if request_user.is_superuser:
        yield Button(
            "Réinitialiser la validation en deux étapes",
            reverse("accounts_reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )


@hooks.register("register_log_actions")
def register_second_factor_log_actions(actions):
    actions.register_action(
        views.ENABLE_ACTION, "Activation de la validation en deux étapes", "Validation en deux étapes activée"
    )
    actions.register_action(
        views.DISABLE_ACTION,
        "Désactivation de la validation en deux étapes",
        "Validation en deux étapes désactivée",
    )
    actions.register_action(
        views.RESET_ACTION,
        "Réinitialisation de la validation en deux étapes",
        "Validation en deux étapes réinitialisée par un administrateur",
    )
    actions.register_action(
        views.NEW_CODES_ACTION, "Nouveaux codes de secours", "Nouveaux codes de secours générés"
    )
