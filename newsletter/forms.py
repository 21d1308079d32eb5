import unicodedata

from django import forms
from django.conf import settings

from newsletter.consent import current_wording

MAX_EMAIL_LENGTH = 254  # RFC 5321's limit for a whole address
MAX_PAGE_LENGTH = 300


def normalise_email(value: str) -> str:
    """Trimmed, with the domain lower-cased; the local part is kept as typed."""
    local, _, domain = value.strip().rpartition("@")
    return f"{local}@{domain.lower()}"


class ConsentForm(forms.Form):
    """The consent checkbox, with its current wording; alone, it is the form of the page where an
    unsubscribed address asks again, from the link of one of our emails."""

    consent = forms.BooleanField(
        label=current_wording(),
        # A marker only: Django then points aria-describedby at "<id>_helptext", the
        # paragraph with the privacy link that the template writes.
        help_text="politique de confidentialité",
        error_messages={"required": "Cochez la case pour accepter de recevoir la lettre d’information."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "newsletter-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.privacy_url = settings.NEWSLETTER_PRIVACY_URL


class SubscribeForm(ConsentForm):
    field_order = ["email", "consent", "website", "page"]

    email = forms.EmailField(
        label="Adresse e-mail",
        max_length=MAX_EMAIL_LENGTH,
        error_messages={
            "required": "Indiquez votre adresse e-mail.",
            "invalid": "Indiquez une adresse e-mail valide, par exemple nom@exemple.fr.",
            "max_length": "L’adresse e-mail ne doit pas dépasser 254 caractères.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    # Honeypot: hidden from people by CSS and from assistive technologies; a bot
    # that fills every field gets the usual answer and nothing is stored or sent.
    website = forms.CharField(
        required=False,
        label="Ne remplissez pas ce champ",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # The page the form was sent from, kept as the place where consent was given.
    page = forms.CharField(required=False, widget=forms.HiddenInput)

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))

    def clean_email(self):
        email = self.cleaned_data["email"]
        # Non-UTF-8 bytes arrive decoded as U+FFFD; control characters (CR, LF…)
        # are header-injection attempts. Both are refused before any use.
        if "\ufffd" in email or any(unicodedata.category(char) == "Cc" for char in email):
            raise forms.ValidationError(self.fields["email"].error_messages["invalid"])
        return normalise_email(email)

    def clean_page(self):
        page = self.cleaned_data["page"]
        is_local_path = page.startswith("/") and not page.startswith("//")
        too_long = len(page) > MAX_PAGE_LENGTH
        if not is_local_path or too_long or not page.isprintable() or "\ufffd" in page:
            return ""
        return page
