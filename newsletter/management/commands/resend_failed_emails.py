from django.core.management.base import BaseCommand, CommandError

from newsletter import subscriptions
from newsletter.models import FailedEmail


class Command(BaseCommand):
    help = (
        "Liste les courriels de la lettre d'information abandonnés (refusés par le serveur, ou "
        "toujours en échec après la dernière tentative) ; --all ou --id les remet en file d'envoi."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--all", action="store_true", help="Renvoie tous les courriels en échec.")
        which.add_argument(
            "--id", type=int, nargs="+", dest="ids", help="Renvoie ces courriels (numéros de la liste)."
        )

    def handle(self, *args, all=False, ids=None, **options):
        failed_emails = FailedEmail.objects.select_related("subscriber").order_by("failed_at", "pk")
        if ids:
            missing = set(ids) - set(failed_emails.filter(pk__in=ids).values_list("pk", flat=True))
            if missing:
                raise CommandError(f"Aucun courriel en échec n°{', '.join(map(str, sorted(missing)))}.")
            failed_emails = failed_emails.filter(pk__in=ids)
        elif not all:
            for failed in failed_emails:
                self.stdout.write(
                    f"{failed.pk}\t{failed.failed_at:%Y-%m-%d %H:%M}\t{failed.subscriber.email}\t"
                    f"{failed.get_email_kind_display()}\t{failed.cause}\t{failed.error}"
                )
            self.stdout.write(f"{failed_emails.count()} courriel(s) en échec.")
            return
        count = subscriptions.resend(failed_emails)
        self.stdout.write(f"{count} courriel(s) remis en file d'envoi.")
