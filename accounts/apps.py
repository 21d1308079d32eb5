from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff sign-in: the admin login form, and the second factor (one-time codes)."""

    name = "accounts"
    verbose_name = "Comptes de l’équipe"
