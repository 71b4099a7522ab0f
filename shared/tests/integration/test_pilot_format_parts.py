"""The shared parts a pilot format keeps its answers with (sammen.pilot_formats), on a real
database: access and erasure by e-mail address, the hub's decision for one of its own, and a
periodic job's transaction."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sammen.bus import Event, outbox
from sammen.config import load_settings
from sammen.db import Database
from sammen.pilot_formats import personal_data
from sammen.pilot_formats.moderation import moderated
from sammen.pilot_formats.personal_data import Holding
from sammen.pilot_formats.worker import Periodic
from sammen.testing import SetClock
from sammen.testing.events import access_requested, contribution_moderated, erasure_requested

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class Answer(Base):
    __tablename__ = "answers"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    text: Mapped[str] = mapped_column(String(200))


HOLDINGS = [Holding("answers", Answer.email, {"email": "email", "text": "text"})]


@pytest.fixture
def database(database_url):
    db = Database(database_url)
    with db.engine.begin() as connection:
        outbox.create_tables(connection)
        Base.metadata.create_all(connection)
    with db.transaction() as session:
        session.add_all(
            [
                Answer(id="a1", email="Anna.Jensen@example.dk", text="Flere cykelstier"),
                Answer(id="a2", email="bo@example.dk", text="Færre biler"),
            ]
        )
    yield db
    db.dispose()


def reports(db: Database) -> list[Event]:
    with db.transaction() as session:
        rows = session.execute(
            select(outbox.outbox_table.c.body).order_by(outbox.outbox_table.c.id)
        )
        return [
            e for e in (Event.from_json(body) for (body,) in rows) if e.type.startswith("person.")
        ]


def test_access_reports_every_record_with_the_address_whatever_its_case(database):
    with database.transaction() as session:
        personal_data.report_person(session, "hearing", access_requested(), HOLDINGS)
    [report] = reports(database)
    assert report.data["summary"] == {"answers": 1}
    assert report.data["data"] == {
        "answers": [{"email": "Anna.Jensen@example.dk", "text": "Flere cykelstier"}]
    }


def test_erasure_deletes_the_records_with_the_address_and_reports_how_many(database):
    with database.transaction() as session:
        personal_data.erase_person(session, "hearing", erasure_requested(), HOLDINGS)
    [report] = reports(database)
    assert (report.data["kind"], report.data["summary"]) == ("erasure", {"answers": 1})
    with database.transaction() as session:
        assert [a.id for a in session.scalars(select(Answer))] == ["a2"]


def test_a_request_without_an_address_touches_nothing_and_reports_zero(database):
    with database.transaction() as session:
        personal_data.erase_person(session, "hearing", erasure_requested(email=None), HOLDINGS)
    [report] = reports(database)
    assert report.data["summary"] == {"answers": 0}
    with database.transaction() as session:
        assert len(list(session.scalars(select(Answer)))) == 2


def test_a_decision_finds_only_the_formats_own_contribution_that_is_still_there(database):
    with database.transaction() as session:
        ours = contribution_moderated(format="hearing", contribution_id="a1")
        assert moderated(session, ours, "hearing", Answer).text == "Flere cykelstier"
        theirs = contribution_moderated(format="idea_board", contribution_id="a1")
        assert moderated(session, theirs, "hearing", Answer) is None
        gone = contribution_moderated(format="hearing", contribution_id="erased")
        assert moderated(session, gone, "hearing", Answer) is None


def test_a_periodic_job_runs_its_work_in_one_transaction_at_the_clocks_time(database):
    settings = load_settings("hearing", {"HEARING_CLOSE_EVERY_SECONDS": "7"})
    seen = []

    def close(session, settings, now):
        session.add(Answer(id="a3", email="ny@example.dk", text=f"lukket {now.isoformat()}"))
        seen.append(settings.service)

    job = Periodic("close-hearings", "HEARING_CLOSE_EVERY_SECONDS", 30, close).job(
        settings, database, SetClock(T0)
    )
    assert (job.name, job.every_seconds) == ("close-hearings", 7.0)
    job.run()
    assert seen == ["hearing"]
    with database.transaction() as session:
        assert session.get(Answer, "a3").text == f"lukket {T0.isoformat()}"
