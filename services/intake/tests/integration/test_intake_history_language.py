"""The public history is stored as what happened (the event's kind and its facts) and written in
the reader's language: the status page and the API in Danish or English, the agent's own words as
they were written. Rows stored as Danish sentences before are converted by a migration."""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from sammen.db import Database
from sammen.intake import service
from sammen.intake.app import MIGRATIONS
from sammen.testing.events import (
    agent,
    case_assigned,
    case_published,
    case_status_changed,
    received,
)

from .conftest import AUTH, idea_body

AGENT = agent(id=3, name="Agnete Holm", email="agho@gentofte.dk", phone="39 98 00 00")
OWN_WORDS = "Lad os mødes på biblioteket."


def follow_the_case(intake) -> str:  # type: ignore[no-untyped-def]
    """An idea, assigned, answered and published: every kind of history line. Its code."""
    created = intake.test_client().post("/api/v1/ideas", json=idea_body(), headers=AUTH).json
    ids = {"case_id": "c-1", "idea_id": created["id"], "tracking_code": created["tracking_code"]}
    events = [
        case_assigned(**ids, agent=AGENT, status="assigned"),
        case_status_changed(**ids, to="in_dialogue", message=OWN_WORDS),
        case_published(**ids, status="in_dialogue"),
    ]
    with intake.config["SAMMEN_DATABASE"].transaction() as session:
        for event in events:
            service.apply_case_event(session, received(event))
    return created["tracking_code"]


def status_page(intake, code: str, language: str) -> str:  # type: ignore[no-untyped-def]
    return intake.test_client().get(f"/status/{code}?lang={language}").get_data(as_text=True)


def test_the_english_status_page_tells_the_history_in_english(intake):
    code = follow_the_case(intake)
    page = status_page(intake, code, "en")
    assert "Thank you for your idea." in page
    assert "Your idea has been given to sparring agent Agnete Holm" in page
    assert "The idea is now shown on Idébanken." in page
    assert OWN_WORDS in page  # the agent's own words, as written
    assert "Tak for din idé" not in page and "Din idé er givet" not in page


def test_the_danish_status_page_tells_it_in_danish(intake):
    code = follow_the_case(intake)
    page = status_page(intake, code, "da")
    assert "Tak for din idé. Den er modtaget" in page
    assert "Din idé er givet til sparringsagent Agnete Holm, som kontakter dig." in page
    assert "Idéen er nu vist i Idébanken." in page and OWN_WORDS in page
    assert "Thank you for your idea" not in page


def test_the_api_keeps_its_fields_and_speaks_the_readers_language(intake):
    code = follow_the_case(intake)
    client = intake.test_client()
    danish = client.get(f"/api/v1/ideas/{code}").json["history"]
    english = client.get(f"/api/v1/ideas/{code}?lang=en").json["history"]
    assert [(h["kind"], h["status"]) for h in danish] == [
        ("received", "received"),
        ("assigned", "assigned"),
        ("status_changed", "in_dialogue"),
        ("published", "in_dialogue"),
    ]
    assert set(danish[0]) == {"at", "kind", "status", "message"}
    assert (
        danish[1]["message"]
        == "Din idé er givet til sparringsagent Agnete Holm, som kontakter dig."
    )
    assert english[1]["message"].startswith("Your idea has been given to sparring agent Agnete")
    assert danish[2]["message"] == english[2]["message"] == OWN_WORDS


def test_the_migration_turns_stored_danish_sentences_into_what_happened(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'intake.sqlite3'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = database.engine
    command.upgrade(config, "0001")
    lines = [
        (
            "received",
            "Tak for din idé. Den er modtaget, og en sparringsagent ser på den. "
            "Du får et første svar inden for 5 arbejdsdage.",
        ),
        ("assigned", "Din idé er givet til sparringsagent Agnete Holm, som kontakter dig."),
        ("status_changed", OWN_WORDS),
        ("published", "Idéen er nu vist i Idébanken."),
    ]
    with database.engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO ideas (id, tracking_code, title, description, theme, channel, status,"
                " submitted_at, updated_at, consent_contact, consent_publish) VALUES ('i1',"
                " 'ACDE-FHJK', 'Bytte-reol', 'En reol', 'andet', 'web', 'received',"
                " '2026-11-27 10:00:00', '2026-11-27 10:00:00', 1, 1)"
            )
        )
        for kind, message in lines:
            connection.execute(
                sa.text(
                    "INSERT INTO idea_history (idea_id, at, kind, status, message)"
                    " VALUES ('i1', '2026-11-27 10:00:00', :kind, 'received', :message)"
                ),
                {"kind": kind, "message": message},
            )
    command.upgrade(config, "head")
    with database.engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT kind, message, data FROM idea_history ORDER BY id")
        ).all()
    database.dispose()
    assert [
        (kind, message, json.loads(data) if data else None) for kind, message, data in rows
    ] == [
        ("received", None, None),
        ("assigned", None, {"agent": "Agnete Holm"}),
        ("status_changed", OWN_WORDS, None),
        ("published", None, None),
    ]
