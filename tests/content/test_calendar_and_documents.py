import datetime
import zoneinfo

import icalendar
import pytest
from wagtail.models import Site

from content.documents import document_label, file_size_label
from content.models import EventPage
from tests.factories import make_content, make_document

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.mark.django_db
def test_event_ics_parses_with_paris_times(client, home_page):
    start = datetime.datetime(2035, 7, 2, 14, 0, tzinfo=PARIS)  # summer time: UTC+2
    event = make_content(
        EventPage,
        home_page,
        title="Assemblée générale",
        start=start,
        end=start + datetime.timedelta(hours=3),
        place="28 avenue Jean Lolive, Pantin",
    )
    response = client.get(f"{event.url}ics/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="assemblee-generale.ics"' in response["Content-Disposition"]

    calendar = icalendar.Calendar.from_ical(response.content)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Assemblée générale"
    assert str(entry["LOCATION"]) == "28 avenue Jean Lolive, Pantin"
    dtstart = entry.decoded("DTSTART")
    assert dtstart.tzinfo is not None and str(dtstart.tzinfo) == "Europe/Paris"
    assert (dtstart.hour, dtstart.minute) == (14, 0)
    assert entry.decoded("DTEND") - dtstart == datetime.timedelta(hours=3)
    assert dtstart.astimezone(datetime.UTC).hour == 12
    assert calendar.walk("VTIMEZONE"), "the time zone is described for calendars that need it"


@pytest.mark.django_db
def test_event_ics_uid_names_the_site_not_the_host_header(client, home_page, settings):
    settings.ALLOWED_HOSTS = ["*"]
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "www.occe.coop", 443
    site.save()
    start = datetime.datetime(2035, 3, 12, 9, 0, tzinfo=PARIS)
    event = make_content(EventPage, home_page, title="Formation", start=start, end=start, place="Pantin")
    uids = set()
    for host in ("www.occe.coop", "autre.example"):
        response = client.get(f"/evenements/{event.slug}/ics/", HTTP_HOST=host)
        (entry,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
        uids.add(str(entry["UID"]))
    assert uids == {f"evenement-{event.pk}@www.occe.coop"}


@pytest.mark.parametrize(
    ("size", "label"),
    [
        (0, "0\u00a0octet"),
        (1, "1\u00a0octet"),
        (900, "900\u00a0octets"),
        (1024, "1\u00a0Ko"),
        (429 * 1024, "429\u00a0Ko"),
        (int(429.6 * 1024), "430\u00a0Ko"),
        (1024 * 1024, "1\u00a0Mo"),
        (int(1.5 * 1024 * 1024), "1,5\u00a0Mo"),
        (int(12.34 * 1024 * 1024), "12,3\u00a0Mo"),
        (10 * 1024 * 1024, "10\u00a0Mo"),
        (3 * 1024**3, "3\u00a0Go"),
    ],
)
def test_file_size_label_in_french_units(size, label):
    assert file_size_label(size) == label


@pytest.mark.django_db
def test_document_label_names_the_type_and_the_size():
    assert document_label(make_document(filename="kit.zip", size=int(1.5 * 1024 * 1024))) == (
        "Dossier compressé - 1,5\u00a0Mo"
    )
    assert (
        document_label(make_document(filename="conseil.pdf", size=429 * 1024)) == "Fichier PDF - 429\u00a0Ko"
    )
    assert document_label(make_document(filename="budget.ods", size=2048)) == "Tableur - 2\u00a0Ko"
