"""A member's second factor, on django-otp's devices: one TOTP device (an authenticator
application) and one static device holding the single-use recovery codes."""

import re
from base64 import b32encode
from dataclasses import dataclass
from datetime import datetime

import segno
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

TOTP_NAME = "Application d’authentification"
RECOVERY_NAME = "Codes de secours"
RECOVERY_CODE_COUNT = 10
TOTP_CODE = re.compile(r"\d{6}")


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_totp_device(user) -> TOTPDevice:
    """The device being enrolled: the same one, with the same secret, until it is confirmed,
    so that reloading the enrolment page does not invalidate what the phone has scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for applications that cannot scan."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code, drawn here: nothing is asked of another host."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, omitsize=True, svgclass="two-factor-qr", dark="#000", light="#fff"
    )


@transaction.atomic
def confirm(device: TOTPDevice) -> list[str]:
    """Make the pending device the member's second factor; return a fresh set of recovery codes."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the member's recovery codes; the plain codes are returned once, to be shown once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, defaults={"name": RECOVERY_NAME})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    device.token_set.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def remove(user) -> int:
    """Delete every device of the member (recovery codes with theirs); how many devices."""
    totp = TOTPDevice.objects.filter(user=user).delete()[1].get(TOTPDevice._meta.label, 0)
    return totp + StaticDevice.objects.filter(user=user).delete()[1].get(StaticDevice._meta.label, 0)


@dataclass
class Verification:
    device: TOTPDevice | StaticDevice | None = None
    throttled_until: datetime | None = None

    @property
    def is_recovery_code(self) -> bool:
        return isinstance(self.device, StaticDevice)


def normalise(code: str) -> str:
    """Codes as people type them: spaces and dashes dropped, recovery codes in lower case."""
    return re.sub(r"[\s\-]", "", code or "").lower()


def verify(user, code: str, devices=None) -> Verification:
    """Check a six-digit code against the member's authenticator device, anything else against
    their recovery codes (each works once). A wrong code delays the next try exponentially
    (django-otp's throttling: 1 s, 2 s, 4 s…), whatever the password sign-ins in between."""
    code = normalise(code)
    if devices is None:
        model = TOTPDevice if TOTP_CODE.fullmatch(code) else StaticDevice
        devices = model.objects.filter(user=user, confirmed=True)
    with transaction.atomic():
        for device in devices.select_for_update():
            allowed, details = device.verify_is_allowed()
            if not allowed:
                return Verification(throttled_until=(details or {}).get("locked_until"))
            if device.verify_token(code):
                return Verification(device=device)
    return Verification()
