import time

from django.core.management.base import BaseCommand
from wagtail.models import Site

from devtools.demo.loader import DemoSite

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

    def handle(self, *args, reset, **options):
        started = time.monotonic()
        home = Site.objects.get(is_default_site=True).root_page.specific
        demo = DemoSite(home)
        if reset:
            demo.reset()
        demo.load()
        self.stdout.write(
            f"Contenu de démonstration – créés : {counted(demo.created) or 'rien'} ; "
            f"déjà présents : {counted(demo.found) or 'rien'} "
            f"({time.monotonic() - started:.1f} s)."
        )
