"""Second-factor pages: give a code after the password, enrol, see the recovery codes once,
manage one's own second factor, and a superuser's reset of a member's."""

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model, logout
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from accounts import devices, rules
from accounts.forms import CodeForm
from accounts.middleware import code_still_due

ENABLE_ACTION = "accounts.second_factor.enable"
DISABLE_ACTION = "accounts.second_factor.disable"
RESET_ACTION = "accounts.second_factor.reset"
NEW_CODES_ACTION = "accounts.second_factor.recovery_codes"

RECOVERY_CODES_SESSION_KEY = "accounts_recovery_codes"
WRONG_CODE = "Ce code n’est pas valable. Vérifiez l’heure de votre téléphone et réessayez."


def _next_url(request) -> str:
    """Where to go once the code is given: the page first asked for, if it is on this site."""
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _with_next(url, request) -> str:
    return f"{url}?{urlencode({REDIRECT_FIELD_NAME: _next_url(request)})}"


def _credentials(user) -> dict:
    return {"username": user.get_username()}


def _locked_out(request) -> bool:
    return settings.AXES_ENABLED and AxesProxyHandler.is_locked(request, _credentials(request.user))


def _count_failure(request):
    """A wrong code counts as a failed sign-in for django-axes, like a wrong password: five in a
    row lock the account out from this address (AXES_FAILURE_LIMIT)."""
    user_login_failed.send(sender=__name__, credentials=_credentials(request.user), request=request)


def _sign_out_locked(request):
    """Locked out mid-way: the half-open session is closed, and the answer is django-axes's
    lockout page, as for a password."""
    logout(request)
    return TemplateResponse(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)


def _member(request):
    """The signed-in member as a model instance: request.user is a lazy proxy, in which Wagtail's
    audit log would not recognise a user."""
    return get_user_model().objects.get(pk=request.user.pk)


def _complete_sign_in(request, device):
    otp_login(request, device)
    request.session.cycle_key()  # a new session key for the fully signed-in session


def _throttled_message(until) -> str:
    wait = max(1, int((until - timezone.now()).total_seconds()) + 1) if until else 1
    return f"Trop d’essais incorrects : patientez {wait}\u00a0s avant de réessayer."


@sensitive_post_parameters("code")
def verify(request):
    """The code after the password, for a member who has a second factor."""
    step = code_still_due(request.user)
    if step == "enrol":
        return redirect(_with_next(reverse("accounts_enrol"), request))
    if step is None:
        return redirect(_next_url(request))
    if _locked_out(request):
        return _sign_out_locked(request)
    form = CodeForm(
        request.POST or None,
        help_text="Les 6 chiffres affichés par votre application d’authentification, "
        "ou l’un de vos codes de secours.",
    )
    if request.method == "POST" and form.is_valid():
        result = devices.verify(request.user, form.cleaned_data["code"])
        if result.device is not None:
            _complete_sign_in(request, result.device)
            if result.is_recovery_code:
                left = devices.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    f"Code de secours utilisé : il vous en reste {left}. "
                    "Générez-en de nouveaux depuis « Validation en deux étapes » de votre compte.",
                )
            return redirect(_next_url(request))
        if result.throttled_until is not None:
            form.add_error("code", _throttled_message(result.throttled_until))
        else:
            _count_failure(request)
            if getattr(request, "axes_locked_out", False):
                return _sign_out_locked(request)
            form.add_error("code", WRONG_CODE)
    return TemplateResponse(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


@sensitive_post_parameters("code")
def enrol(request):
    """Set up the authenticator application: a QR code and the secret, then a first code."""
    if devices.has_second_factor(request.user):
        return redirect("accounts_manage" if request.user.is_verified() else "accounts_verify")
    if not rules.may_use_second_factor(request.user):
        raise PermissionDenied
    device = devices.pending_totp_device(request.user)
    form = CodeForm(
        request.POST or None,
        help_text="Les 6 chiffres que votre application affiche maintenant pour « OCCE ».",
    )
    form.fields["code"].widget.attrs["inputmode"] = "numeric"
    if request.method == "POST" and form.is_valid():
        result = devices.verify(
            request.user, form.cleaned_data["code"], TOTPDevice.objects.filter(pk=device.pk)
        )
        if result.device is not None:
            with transaction.atomic():
                codes = devices.confirm(result.device)
                log(instance=_member(request), action=ENABLE_ACTION, user=request.user)
            _complete_sign_in(request, result.device)
            return _show_recovery_codes(request, codes)
        form.add_error(
            "code",
            _throttled_message(result.throttled_until) if result.throttled_until else WRONG_CODE,
        )
    return TemplateResponse(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "next": _next_url(request),
            "required": rules.must_use_second_factor(request.user),
            "qr_code": devices.qr_code_svg(device),
            "secret": devices.secret_text(device),
        },
    )


def _show_recovery_codes(request, codes):
    request.session[RECOVERY_CODES_SESSION_KEY] = codes
    return redirect(_with_next(reverse("accounts_recovery_codes"), request))


def recovery_codes(request):
    """The recovery codes, shown once: they leave the session as this page is drawn."""
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes:
        messages.info(request, "Les codes de secours ne s’affichent qu’une fois.")
        return redirect("accounts_manage")
    return TemplateResponse(
        request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)}
    )


class ManageView(WagtailAdminTemplateMixin, TemplateView):
    """ "Validation en deux étapes", from the account page: on or off, codes left, new codes."""

    page_title = "Validation en deux étapes"
    header_icon = "key"
    template_name = "accounts/manage.html"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_account"), "label": "Compte"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        user = self.request.user
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        return super().get_context_data(
            enabled=device is not None,
            required=rules.must_use_second_factor(user),
            codes_left=devices.recovery_codes_left(user) if device else 0,
            enabled_on=device.created_at if device else None,
            **kwargs,
        )


@require_POST
def regenerate_recovery_codes(request):
    if not devices.has_second_factor(request.user):
        return redirect("accounts_manage")
    with transaction.atomic():
        codes = devices.new_recovery_codes(request.user)
        log(instance=_member(request), action=NEW_CODES_ACTION, user=request.user)
    return _show_recovery_codes(request, codes)


@require_POST
def disable(request):
    """Members who opted in may opt out; those the rule concerns may not."""
    if rules.must_use_second_factor(request.user):
        raise PermissionDenied
    with transaction.atomic():
        if devices.remove(request.user):
            log(instance=_member(request), action=DISABLE_ACTION, user=request.user)
    messages.success(request, "La validation en deux étapes est désactivée pour votre compte.")
    return redirect("accounts_manage")


class ResetView(WagtailAdminTemplateMixin, TemplateView):
    """A superuser removes a member's second factor (a lost phone); the member enrols again at
    their next sign-in if the rule concerns them. Logged in the site history."""

    page_title = "Réinitialiser la validation en deux étapes"
    header_icon = "key"
    template_name = "accounts/reset.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        self.member = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.member.get_username()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": "Utilisateurs"},
            {"url": reverse("wagtailusers_users:edit", args=[self.member.pk]), "label": str(self.member)},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            member=self.member,
            enabled=devices.has_second_factor(self.member),
            required=rules.must_use_second_factor(self.member),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            removed = devices.remove(self.member)
            log(instance=self.member, action=RESET_ACTION, user=request.user, data={"devices": removed})
        messages.success(
            request, f"La validation en deux étapes de « {self.member.get_username()} » est réinitialisée."
        )
        return redirect("wagtailusers_users:index")
