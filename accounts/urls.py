from django.urls import path

from accounts import views

# Under /admin/ (accounts/wagtail_hooks.py): Wagtail requires admin access for each.
urlpatterns = [
    path("deux-facteurs/", views.ManageView.as_view(), name="accounts_manage"),
    path("deux-facteurs/code/", views.verify, name="accounts_verify"),
    path("deux-facteurs/activer/", views.enrol, name="accounts_enrol"),
    path("deux-facteurs/codes-de-secours/", views.recovery_codes, name="accounts_recovery_codes"),
    path(
        "deux-facteurs/codes-de-secours/nouveaux/",
        views.regenerate_recovery_codes,
        name="accounts_regenerate_recovery_codes",
    ),
    path("deux-facteurs/desactiver/", views.disable, name="accounts_disable"),
    path("deux-facteurs/reinitialiser/<int:user_id>/", views.ResetView.as_view(), name="accounts_reset"),
]
