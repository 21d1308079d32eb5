from django.core.management.base import BaseCommand

from newsletter.models import Subscriber


class Command(BaseCommand):
    help = (
        "Efface les adresses en attente de confirmation depuis plus de 30 jours "
        "(à lancer chaque jour, par cron ou un minuteur systemd)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compte sans rien effacer.")

    def handle(self, *args, dry_run=False, **options):
        stale = Subscriber.objects.stale_pending()
        if dry_run:
            count = stale.count()
            self.stdout.write(f"{count} adresse(s) en attente à effacer (simulation).")
            return
        count, _ = stale.delete()
        self.stdout.write(f"{count} adresse(s) en attente depuis plus de 30 jours effacée(s).")
