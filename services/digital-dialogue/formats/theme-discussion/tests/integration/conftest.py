from datetime import UTC, datetime

from sammen.auth import StaffIdentity
from sammen.formats.theme_discussion import handlers
from sammen.formats.theme_discussion.app import create_app
from sammen.testing.apps import SignIn, clocked_app_fixtures

SECRETARY = StaffIdentity(5, "sekretaer@gentofte.dk", "Sif Sekretær", ("council_secretary",))
MODERATOR = StaffIdentity(6, "moderator@gentofte.dk", "Mads Moderator", ("moderator",))
T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SIGN_IN = SignIn(SECRETARY)
bearer, log_in = SIGN_IN.bearer, SIGN_IN.log_in


clock, discussion_app, offline_discussion_app, discussion_worker = clocked_app_fixtures(
    "discussion", "theme_discussion", create_app, handlers, T0
)


DISCUSSION = {
    "title": "Unges fritid i Gentofte",
    "committee": "Kultur-, Unge- og Fritidsudvalget",
    "intro": "Udvalget holder temamøde om unges fritid og vil gerne høre jeres perspektiver først.",
    "event_id": "3f2c1d7e-0000-4000-8000-000000000001",
    "questions": ["Hvor mødes unge i dag?", "Hvad mangler der?"],
    "closes_at": "2026-12-10T12:00",  # Copenhagen time
}
BENT = {"name": "Bent Olsen", "email": "bent@example.dk", "text": "I hallen og på biblioteket."}
LIS = {"name": "Lis Berg", "email": "lis@example.dk", "text": "More late opening hours."}
