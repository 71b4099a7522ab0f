"""Routing's metrics on /metrics, and the open-cases gauge the worker computes."""

from datetime import timedelta

from sammen.routing.jobs import run_sla_clock

from .conftest import make_case

MESSAGE = "Tak for din idé! Jeg ringer dig op i morgen, så vi kan tale om den."


def _sample(text, name):
    return [line for line in text.splitlines() if line.startswith(name)]


def test_metrics_follow_cases_answers_and_breaches(routing, db, staff, clock):
    _, headers = staff("agent")
    answered = make_case(db)
    make_case(db, channel="deltag-bilen")
    clock.now += timedelta(hours=3)
    routing.test_client().post(
        f"/api/v1/cases/{answered}/transitions",
        json={"to": "in_dialogue", "message": MESSAGE},
        headers=headers,
    )
    clock.now += timedelta(days=30)
    run_sla_clock(db, clock)
    text = routing.test_client().get("/metrics").get_data(as_text=True)
    assert _sample(
        text, 'sammen_ideas_routed_total{channel="deltag-bilen",team="kultur-og-fritid"}'
    )
    assert _sample(text, "sammen_case_first_response_seconds_count")
    assert _sample(text, "sammen_sla_breaches_total")
    [in_dialogue] = _sample(text, 'sammen_cases_open{status="in_dialogue",team="kultur-og-fritid"}')
    assert in_dialogue.endswith(" 1.0")
    [assigned] = _sample(text, 'sammen_cases_open{status="assigned",team="kultur-og-fritid"}')
    assert assigned.endswith(" 1.0")
    routing.test_client().post(
        f"/api/v1/cases/{answered}/transitions",
        json={"to": "realised", "message": MESSAGE},
        headers=headers,
    )
    run_sla_clock(db, clock)
    text = routing.test_client().get("/metrics").get_data(as_text=True)
    [emptied] = _sample(text, 'sammen_cases_open{status="in_dialogue",team="kultur-og-fritid"}')
    assert emptied.endswith(" 0.0")
