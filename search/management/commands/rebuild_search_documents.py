"""Rebuild the public search's documents from the page tree.

The documents follow every publication, move and restriction as they happen;
this command is the safety net (run it nightly, and after a deployment that
changes what is indexed) and the way to index content created in bulk.

It builds a new index beside the live one and swaps it in, in one transaction that
first re-checks what may have changed meanwhile (privacy, publications, moves):
searches keep every result while it runs (search/engines/base.py, `rebuild`).
"""

import time

from django.core.management.base import BaseCommand

from search.engines import engine


class Command(BaseCommand):
    help = "Reconstruit l'index de la recherche publique à partir des pages publiées."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=500)

    def handle(self, *args, chunk_size, **options):
        started = time.monotonic()
        total = engine().rebuild(chunk_size=chunk_size)
        elapsed = time.monotonic() - started
        if total is None:
            self.stdout.write("Le moteur de recherche configuré tient son propre index (update_index).")
            return
        self.stdout.write(f"{total} pages indexées en {elapsed:.1f} s.")
