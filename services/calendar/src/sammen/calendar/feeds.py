"""The iCalendar feeds: every public event, per organizer, per topic, and one event alone.

Calendar apps poll; most polls change nothing. One aggregate query (count, newest change) gives
the ETag and Last-Modified, answers 304, and keys the rendered feed kept in memory.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from datetime import UTC, datetime

from flask import Blueprint, Response, abort, current_app, request
from werkzeug.http import http_date, parse_date

from sammen.calendar import agenda, feed_store, ical
from sammen.calendar.catalogue import TOPICS
from sammen.calendar.errors import NotFound
from sammen.calendar.metrics import feed_renders
from sammen.calendar.organizers import organizer_names
from sammen.calendar.views import visible_event

feeds = Blueprint("feeds", __name__)

CONTENT_TYPE = "text/calendar; charset=utf-8"
# Bumped when the rendering changes, so no client keeps an old feed under a matching ETag.
RENDER_VERSION = "1"


class FeedCache:
    """The last rendered bodies, by feed and ETag (a small LRU: feeds are few, bodies big)."""

    def __init__(self, size: int = 32) -> None:
        self._size = size
        self._bodies: OrderedDict[str, tuple[str, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, feed: str, etag: str) -> bytes | None:
        with self._lock:
            found = self._bodies.get(feed)
            if found is None or found[0] != etag:
                return None
            self._bodies.move_to_end(feed)
            return found[1]

    def put(self, feed: str, etag: str, body: bytes) -> None:
        with self._lock:
            self._bodies[feed] = (etag, body)
            self._bodies.move_to_end(feed)
            while len(self._bodies) > self._size:
                self._bodies.popitem(last=False)


_cache = FeedCache()


def _etag(feed: str, state: feed_store.FeedState, base_url: str) -> str:
    newest = state.last_modified.isoformat() if state.last_modified else "-"
    key = f"{RENDER_VERSION}|{feed}|{state.count}|{newest}|{base_url}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _not_modified(etag: str, last_modified: datetime | None) -> bool:
    if request.if_none_match:
        return request.if_none_match.contains_weak(etag)
    since = parse_date(request.headers.get("If-Modified-Since"))
    if since is None or last_modified is None:
        return False
    return last_modified.replace(microsecond=0) <= since.astimezone(UTC)


def _headers(etag: str, last_modified: datetime | None, filename: str) -> dict[str, str]:
    headers = {
        "ETag": f'"{etag}"',
        "Cache-Control": "public, max-age=300",
        "Content-Disposition": f'inline; filename="{filename}"',
    }
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified)
    return headers


def serve_feed(feed: str, filters: agenda.Filters, name: str, description: str) -> Response:
    settings = current_app.config["SAMMEN_SETTINGS"]
    base_url = settings.base_url("calendar")
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        state = feed_store.feed_state(session, filters)
        etag = _etag(feed, state, base_url)
        headers = _headers(etag, state.last_modified, "kalender.ics")
        if _not_modified(etag, state.last_modified):
            feed_renders.labels("not_modified").inc()
            return Response(status=304, headers=headers)
        body = _cache.get(feed, etag)
        if body is None:
            body = ical.render_calendar(
                name, description, feed_store.feed_vevents(session, settings, filters)
            )
            _cache.put(feed, etag, body)
            feed_renders.labels("rendered").inc()
        else:
            feed_renders.labels("cached").inc()
    return Response(body, content_type=CONTENT_TYPE, headers=headers)


@feeds.get("/calendar.ics")
def all_events() -> Response:
    return serve_feed(
        "all",
        agenda.Filters(),
        "Gentofte Kommune – Vi skaber sammen",
        "Rådenes, udvalgenes og dialogformernes offentlige møder i Gentofte Kommune",
    )


@feeds.get("/organizers/<slug>/calendar.ics")
def organizer_events(slug: str) -> Response:
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        name = organizer_names(session).get(slug)
    if name is None:
        abort(404)
    return serve_feed(
        f"organizer:{slug}",
        agenda.Filters(organizer=slug),
        f"{name} – Gentofte Kommune",
        f"Offentlige møder og arrangementer: {name}",
    )


@feeds.get("/topics/<slug>/calendar.ics")
def topic_events(slug: str) -> Response:
    if slug not in TOPICS:
        abort(404)
    return serve_feed(
        f"topic:{slug}",
        agenda.Filters(topic=slug),
        f"{TOPICS[slug]} – Gentofte Kommune",
        f"Offentlige møder og arrangementer om {TOPICS[slug].lower()}",
    )


@feeds.get("/arrangementer/<event_id>/kalender.ics")
def one_event(event_id: str) -> Response:
    """ "Føj til min kalender": the event alone, with the same UID as in the feeds."""
    settings = current_app.config["SAMMEN_SETTINGS"]
    with current_app.config["SAMMEN_DATABASE"].transaction() as session:
        try:
            event = visible_event(session, event_id)
        except NotFound:
            abort(404)
        vevents = feed_store.feed_vevents(
            session, settings, agenda.Filters(include_internal=True, event_id=event.id)
        )
        body = ical.render_calendar(event.title, event.title, vevents)
    headers = {"Content-Disposition": 'attachment; filename="arrangement.ics"'}
    return Response(body, content_type=CONTENT_TYPE, headers=headers)
