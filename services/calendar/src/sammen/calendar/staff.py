"""Staff pages: create, edit and cancel events (with a simple recurrence builder), and the
joint-meeting suggestions for the secretaries."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from sammen.audit import record_opened
from sammen.auth import signed_in_staff, staff_page
from sammen.calendar import SERVICE, access, agenda, events, registrations
from sammen.calendar.agenda_proposals import proposed_counts
from sammen.calendar.catalogue import KINDS, STATUSES, TOPICS
from sammen.calendar.errors import Forbidden, InvalidValue, NotFound
from sammen.calendar.organizers import all_organizers, organizer_names
from sammen.calendar.recurrence import first_instance, normalise_rrule
from sammen.calendar.recurrence_form import (
    MONTHS,
    ORDINALS,
    WEEKDAYS,
    RecurrenceChoice,
    build_rrule,
    choice_from_rrule,
    describe_rrule,
)
from sammen.calendar.schemas import EventInSchema, first_errors
from sammen.calendar.times import LOCAL_TZ, parse_local_datetime, to_local
from sammen.vocabulary import N_
from sammen.web.clock import now

staff = Blueprint("staff", __name__, url_prefix="/personale", template_folder="templates")

# Where a payload field's error is shown in the form.
FORM_FIELD = {
    "starts_at": "date",
    "ends_at": "end_time",
    "registration": "capacity",
    "registration.capacity": "capacity",
    "registration.deadline": "deadline",
}


def _database() -> Any:
    return current_app.config["SAMMEN_DATABASE"]


def _translated(names: dict[str, str]) -> dict[str, str]:
    return {key: _(name) for key, name in names.items()}


def _form_field(name: str) -> str:
    base = name.split(".")[0] if name.split(".")[-1].isdigit() else name
    return FORM_FIELD.get(base, base)


def form_values(event: Any) -> dict[str, Any]:
    """An event as the form shows it."""
    start, end = to_local(event.starts_at), to_local(event.ends_at)
    choice = choice_from_rrule(event.rrule)
    values: dict[str, Any] = {
        "title": event.title,
        "description": event.description,
        "date": start.date().isoformat(),
        "start_time": start.strftime("%H:%M"),
        "end_date": end.date().isoformat() if end.date() != start.date() else "",
        "end_time": end.strftime("%H:%M"),
        "location": event.location,
        "kind": event.kind,
        "organizers": event.organizers,
        "topics": event.topics,
        "public": "ja" if event.public else "",
        "exdates": "\n".join(d.date().isoformat() for d in event.exdate_list),
        "capacity": str(event.registration_capacity or ""),
        "deadline": to_local(event.registration_deadline).strftime("%Y-%m-%dT%H:%M")
        if event.registration_deadline
        else "",
        "rrule": "" if choice else event.rrule or "",
    }
    if choice:
        values |= {
            "frequency": choice.frequency,
            "interval": str(choice.interval),
            "weekday": choice.weekday,
            "ordinal": choice.ordinal,
            "skip_months": list(choice.skip_months),
            "until": choice.until.isoformat() if choice.until else "",
        }
    return values


def payload_from_form(form: Any) -> dict[str, Any]:
    """The form's fields → the API's payload (validated by the same schema)."""
    day = form.get("date", "")
    end_day = form.get("end_date", "") or day
    raw = form.get("rrule", "").strip()
    try:
        until = date.fromisoformat(form["until"]) if form.get("until") else None
        interval = int(form.get("interval") or "1")
    except ValueError:
        raise InvalidValue("until", N_("Skriv en dato")) from None
    built = build_rrule(
        RecurrenceChoice(
            frequency=form.get("frequency", ""),
            interval=interval,
            weekday=form.get("weekday", ""),
            ordinal=form.get("ordinal", ""),
            skip_months=tuple(form.getlist("skip_months")),
            until=until,
        )
    )
    rrule = raw or built
    if built and not raw and day and form.get("start_time"):
        _check_first_date(built, f"{day}T{form['start_time']}")
    capacity = form.get("capacity", "").strip()
    registration = None
    if capacity:
        registration = {
            "capacity": int(capacity) if capacity.isdigit() else capacity,
            "deadline": form.get("deadline") or None,
        }
    return {
        "title": form.get("title", ""),
        "description": form.get("description", ""),
        "starts_at": f"{day}T{form.get('start_time', '')}",
        "ends_at": f"{end_day}T{form.get('end_time', '')}",
        "location": form.get("location", ""),
        "organizers": form.getlist("organizers"),
        "kind": form.get("kind", ""),
        "topics": form.getlist("topics"),
        "public": form.get("public") == "ja",
        "rrule": rrule,
        "exdates": [line.strip() for line in form.get("exdates", "").splitlines() if line.strip()],
        "registration": registration,
    }


def _check_first_date(rule: str, start_text: str) -> None:
    """With the builder, the date is the first meeting: it must be one the rule gives
    (otherwise calendar apps would show an extra meeting on that date)."""
    try:
        start = parse_local_datetime(start_text)
        first = first_instance(normalise_rrule(rule, start), start)
    except ValueError:
        return  # the schema and the rules name the bad field
    if first is not None and first.date() != start.date():
        raise InvalidValue(
            "date",
            N_("Datoen passer ikke med gentagelsen. Første mødedag efter den er %(date)s"),
            date=f"{first:%d.%m.%Y}",
        )


def _render_form(
    session: Any,
    values: dict[str, Any],
    errors: dict[str, str],
    event: Any = None,
    status: int = 200,
) -> tuple[str, int]:
    me = signed_in_staff()
    writable = access.writable_organizers(session, me)
    organizers = [o for o in all_organizers(session) if writable is None or o.slug in writable]
    if event is not None:  # a joint meeting also shows the other organizers it already has
        organizers += [
            o for o in all_organizers(session) if o.slug in event.organizers and o not in organizers
        ]
    registrants = registrations.event_registrations(session, event.id) if event else []
    if registrants and event.registration_capacity is not None:
        # The form lists their names and e-mail addresses: the audit log records who saw them.
        record_opened(session, SERVICE, me, "registrations_listed", event.id)
    return (
        render_template(
            "calendar/staff_form.html",
            values=values,
            errors=errors,
            event=event,
            organizer_options=[(o.slug, o.name) for o in organizers],
            # The form macros show option texts as given: translate them here.
            kinds=_translated(KINDS),
            topics=_translated(TOPICS),
            weekdays=_translated(WEEKDAYS),
            ordinals=_translated(ORDINALS),
            months=_translated(MONTHS),
            registrants=registrants,
            recurrence=describe_rrule(event.rrule, _) if event else "",
        ),
        status,
    )


def _save(event_id: str | None) -> Any:
    form = request.form
    values: dict[str, Any] = form.to_dict()
    for name in ("organizers", "topics", "skip_months"):
        values[name] = form.getlist(name)
    me = signed_in_staff()
    settings = current_app.config["SAMMEN_SETTINGS"]
    try:
        with _database().transaction() as session:
            event = agenda.get_event(session, event_id) if event_id else None
            try:
                payload = EventInSchema().load(payload_from_form(form))
                if event is None:
                    event = events.create_event(session, settings, payload, me, now())
                else:
                    event = events.update_event(session, settings, event.id, payload, me, now())
                saved_id = event.id
            except ValidationError as error:
                errors = {_form_field(k): _(v) for k, v in first_errors(error).items()}
                return _render_form(session, values, errors, event, 422)
            except InvalidValue as error:
                errors = {_form_field(error.field): _(error.template, **error.values)}
                session.rollback()
                return _render_form(session, values, errors, event, 422)
    except NotFound:
        abort(404)
    except Forbidden:
        abort(403)
    return redirect(url_for("staff.edit_event", event_id=saved_id, gemt="1"), 303)


@staff.get("/")
@staff_page(*access.WRITERS)
def index() -> str:
    me = signed_in_staff()
    weeks = int(current_app.config["SAMMEN_SETTINGS"].get("CALENDAR_JOINT_WEEKS", "3"))
    now = datetime.now(LOCAL_TZ)
    with _database().transaction() as session:
        writable = access.writable_organizers(session, me)
        found = agenda.occurrences_between(
            session,
            now - timedelta(days=1),
            now + timedelta(days=366),
            agenda.Filters(include_internal=True),
            per_event=1,  # each event once, at its next date
        )
        mine = [
            (event, occurrence)
            for event, occurrence in found
            if writable is None or writable & set(event.organizers)
        ]
        return render_template(
            "calendar/staff_index.html",
            events=mine,
            suggestions=agenda.joint_suggestions(session, weeks, now, writable),
            my_organizers=[
                o for o in all_organizers(session) if writable is None or o.slug in writable
            ],
            proposed=proposed_counts(session),
            organizer_names=organizer_names(session),
            topics=TOPICS,
            statuses=STATUSES,
            weeks=weeks,
            describe_rrule=partial(describe_rrule, translate=_),
            me=me,
        )


@staff.get("/arrangementer/ny")
@staff_page(*access.WRITERS)
def new_event() -> tuple[str, int]:
    with _database().transaction() as session:
        values = {"public": "ja", "kind": "council_meeting", "interval": "1"}
        return _render_form(session, values, {})


@staff.post("/arrangementer/ny")
@staff_page(*access.WRITERS)
def create_event() -> Any:
    return _save(None)


@staff.get("/arrangementer/<event_id>")
@staff_page(*access.WRITERS)
def edit_event(event_id: str) -> tuple[str, int]:
    with _database().transaction() as session:
        try:
            event = access.writable_event(session, signed_in_staff(), event_id)
        except NotFound:
            abort(404)
        except Forbidden:
            abort(403)
        return _render_form(session, form_values(event), {}, event)


@staff.post("/arrangementer/<event_id>")
@staff_page(*access.WRITERS)
def update_event(event_id: str) -> Any:
    return _save(event_id)


@staff.post("/arrangementer/<event_id>/aflys")
@staff_page(*access.WRITERS)
def cancel_event(event_id: str) -> Any:
    reason = request.form.get("reason", "").strip()[:2000]
    try:
        with _database().transaction() as session:
            events.cancel_event(
                session,
                current_app.config["SAMMEN_SETTINGS"],
                event_id,
                reason,
                signed_in_staff(),
                now(),
            )
    except NotFound:
        abort(404)
    except Forbidden:
        abort(403)
    return redirect(url_for("staff.edit_event", event_id=event_id, aflyst="1"), 303)
