"""An event as an iCalendar file (RFC 5545), in Europe/Paris time."""

import zoneinfo

import icalendar
from django.utils import timezone

from content.sites import site_for_request

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def event_calendar(event, request) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//OCCE//Site de l'OCCE//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")

    entry = icalendar.Event()
    # A stable identifier: the site's own host name (its Site record), not the request's.
    entry.add("uid", f"evenement-{event.pk}@{site_for_request(request).hostname}")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", event.start.astimezone(PARIS))
    entry.add("dtend", event.end.astimezone(PARIS))
    entry.add("summary", event.title)
    entry.add("description", event.summary)
    entry.add("location", event.place)
    entry.add("url", event.get_full_url(request))
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
