from datetime import UTC, datetime, timedelta

import pytest

from sammen.dialogue import domain

T0 = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
S = timedelta(seconds=1)


def test_a_format_is_live_until_its_ttl_after_the_last_heartbeat():
    assert domain.is_live(T0, 30, None, T0 + 29 * S)
    assert not domain.is_live(T0, 30, None, T0 + 30 * S)
    assert not domain.is_live(T0, 30, T0 + S, T0 + 2 * S)


def test_only_newer_heartbeats_and_withdrawals_count():
    assert domain.accepts_announcement(None, None, T0)
    assert domain.accepts_announcement(T0, None, T0 + S)
    assert not domain.accepts_announcement(T0, None, T0)
    assert not domain.accepts_announcement(T0, T0 + 5 * S, T0 + 4 * S)  # from before the stop
    assert domain.accepts_announcement(T0, T0 + 5 * S, T0 + 6 * S)  # a new run
    assert domain.accepts_withdrawal(T0, T0)
    assert not domain.accepts_withdrawal(T0 + S, T0)


@pytest.mark.parametrize(
    ("value", "ttl"),
    [
        (30, 30.0),
        (2.5, 2.5),
        (0, 45.0),
        (-1, 45.0),
        ("30", 45.0),
        (True, 45.0),
        (None, 45.0),
        (10**9, 45.0),
    ],
)
def test_a_format_announcing_no_usable_ttl_gets_the_hubs_default(value, ttl):
    assert domain.announced_ttl(value, 45.0) == ttl


def test_moderation_moves_between_open_hidden_and_visible():
    assert domain.status_after_decision(domain.OPEN, "hide") == domain.HIDDEN
    assert domain.status_after_decision(domain.OPEN, "restore") == domain.VISIBLE
    assert domain.status_after_decision(domain.HIDDEN, "restore") == domain.VISIBLE
    with pytest.raises(domain.ModerationRefused):
        domain.status_after_decision(domain.HIDDEN, "hide")
    with pytest.raises(domain.ModerationRefused):
        domain.status_after_decision(domain.VISIBLE, "restore")
    with pytest.raises(domain.ModerationRefused):
        domain.status_after_decision(domain.OPEN, "delete")


def test_a_new_report_reopens_what_a_moderator_let_stand_but_not_what_is_hidden():
    assert domain.status_after_report(None) == domain.OPEN
    assert domain.status_after_report(domain.VISIBLE) == domain.OPEN
    assert domain.status_after_report(domain.HIDDEN) == domain.HIDDEN


def test_a_report_needs_its_format_and_contribution():
    with pytest.raises(ValueError, match="format"):
        domain.ReportedData.from_event({"contribution_id": "c"})
    reported = domain.ReportedData.from_event(
        {"format": "hearing", "contribution_id": 5, "excerpt": "x" * 900, "reason": None}
    )
    assert reported.contribution_id == "5" and len(reported.excerpt) == domain.EXCERPT_LENGTH
    assert reported.reason == "" and reported.url is None
