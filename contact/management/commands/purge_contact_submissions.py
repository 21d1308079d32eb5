from django.conf import settings
from django.core.management.base import BaseCommand

from contact.models import ContactSubmission


class Command(BaseCommand):
    help = (
        "Efface les messages du formulaire de contact plus anciens que la durée de conservation "
        "(CONTACT_SUBMISSION_RETENTION_DAYS ; tâche planifiée chaque nuit)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compte sans rien effacer.")

    def handle(self, *args, dry_run=False, **options):
        days = settings.CONTACT_SUBMISSION_RETENTION_DAYS
        expired = ContactSubmission.objects.expired()
        if dry_run:
            self.stdout.write(f"{expired.count()} message(s) de plus de {days} jours à effacer (simulation).")
            return
        count, _ = expired.delete()
        self.stdout.write(f"{count} message(s) de contact de plus de {days} jours effacé(s).")
