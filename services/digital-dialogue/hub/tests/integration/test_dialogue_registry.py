"""The registry from heartbeats through the real broker, with the hub's clock turned by the test."""

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest
from prometheus_client import REGISTRY

from sammen.dialogue.app import create_app
from sammen.dialogue.jobs import registry_job
from sammen.testing import SetClock, publish_event, wait_for
from sammen.testing.apps import started_app
from sammen.testing.events import envelope, format_announced, format_withdrawn

from .conftest import hub_worker, live_slugs

T0 = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    return SetClock(T0)


@pytest.fixture
def hub(service_env, database_url, clock):
    service_env("dialogue", database_url, DIALOGUE_FORMAT_TTL_SECONDS="45")
    with started_app(lambda: create_app(clock=clock), csrf=False) as app:
        yield app


def announced(at, slug="idea_board", **data):
    heartbeat = format_announced(
        slug=slug, description="Kobl dig på idéer", ttl_seconds=30, started_at=T0.isoformat()
    )
    return envelope(dataclasses.replace(heartbeat, **data), service=slug, at=at)


def withdrawn(at, slug="idea_board"):
    return envelope(format_withdrawn(slug=slug), service=slug, at=at)


def gauge(app, clock):
    registry_job(app.config["SAMMEN_DATABASE"], clock).run()
    return REGISTRY.get_sample_value("sammen_dialogue_formats_live")


def test_a_format_is_live_from_its_heartbeat_until_its_ttl_runs_out(hub, clock, amqp_url):
    with hub_worker(hub):
        publish_event(amqp_url, announced(T0))
        publish_event(
            amqp_url, announced(T0, slug="hearing", url="http://localhost:8012/", ttl_seconds="x")
        )
        wait_for(lambda: len(live_slugs(hub)) == 2, what="two formats listed")
        entries = {e["slug"]: e for e in hub.test_client().get("/api/v1/formats").json}
        assert entries["idea_board"]["expires_at"].startswith("2026-11-27T12:00:30")
        assert entries["hearing"]["ttl_seconds"] == 45  # no usable TTL announced: the hub's own
        assert gauge(hub, clock) == 2
        assert 'href="http://localhost:8011/"' in hub.test_client().get("/").get_data(as_text=True)

        clock.now = T0 + timedelta(seconds=31)
        assert live_slugs(hub) == ["hearing"]
        assert gauge(hub, clock) == 1
        # A heartbeat brings it back; one from before does not move last_seen backwards.
        publish_event(amqp_url, announced(T0 + timedelta(seconds=30)))
        wait_for(lambda: "idea_board" in live_slugs(hub), what="back after a heartbeat")
        publish_event(amqp_url, announced(T0 + timedelta(seconds=5)))
        clock.now = T0 + timedelta(seconds=59)
        wait_for(lambda: "idea_board" in live_slugs(hub), what="still live")


def test_a_withdrawal_removes_at_once_unless_a_newer_heartbeat_was_heard(hub, clock, amqp_url):
    with hub_worker(hub):
        publish_event(amqp_url, announced(T0))
        wait_for(lambda: live_slugs(hub) == ["idea_board"], what="listed")
        publish_event(amqp_url, withdrawn(T0 + timedelta(seconds=1)))
        wait_for(lambda: live_slugs(hub) == [], what="withdrawn")
        assert "Ingen piloter kører lige nu" in hub.test_client().get("/").get_data(as_text=True)
        # The next run announces; a stale withdrawal from an earlier run arrives late.
        publish_event(amqp_url, announced(T0 + timedelta(seconds=10)))
        wait_for(lambda: live_slugs(hub) == ["idea_board"], what="announced again")
        publish_event(amqp_url, withdrawn(T0 + timedelta(seconds=2)))
        publish_event(amqp_url, announced(T0 + timedelta(seconds=3)))  # an old heartbeat, too
        publish_event(
            amqp_url,
            announced(T0 + timedelta(seconds=11), slug="hearing", url="http://localhost:8012/"),
        )
        wait_for(lambda: "hearing" in live_slugs(hub), what="a later event handled")
        assert "idea_board" in live_slugs(hub)
