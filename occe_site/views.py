"""Views the site adds to the Wagtail admin's own."""

from django.conf import settings
from wagtail.admin.views.account import PasswordResetView

from occe_site import clients, ratelimit

TOO_MANY_RESETS = (
    "Trop de demandes de réinitialisation ont été envoyées. Réessayez dans une heure, ou "
    "demandez à un administrateur du site."
)


class RateLimitedPasswordResetView(PasswordResetView):
    """Wagtail's password reset form, with a limit per client and per email address: each
    request may send an email, and the form answers the same whether the address is known."""

    def form_valid(self, form):
        email = form.cleaned_data["email"].lower()
        window = settings.PASSWORD_RESET_WINDOW
        allowed = ratelimit.hit(
            "password-reset:client",
            clients.client_key(self.request) or "unknown",
            limit=settings.PASSWORD_RESET_LIMIT_PER_CLIENT,
            window=window,
        ) and ratelimit.hit(
            "password-reset:email", email, limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL, window=window
        )
        if not allowed:
            form.add_error(None, TOO_MANY_RESETS)
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = str(window)
            return response
        return super().form_valid(form)
