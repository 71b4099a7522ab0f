"""Closed cases lose the initiator's contact after the retention period; open ones keep it."""

from datetime import timedelta

from sqlalchemy import select

from sammen.routing.jobs import run_retention
from sammen.routing.models import Case

from .conftest import make_case

REASON = "Kommunen må ikke drive caféen selv, fordi den vil konkurrere med lokale erhvervsdrivende."


def test_closed_cases_are_anonymised_after_the_retention_period(routing, db, staff, clock):
    _, headers = staff("agent")
    closed = make_case(db, tracking_code="DDDD-DDDD")
    make_case(db, tracking_code="OOOO-OOOO")
    routing.test_client().post(
        f"/api/v1/cases/{closed}/transitions",
        json={"to": "declined", "message": REASON},
        headers=headers,
    )
    clock.now += timedelta(days=29)
    assert run_retention(db, 30, clock) == 0
    clock.now += timedelta(days=2)
    assert run_retention(db, 30, clock) == 1
    assert run_retention(db, 30, clock) == 0
    with db.transaction() as session:
        by_code = {c.tracking_code: c for c in session.scalars(select(Case))}
        gone, kept = by_code["DDDD-DDDD"], by_code["OOOO-OOOO"]
        assert (gone.initiator_name, gone.initiator_email) == (None, None)
        assert gone.erased_at == clock.now
        assert gone.initiator_age_group == "30-49"  # identifies nobody; the reach view needs it
        assert kept.initiator_email == "anna.jensen@example.dk"
