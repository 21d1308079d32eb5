"""The "Nous contacter" page: a form built by editors with Wagtail's form builder.

Editors choose the fields (FormField), the subjects a visitor picks from and who receives each
(ContactSubject), and the thank-you text. A message is kept as a ContactSubmission (listed and
exported in the admin, under "Formulaires", by staff with the permission of
contact/permissions.py), then mailed to its subject's recipients by the task queue
(contact/tasks.py). Messages are deleted after settings.CONTACT_SUBMISSION_RETENTION_DAYS days
(`manage.py purge_contact_submissions`, a scheduled job).
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractEmailForm,
    AbstractFormField,
    AbstractFormSubmission,
    validate_to_address,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from contact.forms import HONEYPOT_FIELD, SUBJECT_FIELD_TYPE, ContactFormBuilder
from contact.tasks import send_contact_message

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


def split_addresses(value: str) -> list[str]:
    return [address.strip() for address in value.split(",") if address.strip()]


class FormField(AbstractFormField):
    """A field of the contact form, as the editor set it."""

    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(
        "type de champ",
        max_length=16,
        choices=[(SUBJECT_FIELD_TYPE, "Sujet (choisit les destinataires)"), *FORM_FIELD_CHOICES],
    )


class ContactSubject(Orderable):
    """A subject a visitor may choose ("Adhésion", "Assurance"…), and who receives its messages."""

    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="subjects")
    label = models.CharField("sujet", max_length=100)
    recipients = models.CharField(
        "destinataires",
        max_length=500,
        validators=[validate_to_address],
        help_text="Une ou plusieurs adresses e-mail, séparées par des virgules.",
    )

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("recipients")])]

    class Meta(Orderable.Meta):
        verbose_name = "sujet"
        verbose_name_plural = "sujets"

    def __str__(self):
        return self.label


class ContactSubmissionQuerySet(models.QuerySet):
    def expired(self, now=None) -> "ContactSubmissionQuerySet":
        """Messages older than the retention period (settings.CONTACT_SUBMISSION_RETENTION_DAYS)."""
        days = settings.CONTACT_SUBMISSION_RETENTION_DAYS
        return self.filter(submit_time__lt=(now or timezone.now()) - datetime.timedelta(days=days))

    def given_up(self) -> "ContactSubmissionQuerySet":
        """Messages whose email was refused, or still failed after the last retry."""
        return self.filter(mailed_at__isnull=True, mail_failed_at__isnull=False)


class ContactSubmission(AbstractFormSubmission):
    """A message sent with the contact form: what the visitor typed (form_data), and where its
    email went. Personal data: deleted after the retention period."""

    # Resolved from the subject when the message arrives: a later change of the page's
    # subjects does not redirect a message already queued.
    recipients = models.CharField("destinataires", max_length=500, blank=True)
    mailed_at = models.DateTimeField("envoyé le", null=True, blank=True)
    mail_failed_at = models.DateTimeField("échec de l’envoi le", null=True, blank=True)
    mail_attempts = models.PositiveSmallIntegerField("tentatives d’envoi", default=0)
    mail_refused = models.BooleanField("refusé par le serveur", default=False)
    mail_error = models.CharField("erreur d’envoi", max_length=1000, blank=True)

    objects = ContactSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = "message de contact"
        verbose_name_plural = "messages de contact"
        default_permissions = ()
        permissions = [("export_contactsubmission", "Peut lire et exporter les messages de contact")]
        indexes = [models.Index(fields=["submit_time"], name="contact_submission_time")]

    @property
    def mail_status(self) -> str:
        if self.mailed_at:
            return f"Envoyé le {timezone.localtime(self.mailed_at):%d/%m/%Y %H:%M}"
        if self.mail_refused:
            return "Refusé par le serveur de messagerie"
        if self.mail_failed_at:
            return f"En échec après {self.mail_attempts}\u00a0tentatives"
        return "En attente d’envoi"

    def get_data(self):
        return {**super().get_data(), "mail_status": self.mail_status}


class ContactPage(AbstractEmailForm):
    """A contact form: its fields, subjects and recipients, and thank-you text, set by editors."""

    introduction = RichTextField("introduction", blank=True, features=RICH_TEXT_FEATURES)
    thank_you_text = RichTextField(
        "texte de remerciement",
        features=RICH_TEXT_FEATURES,
        help_text="Montré au visiteur une fois son message envoyé.",
    )

    form_builder = ContactFormBuilder
    template = "contact/contact_page.html"
    landing_page_template = "contact/contact_page_landing.html"
    parent_page_types = ["content.HomePage", "content.StandardPage"]
    subpage_types = []

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("introduction"),
        InlinePanel("form_fields", label="Champs du formulaire"),
        InlinePanel(
            "subjects",
            label="Sujets et destinataires",
            help_text="Les choix du champ de type « Sujet » : chaque message part aux destinataires "
            "de son sujet.",
        ),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "to_address",
                    heading="Destinataires des messages sans sujet",
                    help_text="Une ou plusieurs adresses, séparées par des virgules : elles reçoivent les "
                    "messages dont le sujet n’a pas de destinataires.",
                ),
                FieldPanel(
                    "subject",
                    heading="Objet des courriels",
                    help_text="Début de l’objet des courriels envoyés aux destinataires, suivi du sujet "
                    "choisi (par défaut : le titre de la page).",
                ),
            ],
            heading="Courriels",
        ),
    ]
    search_fields = [*AbstractEmailForm.search_fields, index.SearchField("introduction")]

    class Meta:
        verbose_name = "page de contact"
        verbose_name_plural = "pages de contact"

    def clean(self):
        super().clean()
        labels = [subject.label.strip().lower() for subject in self.subjects.all()]
        if len(labels) != len(set(labels)):
            raise ValidationError("Deux sujets portent le même nom.")

    def get_form_class(self):
        builder = self.form_builder(
            self.get_form_fields(), [subject.label for subject in self.subjects.all()]
        )
        return builder.get_form_class()

    def get_submission_class(self):
        return ContactSubmission

    def get_data_fields(self):
        return [*super().get_data_fields(), ("mail_status", "Envoi du courriel")]

    def recipients_for(self, subject_label: str | None) -> list[str]:
        """The subject's recipients; the page's own addresses when it has none."""
        for subject in self.subjects.all():
            if subject.label == subject_label:
                return split_addresses(subject.recipients)
        return split_addresses(self.to_address)

    def subject_field_name(self) -> str | None:
        for field in self.get_form_fields():
            if field.field_type == SUBJECT_FIELD_TYPE:
                return field.clean_name or field.get_field_clean_name()
        return None

    def email_field_names(self) -> list[str]:
        """The fields holding the visitor's address: replies to the email go there."""
        return [
            field.clean_name or field.get_field_clean_name()
            for field in self.get_form_fields()
            if field.field_type == "email"
        ]

    def process_form_submission(self, form):
        """Keep the message, then queue its email (contact/tasks.py); never sent during the request."""
        subject_field = self.subject_field_name()
        subject = form.cleaned_data.get(subject_field) if subject_field else None
        submission = ContactSubmission.objects.create(
            page=self,
            form_data={name: value for name, value in form.cleaned_data.items() if name != HONEYPOT_FIELD},
            recipients=", ".join(self.recipients_for(subject)),
        )
        send_contact_message.enqueue(submission.pk)
        return submission

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if (
            request.method == "POST"
            and isinstance(response, TemplateResponse)
            and "form" in response.context_data
        ):
            response.status_code = 400  # the form again, with a message beside each wrong field
        return response
