import time

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from devtools.demo.loader import DemoSite

# The default site's address as content's data migration made it: an address given to the
# command replaces it, never one an administrator chose.
WAGTAIL_DEFAULT_ADDRESS = ("localhost", 80)

# What the demo counts, as (singular, plural).
LABELS = {
    "pages": ("page", "pages"),
    "images": ("image", "images"),
    "documents": ("document", "documents"),
    "partenaires": ("partenaire", "partenaires"),
    "accueil": ("page d’accueil", "pages d’accueil"),
    "promotions": ("promotion de recherche", "promotions de recherche"),
    "menus": ("menu ou pied de page", "menus et pieds de page"),
    "abonnés": ("abonné", "abonnés"),
}


def counted(counter):
    return ", ".join(
        f"{counter[key]} {plural if counter[key] > 1 else singular}"
        for key, (singular, plural) in LABELS.items()
        if counter[key]
    )


class Command(BaseCommand):
    help = (
        "Charge le contenu de démonstration (l’arborescence et les contenus du site actuel de "
        "l’OCCE, depuis fixtures/demo/). Sans effet sur ce qui existe déjà."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Supprime d’abord ce que la démonstration crée (ses pages et tout ce qui est "
            "dessous, ses partenaires, promotions, images et documents), puis le recrée.",
        )
        parser.add_argument(
            "--address",
            metavar="HÔTE:PORT",
            help="L’adresse où le site est servi (par exemple 127.0.0.1:8000), donnée au site par "
            "défaut s’il a encore celle de Wagtail (localhost:80) : ses adresses canoniques, son "
            "plan du site et robots.txt la nomment.",
        )

    def handle(self, *args, reset, address=None, **options):
        started = time.monotonic()
        site = Site.objects.get(is_default_site=True)
        if address:
            self.serve_at(site, address)
        home = site.root_page.specific
        demo = DemoSite(home)
        if reset:
            demo.reset()
        demo.load()
        self.stdout.write(
            f"Contenu de démonstration – créés : {counted(demo.created) or 'rien'} ; "
            f"déjà présents : {counted(demo.found) or 'rien'} "
            f"({time.monotonic() - started:.1f} s)."
        )

    def serve_at(self, site, address):
        hostname, _colon, port = address.rpartition(":")
        if not hostname or not port.isdigit():
            raise CommandError(f"Adresse invalide : « {address} » (attendu : hôte:port).")
        if (site.hostname, site.port) == WAGTAIL_DEFAULT_ADDRESS:
            site.hostname, site.port = hostname, int(port)
            site.save(update_fields=["hostname", "port"])
