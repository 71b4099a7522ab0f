"""The public agenda (Danish): list and month views, the event page with sign-up, the cancel link."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from sammen.calendar import closeout, joint_meetings, links, registrations, talk_proposals
from sammen.calendar.agenda import Filters, get_event, occurrences_between
from sammen.calendar.catalogue import KINDS, STATUSES, TOPICS
from sammen.calendar.closing_rules import FOLLOW_UP_KINDS
from sammen.calendar.errors import NotFound, RegistrationRefused
from sammen.calendar.metrics import registrations as registrations_metric
from sammen.calendar.organizers import all_organizers, organizer_names
from sammen.calendar.recurrence_form import MONTHS, WEEKDAYS, describe_rrule
from sammen.calendar.schemas import RegistrationInSchema, first_errors
from sammen.calendar.times import LOCAL_TZ
from sammen.web import limit_from_setting, limiter
from sammen.web.clock import now

pages = Blueprint(
    "pages",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/calendar",
)

AGENDA_DAYS = 92  # the list view shows about three months
UPCOMING_SHOWN = 6  # the next dates on an event's page
WEEKDAY_NAMES = tuple(WEEKDAYS.values())  # Monday first, as date.weekday() counts


def _database() -> Any:
    return current_app.config["SAMMEN_DATABASE"]


def _settings() -> Any:
    return current_app.config["SAMMEN_SETTINGS"]


_registration_rate_limit = limit_from_setting("CALENDAR_REGISTRATION_RATE_LIMIT")


def feed_addresses(path: str) -> dict[str, str]:
    """The same feed as https (to download) and webcal (to subscribe in one click)."""
    https = f"{_settings().base_url('calendar')}{path}"
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}


def _filters() -> tuple[Filters, dict[str, str]]:
    chosen = {
        name: request.args.get(name, "")
        for name in ("organizer", "topic", "kind", "initiative")
        if request.args.get(name)
    }
    if chosen.get("topic") and chosen["topic"] not in TOPICS:
        chosen.pop("topic")
    if chosen.get("kind") and chosen["kind"] not in KINDS:
        chosen.pop("kind")
    filters = Filters(
        organizer=chosen.get("organizer"),
        topic=chosen.get("topic"),
        kind=chosen.get("kind"),
        initiative=chosen.get("initiative"),
    )
    return filters, chosen


def _common(session: Any, chosen: dict[str, str]) -> dict[str, Any]:
    names = organizer_names(session)
    organizer = chosen.get("organizer")
    feed = (
        f"/organizers/{organizer}/calendar.ics"
        if organizer in names
        else f"/topics/{chosen['topic']}/calendar.ics"
        if chosen.get("topic")
        else "/calendar.ics"
    )
    return {
        "organizer_names": names,
        "organizers": all_organizers(session),
        "topics": TOPICS,
        "kinds": KINDS,
        "statuses": STATUSES,
        "initiatives": talk_proposals.initiatives(session),
        "chosen": chosen,
        "feed": feed_addresses(feed),
        "all_feed": feed_addresses("/calendar.ics"),
    }


@pages.get("/")
def agenda() -> str:
    filters, chosen = _filters()
    today = datetime.combine(datetime.now(LOCAL_TZ).date(), time(), LOCAL_TZ)
    with _database().transaction() as session:
        found = occurrences_between(session, today, today + timedelta(days=AGENDA_DAYS), filters)
        days: dict[date, list[Any]] = {}
        for event, occurrence in found:
            days.setdefault(occurrence.starts_at.date(), []).append((event, occurrence))
        return render_template(
            "calendar/agenda.html",
            days=days,
            this_month=today.date().replace(day=1),
            **_common(session, chosen),
        )


@pages.get("/maaned")
def this_month() -> Any:
    today = datetime.now(LOCAL_TZ).date()
    # Names url_for would take as its own options (`_external`, `_scheme`, ...) do not pass on.
    query: dict[str, Any] = {k: v for k, v in request.args.items() if not k.startswith("_")}
    return redirect(url_for("pages.month", year=today.year, month=today.month, **query))


@pages.get("/maaned/<int:year>/<int:month>")
def month(year: int, month: int) -> str:
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        abort(404)
    filters, chosen = _filters()
    first = date(year, month, 1)
    following = (first + timedelta(days=32)).replace(day=1)
    grid_start = first - timedelta(days=first.weekday())
    grid_end = following + timedelta(days=(7 - following.weekday()) % 7)
    with _database().transaction() as session:
        found = occurrences_between(
            session,
            datetime.combine(grid_start, time(), LOCAL_TZ),
            datetime.combine(grid_end, time(), LOCAL_TZ),
            filters,
        )
        by_day: dict[date, list[Any]] = {}
        for event, occurrence in found:
            by_day.setdefault(occurrence.starts_at.date(), []).append((event, occurrence))
        weeks = [
            [grid_start + timedelta(days=w * 7 + d) for d in range(7)]
            for w in range((grid_end - grid_start).days // 7)
        ]
        previous = (first - timedelta(days=1)).replace(day=1)
        return render_template(
            "calendar/month.html",
            first=first,
            month_name=MONTHS[str(month)],
            weeks=weeks,
            by_day=by_day,
            previous=previous,
            following=following,
            **_common(session, chosen),
        )


def _event_page(
    event_id: str, values: dict[str, str], errors: dict[str, str], status: int = 200
) -> tuple[str, int]:
    with _database().transaction() as session:
        try:
            event = get_event(session, event_id)
        except NotFound:
            abort(404)
        if not event.public:
            abort(404)
        now = datetime.now(LOCAL_TZ)
        upcoming = occurrences_between(
            session,
            now,
            now + timedelta(days=366),
            Filters(event_id=event.id, include_internal=True),
            per_event=UPCOMING_SHOWN,
        )
        counts = registrations.registration_counts(session, event.id)
        deadline = event.registration_deadline or event.starts_at
        return (
            render_template(
                "calendar/event.html",
                event=event,
                upcoming=upcoming,
                recurrence=describe_rrule(event.rrule, _),
                counts=counts,
                registration_open=event.registration_capacity is not None
                and event.status != "cancelled"
                and now < deadline,
                deadline=deadline,
                closing=closeout.closing_of(session, event.id),
                follow_up_kinds=FOLLOW_UP_KINDS,
                joint_id=joint_meetings.joint_of(session, event.id),
                initiative=talk_proposals.initiative_of(session, event.id),
                values=values,
                errors=errors,
                organizer_feeds={
                    slug: feed_addresses(f"/organizers/{slug}/calendar.ics")
                    for slug in event.organizers
                },
                **_common(session, {}),
            ),
            status,
        )


@pages.get("/arrangementer/<event_id>")
def event_page(event_id: str) -> tuple[str, int]:
    return _event_page(event_id, {}, {})


@pages.post("/arrangementer/<event_id>/tilmelding")
@limiter.limit(_registration_rate_limit, methods=["POST"])
def register(event_id: str) -> Any:
    values = {"name": request.form.get("name", ""), "email": request.form.get("email", "")}
    try:
        payload = RegistrationInSchema().load(values)
    except ValidationError as error:
        errors = {k: _(v) for k, v in first_errors(error).items()}
        return _event_page(event_id, values, errors, 422)
    settings = _settings()
    try:
        with _database().transaction() as session:
            registration = registrations.register(
                session, settings, event_id, payload["name"], payload["email"], now()
            )
            token = links.cancel_token(settings, registration.id)
            status = registration.status
    except NotFound:
        abort(404)
    except RegistrationRefused as refused:
        return _event_page(event_id, values, {"form": _(refused.reason)}, 409)
    registrations_metric.labels(status).inc()
    return redirect(url_for("pages.registration", token=token, ny="1"), 303)


def _registration_page(token: str, cancelled_now: bool = False) -> str:
    with _database().transaction() as session:
        try:
            registration = registrations.registration_for_token(session, _settings(), token)
        except NotFound:
            abort(404)
        event = get_event(session, registration.event_id)
        return render_template(
            "calendar/registration.html",
            registration=registration,
            event=event,
            token=token,
            new=request.args.get("ny") == "1",
            cancelled_now=cancelled_now,
        )


@pages.get("/tilmeldinger/<token>")
def registration(token: str) -> str:
    return _registration_page(token)


@pages.post("/tilmeldinger/<token>")
def cancel_registration(token: str) -> str:
    try:
        with _database().transaction() as session:
            registrations.cancel_registration(session, _settings(), token, now())
    except NotFound:
        abort(404)
    return _registration_page(token, cancelled_now=True)


@pages.app_template_filter("local")
def local_time(value: datetime, pattern: str = "%H.%M") -> str:
    return value.astimezone(LOCAL_TZ).strftime(pattern)


@pages.app_template_filter("danish_date")
def danish_date(value: date | datetime) -> str:
    """`tirsdag 13. oktober 2026` (English: `Tuesday 13 October 2026`), Copenhagen's date,
    without depending on the server's locale."""
    if isinstance(value, datetime):
        value = value.astimezone(LOCAL_TZ).date()
    return _(
        "%(weekday)s %(day)s. %(month)s %(year)s",
        weekday=_(WEEKDAY_NAMES[value.weekday()]),
        day=value.day,
        month=_(MONTHS[str(value.month)]),
        year=value.year,
    )
