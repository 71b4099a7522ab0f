from datetime import UTC, datetime

from sammen.auth import StaffIdentity
from sammen.formats.hearing import handlers
from sammen.formats.hearing.app import create_app
from sammen.testing.apps import SignIn, clocked_app_fixtures

COORDINATOR = StaffIdentity(3, "kim@gentofte.dk", "Kim Koordinator", ("coordinator",))
AGENT = StaffIdentity(4, "agnete@gentofte.dk", "Agnete Agent", ("agent",))
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SIGN_IN = SignIn(COORDINATOR)
bearer, log_in = SIGN_IN.bearer, SIGN_IN.log_in


clock, hearing_app, offline_hearing_app, hearing_worker = clocked_app_fixtures(
    "hearing", "hearing", create_app, handlers, T0
)


HEARING = {
    "title": "Ny trafikplan for Hellerup",
    "introduction": "Kommunen foreslår ændringer af trafikken omkring Hellerup Station.",
    "sections": [
        {"heading": "Cykelstier", "body": "Nye cykelstier på Strandvejen."},
        {"heading": "Parkering", "body": "Færre p-pladser ved stationen."},
    ],
    "opens_at": "2026-12-01T08:00",  # Copenhagen time
    "deadline": "2026-12-15T12:00",
    "answers": "public",
}
