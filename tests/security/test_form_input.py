"""Hostile input on every public form — oversize, wrong type, unicode (RTL, emoji, NUL, combining
marks) and injection — on PostgreSQL, the production database: never a 5xx; a refusal (4xx or the
form again) stores nothing; what is stored is shown escaped."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask

from sammen.testing import postgres_database
from sammen.testing.discussions import open_discussion
from sammen.testing.events import case_published, received
from sammen.testing.hearings import open_hearing
from sammen.testing.ideas import INTAKE_AUTH, idea_body
from tests.security.apps import bearer, built, row_counts, staff

SCRIPT = '<script>alert("sammen")</script>'
HOSTILE = {
    "oversize": "x" * 20_000,
    "rtl": "\u202eevil\u202c مرحبا بالعالم",
    "emoji": "Bænk 🙂👍🏽🏳️‍🌈",
    "nul": "før\x00efter",
    "combining": "e\u0301\u0301\u0301 Z\u0335\u0336\u0337",
    "sql": "'; DROP TABLE ideas; --",
    "script": SCRIPT,
    "attribute": '" onmouseover="alert(1)',
    "wrong-type": "[1, 2]",
}
TOO_BIG_BODY = "y" * (70 * 1024)  # past every service's 64 KiB body limit


@dataclass
class Form:
    """A public form: where it posts, a valid body, and the page showing what was stored."""

    service: str
    post_url: str
    valid: dict[str, str]
    shown_at: list[str]


@pytest.fixture
def postgres(tmp_path) -> Iterator[Callable[[str], Any]]:  # type: ignore[no-untyped-def]
    """`start(service)` → the service's app on a fresh PostgreSQL database."""
    with postgres_database() as url:
        apps: list[Flask] = []

        def start(service: str, **extra: str) -> Flask:
            context = built(service, tmp_path, url, SAMMEN_ENV="development", **extra)
            app = context.__enter__()
            apps.append(context)  # type: ignore[arg-type]
            app.config["WTF_CSRF_ENABLED"] = False  # CSRF has its own test
            return app

        yield start
        for context in apps:
            context.__exit__(None, None, None)  # type: ignore[attr-defined]


# --- each public form, with what it needs to exist ------------------------------------------


IDA = {"name": "Ida Input", "email": "ida.input@example.dk"}


def _bot_checks(app: Flask, path: str) -> dict[str, str]:
    """The fields a form tells bots by: its hidden `started`, as the page at `path` gives it to a
    browser, and the empty honeypot `website`."""
    page = app.test_client().get(path).text
    return {"started": re.search(r'name="started" value="([^"]+)"', page).group(1), "website": ""}


def intake_form(app: Flask) -> Form:
    return Form(
        "intake",
        "/",
        {
            "title": "Bænke langs Mølleåen",
            "description": "Flere bænke på stien, så ældre kan gå turen med pauser.",
            "theme": "kultur-og-fritid",
            "location": "Mølleåen",
            "channel": "web",
            **IDA,
            "phone": "12345678",
            "organisation": "",
            "age_group": "",
            "consent_contact": "ja",
            **_bot_checks(app, "/"),
        },
        [],
    )


def calendar_form(app: Flask) -> Form:
    events = app.test_client().get("/api/v1/events").json
    event = next(e for e in events if e.get("registration"))
    return Form(
        "calendar",
        f"/arrangementer/{event['id']}/tilmelding",
        IDA,
        [],
    )


def talk_proposal_form(app: Flask) -> Form:
    return Form(
        "calendar",
        "/gentofte-talks/foreslaa",
        {
            "title": "Byens grønne tage",
            "description": "Hvordan får vi flere grønne tage?",
            "host_event": "Klimafestivalen",
            "wished_start": "2027-05-03T19:00",
            "location": "Hellerup Bibliotek",
            "topic": "natur-klima-og-miljoe",
            "organisation": "Grønne Tage Gentofte",
            "type": "citizen_group",
            **IDA,
            **_bot_checks(app, "/gentofte-talks/foreslaa"),
        },
        [],
    )


def _board_idea(app: Flask) -> str:
    case_id = str(uuid.uuid4())
    from sammen.formats.idea_board.handlers import on_case_published

    event = received(case_published(case_id=case_id, idea_id=str(uuid.uuid4())))
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        on_case_published(session, event)
    return case_id


