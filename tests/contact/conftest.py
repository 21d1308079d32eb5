import pytest
from django.contrib.auth.models import Group, Permission

from contact.models import ContactPage, ContactSubject, FormField
from tests.newsletter.conftest import (  # noqa: F401
    RefusingInbox,
    SMTPServer,
    refusing_server,
    smtp_server,
    smtp_settings,
)

PASSWORD = "un-mot-de-passe-de-test"

SUBJECTS = {
    "Adhésion": "adhesion@example.org",
    "Assurance": "assurance@example.org",
    "Presse": "presse@example.org, communication@example.org",
}


def make_contact_page(parent, *, slug="nous-contacter", subjects=SUBJECTS, with_subject_field=True, **fields):
    form_fields = [
        FormField(label="Nom", field_type="singleline"),
        FormField(label="Courriel", field_type="email"),
        FormField(label="Message", field_type="multiline"),
    ]
    if with_subject_field:
        form_fields.insert(2, FormField(label="Sujet", field_type="subject"))
    page = ContactPage(
        title="Nous contacter",
        slug=slug,
        introduction="<p>Écrivez-nous.</p>",
        thank_you_text="<p>Merci pour votre message, nous vous répondons vite.</p>",
        to_address="accueil@example.org",
        subject="Message du site",
        subjects=[
            ContactSubject(label=label, recipients=recipients) for label, recipients in subjects.items()
        ],
        form_fields=form_fields,
        **fields,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def contact_page(home_page):
    return make_contact_page(home_page)


def message_data(**extra):
    data = {
        "nom": "Camille Martin",
        "courriel": "camille@example.fr",
        "sujet": "Assurance",
        "message": "Bonjour, notre coopérative voudrait assurer une sortie scolaire en mai.",
        "website": "",
    }
    data.update(extra)
    return data


def submit_url(page) -> str:
    return f"/contact/{page.pk}/envoyer/"


@pytest.fixture
def reader(django_user_model):
    """An editor who may read and export the contact messages."""
    user = django_user_model.objects.create_user("accueil", "accueil@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    user.user_permissions.add(Permission.objects.get(codename="export_contactsubmission"))
    return user


@pytest.fixture
def editor(django_user_model):
    """A Wagtail editor (who may edit every page), without the permission."""
    user = django_user_model.objects.create_user("redactrice", "r@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user
