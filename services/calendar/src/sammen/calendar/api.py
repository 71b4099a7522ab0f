"""The calendar JSON API under /api/v1: organizers, topics, events, sign-ups, secretaries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from typing import Any, NoReturn

from flask import current_app
from flask_smorest import abort
from sqlalchemy.orm import Session

from sammen.audit import record_opened
from sammen.auth import current_staff, signed_in_staff, staff_api
from sammen.calendar import SERVICE, access, agenda, events, links, registrations
from sammen.calendar.catalogue import TOPICS
from sammen.calendar.errors import Forbidden, InvalidValue, NotFound, RegistrationRefused
from sammen.calendar.metrics import registrations as registrations_metric
from sammen.calendar.organizers import add_organizer, all_organizers
from sammen.calendar.schemas import (
    CancelSchema,
    EventInSchema,
    EventPatchSchema,
    EventQuerySchema,
    EventSchema,
    OrganizerInSchema,
    OrganizerQuerySchema,
    OrganizerSchema,
    RegistrantSchema,
    RegistrationInSchema,
    RegistrationOutSchema,
    SecretarySchema,
    SuggestionSchema,
    TopicSchema,
)
from sammen.calendar.times import LOCAL_TZ, to_local
from sammen.calendar.views import event_view, visible_event
from sammen.config import Settings
from sammen.web import Blueprint, json_call, limit_from_setting, limiter
from sammen.web.clock import now

blp = Blueprint("calendar_api", __name__, url_prefix="/api/v1", description="The shared calendar")

_registration_rate_limit = limit_from_setting("CALENDAR_REGISTRATION_RATE_LIMIT")
DEFAULT_WINDOW = timedelta(days=90)
MAX_WINDOW = timedelta(days=2 * 366)


def _settings() -> Settings:
    return current_app.config["SAMMEN_SETTINGS"]


@contextmanager
def unit_of_work() -> Iterator[Session]:
    """A transaction whose domain errors become the API's answers (nothing is kept on error)."""
    try:
        with current_app.config["SAMMEN_DATABASE"].transaction() as session:
            yield session
    except InvalidValue as error:
        invalid(error.field, error.message)
    except NotFound:
        abort(404, message="No such event.")
    except Forbidden:
        abort(403, message="You do not write for the organizers of this event.")
    except RegistrationRefused as error:
        abort(409, message=error.reason)


def invalid(field: str, message: str) -> NoReturn:
    abort(422, message=f"{field}: {message}", errors={"json": {field: [message]}})


def _organizer(organizer: Any) -> dict[str, str]:
    feed_url = links.organizer_feed_url(_settings(), organizer.slug)
    return {
        "slug": organizer.slug,
        "name": organizer.name,
        "kind": organizer.kind,
        "feed_url": feed_url,
    }


@blp.route("/organizers", methods=["GET"])
@blp.arguments(OrganizerQuerySchema, location="query")
@blp.response(200, OrganizerSchema(many=True))
def list_organizers(query: dict[str, Any]) -> list[dict[str, str]]:
    """The councils, committees, boards and dialogue formats that hold events (`kind` narrows)."""
    with unit_of_work() as session:
        return [_organizer(o) for o in all_organizers(session, query["kind"])]


@blp.route("/organizers", methods=["POST"])
@staff_api("admin")
@json_call(blp, OrganizerInSchema, 201, OrganizerSchema)
def create_organizer(payload: dict[str, Any]) -> tuple[dict[str, str], int]:
    """Add an organizer (admins): it gets its own feed, and secretaries are mapped to it."""
    with unit_of_work() as session:
        organizer = add_organizer(session, payload["slug"], payload["name"], payload["kind"])
        return _organizer(organizer), 201


@blp.route("/topics", methods=["GET"])
@blp.response(200, TopicSchema(many=True))
def list_topics() -> list[dict[str, str]]:
    """The topics an event may carry (`topics` of an event, the `topic` filter and feeds)."""
    return [{"slug": slug, "name": name} for slug, name in TOPICS.items()]


@blp.route("/events", methods=["GET"])
@blp.arguments(EventQuerySchema, location="query")
@blp.response(200, EventSchema(many=True))
def list_events(query: dict[str, Any]) -> list[dict[str, Any]]:
    """Events in a window (default: the next 90 days), recurring events expanded.

    Anonymous callers see public events; staff (Bearer token) also internal ones."""
    today = datetime.combine(to_local(datetime.now(LOCAL_TZ)).date(), time(), LOCAL_TZ)
    window_from = query["from_"] or today
    try:
        window_to = query["to"] or window_from + DEFAULT_WINDOW
    except OverflowError:  # 90 days past the last date datetime can hold
        invalid("from", "Skal ligge før år 9999, eller giv to")
    if window_to <= window_from:
        invalid("to", "Skal ligge efter from")
    if window_to - window_from > MAX_WINDOW:
        invalid("to", "Vinduet må højst være to år")
    filters = agenda.Filters(
        organizer=query["organizer"],
        topic=query["topic"],
        kind=query["kind"],
        initiative=query["initiative"],
        include_internal=current_staff() is not None,
    )
    settings = _settings()
    with unit_of_work() as session:
        return [
            event_view(settings, event, occurrence)
            for event, occurrence in agenda.occurrences_between(
                session, window_from, window_to, filters
            )
        ]


@blp.route("/events/<event_id>", methods=["GET"])
@blp.response(200, EventSchema)
@blp.alt_response(404, description="No such event")
def get_event(event_id: str) -> dict[str, Any]:
    with unit_of_work() as session:
        event = visible_event(session, event_id)
        return event_view(
            _settings(), event, counts=registrations.registration_counts(session, event.id)
        )


