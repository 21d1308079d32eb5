import getpass
import os

from django.core.management.base import BaseCommand, CommandError

from newsletter import exports
from newsletter.models import Subscriber


class Command(BaseCommand):
    help = (
        "Exporte les abonnés en CSV (sur la sortie standard) ou en XLSX, en mémoire "
        "constante ; l'export est inscrit au journal d'audit de Wagtail."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--status",
            choices=Subscriber.Status.values,
            help="N'exporte que ce statut (par défaut : tous).",
        )
        parser.add_argument("--format", choices=[exports.CSV, exports.XLSX], default="csv")
        parser.add_argument(
            "--output", help="Fichier de sortie (obligatoire en XLSX ; CSV : sortie standard)."
        )

    def handle(self, *args, status=None, format="csv", output=None, **options):
        queryset = Subscriber.objects.with_status(status).order_by("pk")
        if format == exports.XLSX:
            if not output:
                raise CommandError("L'export XLSX demande --output fichier.xlsx.")
            with self.private_file(output, "wb") as file:
                count = exports.write_xlsx(queryset, file)
        elif output:
            with self.private_file(output, "w", encoding="utf-8", newline="") as file:
                count = self.write_csv(queryset, file.write)
        else:
            count = self.write_csv(queryset, lambda line: self.stdout.write(line, ending=""))
        exports.log_export(
            user=None,
            export_format=format,
            filters={"status": status} if status else {},
            row_count=count,
            source=f"manage.py export_subscribers ({self.system_user()})",
        )
        # On standard error, so that standard output stays a clean CSV file.
        self.stderr.write(f"{count} abonné(s) exporté(s).")

    @staticmethod
    def private_file(path, mode, **kwargs):
        """The output file, readable and writable by its owner only (0600), even if it existed:
        a list of subscribers is personal data, whatever the umask of the shell that asks."""
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(descriptor, 0o600)
        return os.fdopen(descriptor, mode, **kwargs)

    @staticmethod
    def write_csv(queryset, write) -> int:
        lines = exports.csv_lines(queryset)
        write(next(lines))  # the headings
        count = 0
        for line in lines:
            write(line)
            count += 1
        return count

    @staticmethod
    def system_user() -> str:
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return "inconnu"
