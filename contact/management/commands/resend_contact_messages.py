from django.core.management.base import BaseCommand

from contact.models import ContactSubmission
from contact.tasks import send_contact_message


class Command(BaseCommand):
    help = (
        "Remet dans la file d’envoi les messages de contact dont le courriel a été refusé "
        "ou a échoué à chaque tentative (une fois le serveur de messagerie réparé)."
    )

    def handle(self, *args, **options):
        count = 0
        for submission_id in ContactSubmission.objects.given_up().values_list("pk", flat=True):
            ContactSubmission.objects.filter(pk=submission_id).update(mail_failed_at=None, mail_refused=False)
            send_contact_message.enqueue(submission_id)
            count += 1
        self.stdout.write(f"{count} message(s) remis dans la file d’envoi.")
