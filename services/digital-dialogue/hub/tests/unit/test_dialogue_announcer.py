"""The shared FormatAnnouncer (sammen.pilot_formats): what a format tells the hub, and how often."""

from datetime import UTC, datetime

from sammen.config import load_settings
from sammen.pilot_formats.announcer import FormatAnnouncer, FormatDescription

DESCRIPTION = FormatDescription("hearing", "Høringer", "Giv dit høringssvar", "2", "/personale")
T0 = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def test_the_heartbeat_comes_three_times_per_ttl_unless_set():
    settings = load_settings("hearing", {"DIALOGUE_FORMAT_TTL_SECONDS": "9"})
    assert FormatAnnouncer(settings, None, DESCRIPTION).heartbeat_seconds == 3
    settings = load_settings("hearing", {"HEARING_HEARTBEAT_SECONDS": "0.5"})
    announcer = FormatAnnouncer(settings, None, DESCRIPTION)
    assert (announcer.ttl_seconds, announcer.heartbeat_seconds) == (30, 0.5)
    assert announcer.job().every_seconds == 0.5


def test_the_announcement_carries_the_catalogue_fields():
    settings = load_settings("hearing", {"SAMMEN_BASE_URL_HEARING": "https://hoering.gentofte.dk/"})
    event = FormatAnnouncer(settings, None, DESCRIPTION, clock=lambda: T0).announced_event()
    assert event.type == "dialogue.format_announced" and event.subject == "hearing"
    assert event.source == "/sammen/hearing" and event.time == T0
    assert event.data == {
        "slug": "hearing",
        "name": "Høringer",
        "description": "Giv dit høringssvar",
        "url": "https://hoering.gentofte.dk/",
        "version": "2",
        "ttl_seconds": 30.0,
        "staff_url": "https://hoering.gentofte.dk/personale",
        "started_at": T0.isoformat(),
    }
