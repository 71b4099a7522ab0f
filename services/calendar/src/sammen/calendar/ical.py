"""RFC 5545 output: one VEVENT per event (rendered once per change), and feeds around them.

The feed is assembled from stored VEVENT text, so a feed of 10,000 events is a string join.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from sammen.calendar.catalogue import TOPICS
from sammen.calendar.times import LOCAL_TZ, LOCAL_TZ_NAME, to_local

UID_DOMAIN = "sammen.gentofte.dk"
PRODID = "-//Gentofte Kommune//Sammen kalender//DA"
REFRESH = timedelta(hours=1)
_END = b"END:VCALENDAR\r\n"


@dataclass(frozen=True)
class EventView:
    """What a VEVENT needs of an event (kept apart from the ORM row)."""

    id: str
    title: str
    description: str
    location: str
    starts_at: datetime
    ends_at: datetime
    rrule: str | None
    exdates: list[datetime]  # Copenhagen wall-clock
    status: str
    sequence: int
    topics: list[str]
    organizer_names: list[str]
    created_at: datetime
    updated_at: datetime
    url: str


def uid(event_id: str) -> str:
    return f"{event_id}@{UID_DOMAIN}"


def ical_time(value: datetime) -> datetime:
    """Copenhagen time with its TZID, except in the second pass of October's repeated hour:
    a local time there reads as the first pass (RFC 5545), so that one goes out in UTC."""
    local = to_local(value)
    return local.astimezone(UTC) if local.fold else local


def vevent(view: EventView) -> Event:
    component = Event()
    component.add("uid", uid(view.id))
    # Without METHOD, DTSTAMP is when the event was last revised: stable between fetches.
    component.add("dtstamp", view.updated_at.astimezone(UTC))
    component.add("created", view.created_at.astimezone(UTC))
    component.add("last-modified", view.updated_at.astimezone(UTC))
    component.add("sequence", view.sequence)
    cancelled = view.status == "cancelled"
    # Some calendar apps ignore STATUS:CANCELLED, so the title says it too.
    component.add("summary", f"AFLYST: {view.title}" if cancelled else view.title)
    component.add("dtstart", ical_time(view.starts_at))
    component.add("dtend", ical_time(view.ends_at))
    if view.rrule:
        component.add("rrule", vRecur.from_ical(view.rrule))
    if view.exdates:
        component.add("exdate", [d.replace(tzinfo=LOCAL_TZ) for d in view.exdates])
    component.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    description = view.description
    if view.organizer_names:
        description = f"{description}\n\nArrangør: {', '.join(view.organizer_names)}".strip()
    component.add("description", f"{description}\n\n{view.url}".strip())
    if view.location:
        component.add("location", view.location)
    if view.topics:
        component.add("categories", [TOPICS.get(t, t) for t in view.topics])
    component.add("url", view.url)
    component.add("transp", "TRANSPARENT" if cancelled else "OPAQUE")
    return component


def render_vevent(view: EventView) -> str:
    return vevent(view).to_ical().decode()


def copenhagen_vtimezone() -> Timezone:
    """Europe/Copenhagen as the EU rules since 1996 (what Outlook and Google emit themselves)."""
    timezone = Timezone()
    timezone.add("tzid", LOCAL_TZ_NAME)
    timezone.add("x-lic-location", LOCAL_TZ_NAME)
    winter = to_local(datetime(2026, 1, 1, tzinfo=UTC)).utcoffset()
    summer = to_local(datetime(2026, 7, 1, tzinfo=UTC)).utcoffset()
    daylight = _change(TimezoneDaylight(), "CEST", winter, summer, datetime(1981, 3, 29, 2, 0))
    standard = _change(TimezoneStandard(), "CET", summer, winter, datetime(1996, 10, 27, 3, 0))
    timezone.add_component(daylight)
    timezone.add_component(standard)
    return timezone


def _change(
    observance: TimezoneDaylight | TimezoneStandard,
    name: str,
    offset_from: timedelta | None,
    offset_to: timedelta | None,
    first: datetime,
) -> TimezoneDaylight | TimezoneStandard:
    """One of the zone's yearly changes: on the last Sunday of `first`'s month, at its hour."""
    observance.add("tzname", name)
    observance.add("tzoffsetfrom", offset_from)
    observance.add("tzoffsetto", offset_to)
    observance.add("dtstart", first)
    observance.add("rrule", {"freq": "yearly", "bymonth": first.month, "byday": "-1SU"})
    return observance


def _calendar_head(name: str, description: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # No METHOD: then DTSTAMP means "last revised", which keeps every fetch byte-identical.
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    calendar.add("x-wr-timezone", LOCAL_TZ_NAME)
    # How often clients should fetch again (RFC 7986, and the older Microsoft property).
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    calendar.add_component(copenhagen_vtimezone())
    head = calendar.to_ical()
    return head[: -len(_END)]


def render_calendar(name: str, description: str, vevents: Iterable[str]) -> bytes:
    """A whole VCALENDAR: head, VTIMEZONE, the stored VEVENTs, end (CRLF and folded throughout)."""
    return b"".join((_calendar_head(name, description), "".join(vevents).encode(), _END))
