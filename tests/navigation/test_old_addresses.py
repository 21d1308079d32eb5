"""The current site's old addresses, imported from a CSV file with Wagtail's redirect import
(Paramètres › Redirections › Importer), answer a permanent redirect to the new pages."""

import csv
import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "redirects" / "anciennes-adresses.csv"


def import_through_the_admin(client, path):
    """What an editor does: upload the file, choose its two columns, keep "permanent", confirm."""
    with path.open("rb") as file:
        upload = SimpleUploadedFile(path.name, file.read(), content_type="text/csv")
    chosen = client.post("/admin/redirects/import/", {"import_file": upload})
    assert chosen.status_code == 200
    form = chosen.context["form"]
    assert [label for _, label in form.fields["from_index"].choices][1:] == [
        "ancienne adresse",
        "nouvelle adresse",
    ]
    return client.post(
        "/admin/redirects/import/process/",
        {
            **form.initial,
            "from_index": 0,
            "to_index": 1,
            "permanent": "on",
            "site": Site.objects.get(is_default_site=True).pk,
        },
    )


def test_the_demos_old_addresses_redirect_permanently_to_its_pages(admin_client, client):
    call_command("load_demo_content", stdout=io.StringIO())
    with EXAMPLE.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) >= 15

    done = import_through_the_admin(admin_client, EXAMPLE)
    assert done.status_code == 302  # back to the list: no line refused
    assert Redirect.objects.count() == len(rows)

    for row in rows:
        old, new = row["ancienne adresse"], row["nouvelle adresse"]
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new, old
        # The new address is the demo's (make run serves it on 127.0.0.1:8000): a real page.
        assert new.startswith("http://127.0.0.1:8000/")
        assert client.get(urlsplit(new).path).status_code == 200, f"{new} : une page de la démonstration"
    # Wagtail matches an old address whatever its trailing slash.
    assert client.get("/qui-sommes-nous/").status_code == 301


def test_a_bad_line_is_reported_and_the_others_imported(admin_client, tmp_path):
    bad = tmp_path / "adresses.csv"
    bad.write_text(
        "ancienne adresse,nouvelle adresse\n"
        "/bon-chemin,https://www.occe.coop/\n"
        ",https://www.occe.coop/nouvelle/\n"  # no old address
        "/chemin-seul,/nouvelle/\n",  # Wagtail wants a full address to go to
        encoding="utf-8",
    )
    summary = import_through_the_admin(admin_client, bad)
    assert summary.status_code == 200
    assert summary.context["import_summary"]["errors_count"] == 2
    assert Redirect.objects.filter(old_path="/bon-chemin").exists()
