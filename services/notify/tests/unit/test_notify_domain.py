"""Notify's rules: the working-day promise, who hears what, retries, the digest hour."""

from datetime import UTC, date, datetime, timedelta

import pytest

from sammen.notify.domain import (
    Recipient,
    add_working_days,
    deadline_day,
    digest_date,
    first_answer_due,
    plan,
    retry_delay,
    status_after_temporary_failure,
)

INITIATOR = Recipient("anna@example.dk", "Anna", "citizen")
AGENT = {"id": 7, "name": "Mette", "email": "mette@gentofte.dk", "phone": None}


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (date(2026, 11, 23), date(2026, 11, 30)),  # Monday → next Monday
        (date(2026, 11, 27), date(2026, 12, 4)),  # Friday → next Friday
        (date(2026, 11, 28), date(2026, 12, 4)),  # Saturday: counting starts Monday
        (date(2026, 3, 30), date(2026, 4, 9)),  # Easter: Thursday, Friday and Monday off
        (date(2026, 12, 21), date(2026, 12, 30)),  # Christmas Eve (closed) and Christmas Day
        (date(2026, 5, 11), date(2026, 5, 19)),  # Ascension Day
        (date(2026, 6, 1), date(2026, 6, 9)),  # Grundlovsdag: offices are closed
    ],
)
def test_five_working_days_skip_weekends_and_danish_public_holidays(start, due):
    assert add_working_days(start, 5) == due


def test_the_promise_is_counted_from_the_day_in_copenhagen():
    # 23:30 UTC on a Sunday is already Monday in Copenhagen.
    assert first_answer_due(datetime(2026, 11, 22, 23, 30, tzinfo=UTC)) == date(2026, 11, 30)


def test_a_deadline_at_midnight_belongs_to_the_day_before():
    assert deadline_day(datetime(2026, 12, 4, 23, 0, tzinfo=UTC)) == date(2026, 12, 4)
    assert deadline_day(datetime(2026, 12, 4, 15, 0, tzinfo=UTC)) == date(2026, 12, 4)


def test_the_receipt_goes_to_the_initiator_with_the_due_date():
    data = {
        "initiator": {"name": "Anna", "email": " anna@example.dk "},
        "submitted_at": "2026-11-27T10:00:00Z",
    }
    [receipt] = plan("idea.submitted", data, None)
    assert (receipt.template, receipt.recipient.email, receipt.recipient.kind) == (
        "receipt",
        "anna@example.dk",
        "citizen",
    )
    assert receipt.context["due"] == date(2026, 12, 4)


def test_an_assigned_case_reaches_the_initiator_and_the_agent():
    planned = plan("case.assigned", {"agent": AGENT}, INITIATOR)
    assert [(p.template, p.recipient.email) for p in planned] == [
        ("case_assigned_initiator", "anna@example.dk"),
        ("case_assigned_agent", "mette@gentofte.dk"),
    ]
    assert planned[1].recipient.kind == "staff"
    # Without a stored initiator (erased, or never ours) only the agent hears of it.
    assert [p.template for p in plan("case.assigned", {"agent": AGENT}, None)] == [
        "case_assigned_agent"
    ]


def test_a_status_change_mails_the_initiator_only_with_a_message():
    data = {"from": "assigned", "to": "declined", "message": "Vi kan ikke, fordi …"}
    [answer] = plan("case.status_changed", data, INITIATOR)
    assert answer.context == {"from_name": "Tildelt", "to_name": "Afslået"}
    assert plan("case.status_changed", {**data, "message": None}, INITIATOR) == []
    assert plan("case.status_changed", {**data, "message": ""}, INITIATOR) == []


def test_deadlines_reach_the_agent_and_every_coordinator_once():
    assert [p.recipient.email for p in plan("case.sla_at_risk", {"agent": AGENT}, None)] == [
        "mette@gentofte.dk"
    ]
    assert plan("case.sla_at_risk", {"agent": None}, None) == []
    coordinators = [
        {"name": "Kim", "email": "kim@gentofte.dk"},
        {"name": "Kim", "email": "KIM@gentofte.dk"},
        {"name": "Lis", "email": "lis@gentofte.dk"},
    ]
    breached = plan("case.sla_breached", {"agent": AGENT, "coordinators": coordinators}, None)
    assert [(p.template, p.recipient.email) for p in breached] == [
        ("case_sla_breached", "kim@gentofte.dk"),
        ("case_sla_breached", "lis@gentofte.dk"),
    ]


@pytest.mark.parametrize(
    ("event_type", "template"),
    [("calendar.event_changed", "event_changed"), ("calendar.event_cancelled", "event_cancelled")],
)
def test_each_registrant_hears_of_a_changed_or_cancelled_meeting(event_type, template):
    registrants = [
        {"registration_id": "r1", "name": "Bo", "email": "bo@example.dk", "cancel_url": "u1"},
        {"registration_id": "r2", "name": "Li", "email": "li@example.dk", "cancel_url": "u2"},
    ]
    planned = plan(event_type, {"registrants": registrants}, None)
    assert [(p.template, p.recipient.email, p.context["cancel_url"]) for p in planned] == [
        (template, "bo@example.dk", "u1"),
        (template, "li@example.dk", "u2"),
    ]


@pytest.mark.parametrize(
    ("event_type", "template"),
    [
        ("calendar.registration_created", "registration_created"),
        ("calendar.registration_promoted", "registration_promoted"),
    ],
)
def test_the_registrant_gets_a_confirmation(event_type, template):
    [planned] = plan(event_type, {"registrant": {"name": "Bo", "email": "bo@example.dk"}}, None)
    assert (planned.template, planned.recipient.name) == (template, "Bo")


def test_someone_joining_an_idea_reaches_the_initiator_and_the_agent():
    data = {"offer": "resource", "agent": {"name": "Mette", "email": "mette@gentofte.dk"}}
    planned = plan("dialogue.idea_joined", data, INITIATOR)
    assert [p.template for p in planned] == ["idea_joined_initiator", "idea_joined_agent"]
    assert planned[0].context["offer_text"] == "kan bidrage med ressourcer"


def test_unknown_events_mail_nobody():
    assert plan("case.linked", {"agent": AGENT}, INITIATOR) == []


def test_retries_wait_longer_each_time_and_stop():
    delays = [retry_delay(n, 30) for n in range(1, 6)]
    assert delays == [timedelta(seconds=s) for s in (30, 60, 120, 240, 480)]
    assert retry_delay(40, 30) == timedelta(hours=6)
    assert status_after_temporary_failure(5, 6) == "temporary-failure"
    assert status_after_temporary_failure(6, 6) == "technical-failure"


def test_the_digest_goes_out_once_the_hour_has_come_in_copenhagen():
    assert digest_date(datetime(2026, 12, 3, 5, 59, tzinfo=UTC), 7) is None  # 06:59 local
    assert digest_date(datetime(2026, 12, 3, 6, 0, tzinfo=UTC), 7) == date(2026, 12, 3)


def test_a_hand_over_mails_the_new_owner_when_an_email_is_given():
    owner = {"unit": "Gentofte Bibliotekerne", "name": "Ida Bog", "email": "ida@gentofte.dk"}
    [planned] = plan("case.handed_over", {"responsible": owner, "agent": AGENT}, INITIATOR)
    assert (planned.template, planned.recipient.email) == ("case_handed_over", "ida@gentofte.dk")
    assert planned.recipient.kind == "staff"
    unit_only = {"unit": "Gentofte Bibliotekerne", "name": None, "email": None}
    assert plan("case.handed_over", {"responsible": unit_only}, INITIATOR) == []