def idea_board_join(app: Flask) -> Form:
    case_id = _board_idea(app)
    return Form(
        "idea_board",
        f"/ideer/{case_id}/kobl-paa",
        {
            "offer": "help",
            **IDA,
            "message": "Jeg kan bære.",
        },
        [f"/ideer/{case_id}"],
    )


def idea_board_comment(app: Flask) -> Form:
    case_id = _board_idea(app)
    return Form(
        "idea_board",
        f"/ideer/{case_id}/kommentarer",
        IDA | {"body": "Hvor skal reolen stå?"},
        [f"/ideer/{case_id}"],
    )


def hearing_answer(app: Flask) -> Form:
    created = app.test_client().post(
        "/api/v1/hearings", json=open_hearing(), headers=bearer(app, staff("coordinator"))
    )
    assert created.status_code == 201, created.text
    hearing_id = created.json["id"]
    return Form(
        "hearing",
        f"/hoeringer/{hearing_id}/svar",
        {
            "section": "",
            **IDA,
            "organisation": "",
            "body": "Godt forslag.",
        },
        [f"/hoeringer/{hearing_id}"],
    )


def discussion_answer(app: Flask) -> Form:
    created = app.test_client().post(
        "/api/v1/discussions",
        json=open_discussion(),
        headers=bearer(app, staff("council_secretary")),
    )
    assert created.status_code == 201, created.text
    discussion = created.json
    return Form(
        "theme_discussion",
        f"/droeftelser/{discussion['id']}/bidrag",
        {
            "question_id": str(discussion["questions"][0]["id"]),
            **IDA,
            "text": "Langs åen.",
        },
        [f"/droeftelser/{discussion['id']}"],
    )


FORMS = {
    "intake": intake_form,
    "calendar": calendar_form,
    "calendar:talk_proposal": talk_proposal_form,
    "idea_board:join": idea_board_join,
    "idea_board:comment": idea_board_comment,
    "hearing": hearing_answer,
    "theme_discussion": discussion_answer,
}


def _escaped(text: str) -> list[str]:
    """Raw markup of ours that reached a page unescaped."""
    return [raw for raw in (SCRIPT, 'onmouseover="alert(1)') if raw in text]


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FORMS))
def test_hostile_input_on_a_public_form(name, postgres):
    service = name.split(":")[0]
    app = postgres(service)
    form = FORMS[name](app)
    client = app.test_client()
    problems: list[str] = []
    for field in [f for f in form.valid if f not in ("started", "website", "channel")]:
        for label, value in HOSTILE.items():
            before = row_counts(app)
            response = client.post(form.post_url, data=form.valid | {field: value})
            where = f"{field}={label}: {response.status_code}"
            if response.status_code >= 500:
                problems.append(f"{where} (server error)")
                continue
            problems += [
                f"{where}: unescaped {raw} in the answer" for raw in _escaped(response.text)
            ]
            refused = response.status_code != 303
            if refused and row_counts(app) != before:
                problems.append(f"{where}: refused, but something was stored")
            if not refused:
                for path in [response.location, *form.shown_at]:
                    shown = client.get(path)
                    if shown.status_code >= 500:
                        problems.append(f"{where}: {path} answers {shown.status_code} afterwards")
                    problems += [
                        f"{where}: unescaped {raw} on {path}" for raw in _escaped(shown.text)
                    ]
    too_big = client.post(form.post_url, data=form.valid | {"name": TOO_BIG_BODY})
    if too_big.status_code != 413:
        problems.append(f"a {len(TOO_BIG_BODY)} byte field: {too_big.status_code}, not 413")
    assert not problems, f"{name}:\n" + "\n".join(problems)


def test_a_nul_character_in_json_is_refused_naming_the_field(postgres):
    """The shared input guard: PostgreSQL cannot store NUL, so the API refuses it up front."""
    app = postgres("intake")
    body = idea_body(initiator={"name": "Ida\x00Input", "email": "ida.input@example.dk"})
    before = row_counts(app)
    response = app.test_client().post("/api/v1/ideas", json=body, headers=INTAKE_AUTH)
    assert response.status_code == 422
    assert response.json["errors"] == {"json": {"initiator.name": [ANY_NUL_MESSAGE]}}
    assert row_counts(app) == before


ANY_NUL_MESSAGE = "contains a NUL character, which is not allowed"