@blp.route("/events", methods=["POST"])
@staff_api(*access.WRITERS)
@json_call(blp, EventInSchema, 201, EventSchema)
@blp.alt_response(401, description="Not logged in")
@blp.alt_response(403, description="Not a writer for these organizers")
def create_event(payload: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Create an event (council secretaries: for their own organizers)."""
    staff = signed_in_staff()
    with unit_of_work() as session:
        event = events.create_event(session, _settings(), payload, staff, now())
        view = event_view(_settings(), event)
    return view, 201


@blp.route("/events/<event_id>", methods=["PATCH"])
@staff_api(*access.WRITERS)
@json_call(blp, EventPatchSchema(partial=True), 200, EventSchema)
@blp.alt_response(404, description="No such event")
def update_event(payload: dict[str, Any], event_id: str) -> dict[str, Any]:
    """Change some fields; SEQUENCE goes up and registrants are told."""
    staff = signed_in_staff()
    with unit_of_work() as session:
        event = events.update_event(session, _settings(), event_id, payload, staff, now())
        return event_view(
            _settings(), event, counts=registrations.registration_counts(session, event.id)
        )


@blp.route("/events/<event_id>/cancel", methods=["POST"])
@staff_api(*access.WRITERS)
@blp.arguments(CancelSchema(), required=False)
@blp.response(200, EventSchema)
@blp.alt_response(404, description="No such event")
def cancel_event(payload: dict[str, Any] | None, event_id: str) -> dict[str, Any]:
    """Cancel an event: it stays in the feeds as STATUS:CANCELLED, and registrants are told."""
    staff = signed_in_staff()
    reason = (payload or {}).get("reason", "")
    with unit_of_work() as session:
        event = events.cancel_event(session, _settings(), event_id, reason, staff, now())
        return event_view(_settings(), event)


@blp.route("/events/<event_id>/registrations", methods=["POST"])
@limiter.limit(_registration_rate_limit)
@json_call(blp, RegistrationInSchema, 201, RegistrationOutSchema)
@blp.alt_response(404, description="No such event")
@blp.alt_response(409, description="Registration is closed, or there is none")
def register(payload: dict[str, Any], event_id: str) -> tuple[dict[str, Any], int]:
    """Sign up: `confirmed` while places are left, then `waitlisted`."""
    settings = _settings()
    with unit_of_work() as session:
        registration = registrations.register(
            session, settings, event_id, payload["name"], payload["email"], now()
        )
        answer = {
            "id": registration.id,
            "event_id": registration.event_id,
            "status": registration.status,
            "cancel_url": links.cancel_url(settings, registration.id),
        }
    registrations_metric.labels(answer["status"]).inc()
    return answer, 201


@blp.route("/events/<event_id>/registrations", methods=["GET"])
@staff_api(*access.WRITERS)
@blp.response(200, RegistrantSchema(many=True))
def list_registrations(event_id: str) -> list[Any]:
    """Who signed up (staff writing for the event's organizers)."""
    staff = signed_in_staff()
    with unit_of_work() as session:
        event = access.writable_event(session, staff, event_id)
        registrants = registrations.event_registrations(session, event_id)
        if registrants:  # names and e-mail addresses: the audit log records who saw them
            record_opened(session, SERVICE, staff, "registrations_listed", event.id)
        return registrants


@blp.route("/registrations/<token>/cancel", methods=["POST"])
@blp.response(200, RegistrationOutSchema)
@blp.alt_response(404, description="Unknown cancel token")
def cancel_registration(token: str) -> dict[str, Any]:
    """The registrant's own cancel link; the first on the waiting list moves up."""
    settings = _settings()
    with unit_of_work() as session:
        registration = registrations.cancel_registration(session, settings, token, now())
        return {
            "id": registration.id,
            "event_id": registration.event_id,
            "status": registration.status,
            "cancel_url": links.cancel_url(settings, registration.id),
        }


@blp.route("/joint-meetings", methods=["GET"])
@staff_api(*access.WRITERS)
@blp.response(200, SuggestionSchema(many=True))
def joint_meetings() -> list[dict[str, Any]]:
    """Meetings of different organizers on a shared topic, close in time: hold them together?"""
    staff = signed_in_staff()
    weeks = int(_settings().get("CALENDAR_JOINT_WEEKS", "3"))
    with unit_of_work() as session:
        mine = access.writable_organizers(session, staff)
        found = agenda.joint_suggestions(session, weeks, datetime.now(LOCAL_TZ), mine)
    return [
        {
            "organizers": s.organizers,
            "shared_topics": s.shared_topics,
            "overlapping": s.overlapping,
            "meetings": [
                {
                    "event_id": m.event_id,
                    "title": m.title,
                    "organizers": sorted(m.organizers),
                    "starts_at": m.starts_at,
                }
                for m in (s.first, s.second)
            ],
        }
        for s in found
    ]


@blp.route("/secretaries", methods=["GET"])
@staff_api("coordinator")
@blp.response(200, SecretarySchema(many=True))
def list_secretaries() -> list[dict[str, Any]]:
    """Which organizers each council secretary writes for."""
    with unit_of_work() as session:
        mapping = access.all_secretaries(session)
    return [{"email": email, "organizers": slugs} for email, slugs in mapping.items()]


@blp.route("/secretaries/<email>", methods=["PUT"])
@staff_api("admin")
@json_call(blp, SecretarySchema, 200, SecretarySchema)
def set_secretary(payload: dict[str, Any], email: str) -> dict[str, Any]:
    """Set the organizers a council secretary writes for (an empty list removes them)."""
    if "@" not in email or len(email) > 254:
        invalid("email", "Ikke en e-mailadresse")
    with unit_of_work() as session:
        slugs = access.set_secretary(session, email, payload["organizers"])
    return {"email": email.strip().lower(), "organizers": slugs}
