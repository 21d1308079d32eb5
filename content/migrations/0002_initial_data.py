"""The home page in place of Wagtail's placeholder, the school cycles and the themes."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("content.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    # Wagtail's initial migration creates a "Welcome" page at depth 2.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
    root = Page.objects.get(depth=1)
    if HomePage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="content")
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="Accueil",
        draft_title="Accueil",
        slug="accueil",
        content_type=content_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale=locale,
    )
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, site_name="OCCE", root_page=home, is_default_site=True
    )


CYCLES = [
    (1, "Cycle 1", "cycle-1", "Maternelle : PS, MS, GS"),
    (2, "Cycle 2", "cycle-2", "CP, CE1, CE2"),
    (3, "Cycle 3", "cycle-3", "CM1, CM2, 6e"),
]

THEMES = [
    ("Démocratie à l’école", "democratie-a-l-ecole"),
    ("Citoyenneté", "citoyennete"),
    ("Bien-être et harcèlement", "bien-etre-et-harcelement"),
    ("Former pour apprendre", "former-pour-apprendre"),
    ("Pratiques artistiques et culturelles", "pratiques-artistiques-et-culturelles"),
    ("Éducation aux médias et à l’information", "education-aux-medias-et-a-l-information"),
]


def create_cycles_and_themes(apps, schema_editor):
    Cycle = apps.get_model("content.Cycle")
    Theme = apps.get_model("content.Theme")
    for number, name, slug, grades in CYCLES:
        Cycle.objects.get_or_create(number=number, defaults={"name": name, "slug": slug, "grades": grades})
    for position, (name, slug) in enumerate(THEMES):
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": position})


def remove_homepage(apps, schema_editor):
    apps.get_model("content.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [
        migrations.RunPython(create_homepage, remove_homepage),
        migrations.RunPython(create_cycles_and_themes, migrations.RunPython.noop),
    ]
