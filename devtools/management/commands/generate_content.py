import sys
import time

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from devtools.generator import ContentGenerator


class ProgressBar:
    def __init__(self, total: int, stream=sys.stderr, width: int = 40):
        self.total, self.done, self.stream, self.width = total, 0, stream, width
        self.started = time.monotonic()

    def __call__(self, step: int) -> None:
        self.done += step
        filled = int(self.width * self.done / self.total) if self.total else self.width
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {self.done:>7}/{self.total} pages ({rate:,.0f}/s)")
        self.stream.flush()
        if self.done >= self.total:
            self.stream.write("\n")


class Command(BaseCommand):
    help = "Crée N pages de contenu réalistes, réparties comme sur le site actuel, et les indexe."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, required=True, help="Nombre de pages à créer.")
        parser.add_argument("--seed", type=int, default=0, help="Graine : la même graine donne le même site.")
        parser.add_argument("--quiet", action="store_true", help="Sans barre de progression.")

    def handle(self, *args, pages, seed, quiet, **options):
        if pages < 1:
            raise CommandError("--pages doit être un nombre positif.")
        home = Site.objects.get(is_default_site=True).root_page.specific
        progress = None if quiet else ProgressBar(pages)
        report = ContentGenerator(home, seed=seed).generate(pages, progress=progress)
        self.stdout.write(
            f"{report.pages} pages créées en {report.create_seconds:.1f} s "
            f"({report.pages_per_second:,.0f} pages/s), "
            f"indexées pour la recherche en {report.index_seconds:.1f} s."
        )
