from django import forms
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail's login form, whose password field has no label of its own: Django then shows
    the field's name, "Password", in English."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Mot de passe"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code à usage unique",
        max_length=32,
        strip=True,
        error_messages={"required": "Saisissez le code affiché par votre application."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text
        self.fields["code"].widget.attrs["autofocus"] = ""
