"""The "Lettre d'information" admin: permission, listing, filters, exports, erasure, dashboard."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from newsletter.dashboard import weekly_bars
from newsletter.models import FailedEmail, Subscriber
from tests.factories import sign_in

INDEX = "/admin/lettre-d-information/"
CONFIRMED = Subscriber.Status.CONFIRMED


@pytest.fixture
def editor(django_user_model):
    """A Wagtail editor (admin access) without the export permission."""
    user = django_user_model.objects.create_user("redactrice", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def exporter(editor):
    editor.user_permissions.add(Permission.objects.get(codename="export_subscriber"))
    return editor


@pytest.fixture
def subscribers(make_subscriber):
    now = timezone.now()
    return [
        make_subscriber("alice@example.fr", CONFIRMED, confirmed_at=now),
        make_subscriber('=HYPERLINK("http://x")@example.fr', CONFIRMED, confirmed_at=now),
        make_subscriber("-2+3@example.fr", CONFIRMED, confirmed_at=now, consent_page="@page"),
        make_subscriber("bob@example.fr", Subscriber.Status.PENDING),
        make_subscriber(
            "old@example.fr",
            Subscriber.Status.UNSUBSCRIBED,
            created_at=now - datetime.timedelta(days=400),
        ),
    ]


def export_csv(client, **params):
    response = client.get(INDEX, {"export": "csv", **params})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="abonnes-lettre-information.csv"'
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content)))


def test_an_editor_without_the_permission_gets_403_and_no_menu_item(client, editor, subscribers):
    client.force_login(editor)
    assert client.get(INDEX).status_code == 403
    assert client.get(INDEX, {"export": "csv"}).status_code == 403
    assert client.get(INDEX, {"export": "xlsx"}).status_code == 403
    dashboard = client.get("/admin/").content.decode()
    assert INDEX not in dashboard
    assert "newsletter-subscribers" not in dashboard  # no dashboard panel either
    assert not ModelLogEntry.objects.filter(action="newsletter.export").exists()


def test_the_permission_is_offered_in_french_to_groups(client, admin_user):
    sign_in(client, admin_user)
    html = client.get("/admin/groups/new/").content.decode()
    assert "Peut exporter les abonnés" in html


def test_a_user_with_the_permission_sees_the_menu_and_the_list(client, exporter, subscribers):
    sign_in(client, exporter)
    dashboard = client.get("/admin/").content.decode()
    assert INDEX in dashboard  # the menu item, in the sidebar's data
    assert "Lettre d\\u2019information" in dashboard
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "alice@example.fr" in html and "bob@example.fr" in html
    assert "<title>Abonnés - Wagtail</title>" in html
    assert "/new/" not in html  # nobody adds a subscriber by hand


def test_the_list_searches_by_email_and_filters_by_status_and_date(client, exporter, subscribers):
    sign_in(client, exporter)
    html = client.get(INDEX, {"q": "alice"}).content.decode()
    assert "alice@example.fr" in html and "bob@example.fr" not in html
    html = client.get(INDEX, {"status": "pending"}).content.decode()
    assert "bob@example.fr" in html and "alice@example.fr" not in html
    since = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    html = client.get(INDEX, {"created_at_from": since}).content.decode()
    assert "alice@example.fr" in html and "old@example.fr" not in html


def test_csv_export_holds_the_filtered_rows_neutralised_and_is_audited(client, exporter, subscribers):
    sign_in(client, exporter)
    rows = export_csv(client, status="confirmed")
    assert rows[0] == [
        "Adresse e-mail",
        "Statut",
        "Inscrit le",
        "Confirmé le",
        "Désinscrit le",
        "Version du consentement",
        "Page du consentement",
    ]
    emails = sorted(row[0] for row in rows[1:])
    assert emails == ["'-2+3@example.fr", '\'=HYPERLINK("http://x")@example.fr', "alice@example.fr"]
    by_email = {row[0]: row for row in rows[1:]}
    assert by_email["alice@example.fr"][1] == "Confirmé"
    assert by_email["'-2+3@example.fr"][6] == "'@page"

    entry = ModelLogEntry.objects.get(action="newsletter.export")
    assert entry.user == exporter
    assert entry.data == {
        "format": "csv",
        "filters": {"status": "confirmed"},
        "rows": 3,
        "source": "administration",
    }
    assert entry.message == "Export CSV de 3 abonnés (filtres\u00a0: status = confirmed)"


def test_xlsx_export_holds_the_rows_as_text_not_formulas(client, exporter, subscribers):
    sign_in(client, exporter)
    response = client.get(INDEX, {"export": "xlsx", "q": "example.fr"})
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Adresse e-mail"
    emails = {row[0] for row in values[1:]}
    assert '\'=HYPERLINK("http://x")@example.fr' in emails
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert isinstance(values[1][2], datetime.datetime)
    entry = ModelLogEntry.objects.get(action="newsletter.export")
    assert (entry.data["format"], entry.data["rows"], entry.data["filters"]) == (
        "xlsx",
        5,
        {"q": "example.fr"},
    )


def test_a_superuser_can_export(client, admin_user, subscribers):
    sign_in(client, admin_user)
    assert len(export_csv(client)) == 1 + len(subscribers)


def test_erasing_a_subscriber_needs_delete_and_leaves_no_address_in_the_log(client, exporter, subscribers):
    alice = subscribers[0]
    sign_in(client, exporter)
    delete_url = f"{INDEX}delete/{alice.pk}/"
    refused = client.post(delete_url)  # Wagtail's usual refusal: back to the dashboard
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert Subscriber.objects.filter(pk=alice.pk).exists()
    exporter.user_permissions.add(Permission.objects.get(codename="delete_subscriber"))

    response = client.post(delete_url)
    assert response.status_code == 302
    assert not Subscriber.objects.filter(pk=alice.pk).exists()
    entry = ModelLogEntry.objects.get(action="newsletter.erase")
    assert entry.user == exporter
    assert "alice" not in entry.label
    assert not ModelLogEntry.objects.filter(label__contains="alice").exists()


def test_no_one_adds_or_edits_a_subscriber_by_hand(client, admin_user, subscribers):
    sign_in(client, admin_user)
    assert client.get(f"{INDEX}new/").status_code == 404
    assert client.get(f"{INDEX}edit/{subscribers[0].pk}/").status_code == 404
    inspect = client.get(f"{INDEX}inspect/{subscribers[0].pk}/")
    assert inspect.status_code == 200
    assert inspect.context["object"] == subscribers[0]
    assert f"{INDEX}edit/" not in inspect.content.decode()  # no link to a form that does not exist


def test_the_dashboard_shows_counts_and_a_weekly_svg_chart(
    client, exporter, make_subscriber, django_assert_max_num_queries
):
    now = timezone.now()
    for weeks_ago in (0, 0, 1, 5, 30):
        make_subscriber(
            f"s{weeks_ago}-{now.timestamp()}-{Subscriber.objects.count()}@example.fr",
            CONFIRMED,
            created_at=now - datetime.timedelta(weeks=weeks_ago),
        )
    make_subscriber("p@example.fr", Subscriber.Status.PENDING)
    sign_in(client, exporter)
    html = client.get("/admin/").content.decode()
    assert 'id="newsletter-subscribers"' in html or "newsletter-subscribers" in html
    assert "<strong>5</strong> confirmé" in html
    assert "<strong>1</strong> en attente de confirmation" in html
    assert "<strong>0</strong> désinscrit" in html
    assert html.count("<rect ") == 26
    assert "<script" not in html.split("newsletter-subscribers", 1)[1].split("</svg>", 1)[0]
    assert "5 inscriptions en 26" in html  # the one 30 weeks ago is outside the chart
    month_names = re.findall(r"<text [^>]*>([^<]+)</text>", html)
    assert month_names and set(month_names) <= FRENCH_MONTHS


# Django's French abbreviations (django.utils.dates.MONTHS_AP).
FRENCH_MONTHS = {
    "jan.",
    "fév.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
}


def test_the_chart_names_its_months_with_french_abbreviations():
    mondays = [datetime.date(2025, 6, 30) + datetime.timedelta(weeks=week) for week in range(12)]
    chart = weekly_bars([(monday, 1) for monday in mondays])
    # Mondays 7 July, 4 August and 1 September open their months.
    assert [month["name"] for month in chart["months"]] == ["juil.", "août", "sept."]


def test_staff_who_may_export_read_the_export_entries_in_the_site_history(
    client, exporter, django_user_model, subscribers
):
    sign_in(client, exporter)
    export_csv(client, status="confirmed")
    history = client.get("/admin/reports/site-history/")
    assert history.status_code == 200
    assert "Export CSV de 3 abonnés" in history.content.decode()

    other_editor = django_user_model.objects.create_user("autre", password="x")
    other_editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(other_editor)
    assert "Export CSV" not in client.get("/admin/reports/site-history/").content.decode()


# ---- Emails given up on -------------------------------------------------------------------

FAILED_INDEX = "/admin/lettre-d-information/echecs/"


@pytest.fixture
def failed_email(make_subscriber):
    subscriber = make_subscriber("perdu@example.fr")
    return FailedEmail.objects.create(
        subscriber=subscriber, email_kind="confirm", attempts=1, refused=True, error="550 5.1.1 No such user"
    )


def test_staff_who_may_export_see_the_failed_emails_under_the_newsletter_menu(client, exporter, failed_email):
    sign_in(client, exporter)
    assert FAILED_INDEX in client.get("/admin/").content.decode()
    response = client.get(FAILED_INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "perdu@example.fr" in html
    assert "Refusé par le serveur de messagerie" in html and "550 5.1.1 No such user" in html
    assert f"{FAILED_INDEX}renvoyer/{failed_email.pk}/" in html
    assert f'href="{FAILED_INDEX}renvoyer/"' in html  # "Tout renvoyer"


def test_staff_send_a_failed_email_again_after_confirming(client, exporter, failed_email):
    sign_in(client, exporter)
    url = f"{FAILED_INDEX}renvoyer/{failed_email.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "perdu@example.fr" in page.content.decode()
    assert not mail.outbox  # asking changes nothing

    response = client.post(url)
    assert (response.status_code, response["Location"]) == (302, FAILED_INDEX)
    [message] = mail.outbox
    assert message.to == ["perdu@example.fr"]
    assert not FailedEmail.objects.exists()
    entry = ModelLogEntry.objects.get(action="newsletter.resend")
    assert entry.user == exporter and "perdu" not in entry.label


def test_an_editor_without_the_permission_neither_sees_nor_resends_failed_emails(
    client, editor, failed_email
):
    client.force_login(editor)
    assert FAILED_INDEX not in client.get("/admin/").content.decode()
    assert client.get(FAILED_INDEX).status_code in (302, 403)
    assert client.post(f"{FAILED_INDEX}renvoyer/{failed_email.pk}/").status_code in (302, 403)
    assert client.post(f"{FAILED_INDEX}renvoyer/").status_code in (302, 403)
    assert FailedEmail.objects.exists()
    assert not mail.outbox


def test_the_subscriber_page_lists_every_request_with_its_consent(client, exporter, make_subscriber):
    subscriber = make_subscriber("camille@example.fr", consent_page="/actualites/")
    subscriber.requests.create(
        consent_version="2025-01", consent_page="/<b>ressources</b>/", email_kind="confirm"
    )
    sign_in(client, exporter)
    html = client.get(f"{INDEX}inspect/{subscriber.pk}/").content.decode()
    assert "Demandes et consentements" in html
    assert (
        "version 2025-01, page /&lt;b&gt;ressources&lt;/b&gt;/, courriel «\u00a0lien de confirmation\u00a0»"
        in html
    )
