"""The visitor's form, built from the fields the editor set (Wagtail's FormBuilder), with:

- the "Sujet" field type, whose choices are the page's subjects (each with its recipients);
- a honeypot, hidden from people and from assistive technologies: a bot that fills every field
  is thanked, and nothing is kept or sent (contact/views.py);
- messages refused when they hold nothing but links, and text fields of bounded length.
"""

import re
import unicodedata

from django import forms
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

SUBJECT_FIELD_TYPE = "subject"
HONEYPOT_FIELD = "website"
MAX_MESSAGE_LENGTH = 5000

LINK = re.compile(r"(?:https?://|www\.)\S+", re.I)
# What must remain once links are taken out: a few letters, in any script.
MIN_LETTERS_BESIDE_LINKS = 10
LINK_ONLY_MESSAGE = "Écrivez votre message en quelques mots\u00a0: un lien seul ne suffit pas."
INVALID_TEXT_MESSAGE = "Ce texte contient des caractères non valides."
REQUIRED_MESSAGE = "Ce champ est obligatoire."
EMAIL_MESSAGE = "Indiquez une adresse e-mail valide, par exemple nom@exemple.fr."
SUBJECT_MESSAGE = "Choisissez un des sujets proposés."


def letters_without_links(text: str) -> int:
    return sum(1 for char in LINK.sub(" ", text) if char.isalpha())


class ContactForm(BaseForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "contact-%s")
        super().__init__(*args, **kwargs)

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix(HONEYPOT_FIELD)))

    @property
    def visible_fields_without_honeypot(self):
        return [field for field in self.visible_fields() if field.name != HONEYPOT_FIELD]

    def clean(self):
        cleaned_data = super().clean()
        for name, field in self.fields.items():
            value = cleaned_data.get(name)
            if not isinstance(value, str) or not value:
                continue
            # Non-UTF-8 bytes arrive as U+FFFD; control characters other than line breaks and
            # tabs have no place in a message.
            if "\ufffd" in value or any(
                unicodedata.category(char) == "Cc" and char not in "\r\n\t" for char in value
            ):
                self.add_error(name, INVALID_TEXT_MESSAGE)
            elif isinstance(field.widget, forms.Textarea) and LINK.search(value):
                if letters_without_links(value) < MIN_LETTERS_BESIDE_LINKS:
                    self.add_error(name, LINK_ONLY_MESSAGE)
        return cleaned_data


class ContactFormBuilder(FormBuilder):
    def __init__(self, fields, subjects=()):
        super().__init__(fields)
        self.subjects = list(subjects)

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["error_messages"] = {"required": REQUIRED_MESSAGE}
        return options

    def create_subject_field(self, field, options):
        options["error_messages"] |= {"required": SUBJECT_MESSAGE, "invalid_choice": SUBJECT_MESSAGE}
        options["choices"] = [("", "Choisissez un sujet"), *((label, label) for label in self.subjects)]
        return forms.ChoiceField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = MAX_MESSAGE_LENGTH
        options["error_messages"]["max_length"] = "Ce texte ne doit pas dépasser 5\u202f000\u00a0caractères."
        options.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        return forms.CharField(**options)

    def create_email_field(self, field, options):
        options["error_messages"]["invalid"] = EMAIL_MESSAGE
        options.setdefault("widget", forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}))
        return forms.EmailField(**options)

    @property
    def formfields(self):
        fields = super().formfields
        fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label="Ne remplissez pas ce champ",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        return fields

    def get_form_class(self):
        return type("ContactPageForm", (ContactForm,), self.formfields)
