"""Builders for test content: pages of every type, images drawn with Pillow, documents; and
staff signed in with their second factor."""

import datetime
import io
import itertools
import time

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from content.models import (
    DepartmentalAssociationPage,
    EventPage,
    ReviewPage,
    WebinarPage,
    section_index,
)

_counter = itertools.count(1)


def make_image(title="Image de test", width=64, height=48, color=(0, 82, 140)):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, "PNG")
    number = next(_counter)
    return Image.objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"test-{number}.png")
    )


def make_document(title="Document de test", filename="document.pdf", size=1024):
    content = b"%PDF-1.4\n" + b"0" * max(size - 9, 0)
    return Document.objects.create(title=title, file=ContentFile(content, name=filename))


def make_index(home, page_model):
    """The section index of `page_model` under the home page, created once."""
    return section_index(home, page_model)


def _defaults(model, number):
    now = timezone.now()
    if model is WebinarPage:
        return {"start": now + datetime.timedelta(days=7)}
    if model is EventPage:
        start = now + datetime.timedelta(days=10)
        return {"start": start, "end": start + datetime.timedelta(hours=2), "place": "Pantin"}
    if model is ReviewPage:
        return {"issue_number": f"N° {300 + number}", "period_label": "juillet-octobre 2024"}
    if model is DepartmentalAssociationPage:
        return {
            "department_code": "93",
            "street_address": "28 avenue Jean Lolive",
            "postal_code": "93500",
            "city": "Pantin",
        }
    return {}


def make_page(model, parent, *, title=None, summary="Un résumé de test.", themes=(), publish=True, **fields):
    number = next(_counter)
    values = {**_defaults(model, number), **fields}
    page = model(
        title=title or f"{model._meta.verbose_name.capitalize()} {number}",
        summary=summary,
        live=False,
        **values,
    )
    if themes:
        page.themes.set(themes)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def make_content(model, home, **kwargs):
    """A page of `model` at its normal place in the tree."""
    return make_page(model, section_index(home, model), **kwargs)


# --- Navigation ----------------------------------------------------------------------------


def link(label, page=None, url=""):
    """The raw value of a NavLinkBlock."""
    return {"label": label, "page": page.pk if page else None, "url": url}


def image_value(image, alt=""):
    """The raw value of an ImageBlock (an empty one without `image`: never a bare None)."""
    return {"image": image.pk if image else None, "alt_text": alt, "decorative": False}


def make_main_menu(site=None, *, utility=(), entries=(), publish=True):
    """A main menu from raw StreamField data, published through a revision as an editor would."""
    from wagtail.models import Site

    from content.models import MainMenu

    site = site or Site.objects.get(is_default_site=True)
    menu = MainMenu(site=site, utility_links=list(utility), entries=list(entries), live=False)
    menu.save()
    revision = menu.save_revision()
    if publish:
        revision.publish()
        menu.refresh_from_db()
    return menu


def make_footer(site=None, *, publish=True, **fields):
    from wagtail.models import Site

    from content.models import Footer

    site = site or Site.objects.get(is_default_site=True)
    footer = Footer(site=site, live=False, **fields)
    footer.save()
    revision = footer.save_revision()
    if publish:
        revision.publish()
        footer.refresh_from_db()
    return footer


def make_partner(name, *, url="", is_active=True, sort_order=None):
    from content.models import Partner

    if sort_order is None:
        sort_order = Partner.objects.count()
    return Partner.objects.create(
        name=name,
        logo=make_image(title=f"Logo {name}", width=200, height=100),
        url=url,
        is_active=is_active,
        sort_order=sort_order,
    )


def make_totp_device(user, *, confirmed=True):
    return TOTPDevice.objects.create(user=user, name="Téléphone de test", confirmed=confirmed)


def totp_code(device, *, steps_ahead=0) -> str:
    """The code the member's authenticator application shows now (or `steps_ahead` periods of
    30 s later), computed from the device's key as the application does."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def unused_totp_code(device) -> str:
    """A code the device will still accept: a code works only once, so when the current one
    was just used (two sign-ins within 30 s), the next period's, which the device's tolerance
    accepts."""
    device.refresh_from_db()
    current = int((time.time() - device.t0) // device.step)
    ahead = max(0, device.last_t + 1 - current)
    if ahead > device.tolerance:
        time.sleep(device.step * (ahead - device.tolerance))
        return unused_totp_code(device)
    return totp_code(device, steps_ahead=ahead)


def sign_in(client, user):
    """Sign `user` in with both factors, as after giving a correct code: superusers and the
    accounts that can export personal data must (accounts/rules.py)."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or make_totp_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
