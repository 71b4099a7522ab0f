from datetime import UTC, date, datetime

import pytest

from sammen.formats.realisation import domain
from sammen.workdays import LOCAL


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL)


def test_dropping_needs_a_public_reason_and_other_statuses_none():
    with pytest.raises(domain.RuleBroken) as refused:
        domain.check_status(domain.DROPPED, "  ")
    assert refused.value.field == "reason"
    domain.check_status(domain.DROPPED, "Staten har overtaget opgaven.")
    for status in (domain.PLANNED, domain.IN_PROGRESS, domain.DONE, domain.PAUSED):
        domain.check_status(status, None)
    with pytest.raises(domain.RuleBroken) as unknown:
        domain.check_status("forgotten", None)
    assert unknown.value.field == "status"


def test_progress_is_a_share_and_done_is_all_of_it():
    with pytest.raises(domain.RuleBroken):
        domain.check_progress(101)
    with pytest.raises(domain.RuleBroken):
        domain.check_progress(-1)
    assert domain.progress_after(30, domain.IN_PROGRESS, None) == 30
    assert domain.progress_after(30, domain.IN_PROGRESS, 45) == 45
    assert domain.progress_after(30, domain.DONE, 80) == 100


def test_an_update_keeps_what_it_does_not_change_and_keeps_the_reason_only_when_dropped():
    kept = domain.apply_update(domain.IN_PROGRESS, 40, None, None, None)
    assert kept == domain.Change(domain.IN_PROGRESS, 40, None)
    dropped = domain.apply_update(domain.IN_PROGRESS, 40, domain.DROPPED, None, " For dyrt. ")
    assert dropped == domain.Change(domain.DROPPED, 40, "For dyrt.")
    resumed = domain.apply_update(domain.DROPPED, 40, domain.PAUSED, None, "ignored")
    assert resumed.dropped_reason is None
    with pytest.raises(domain.RuleBroken):
        domain.apply_update(domain.IN_PROGRESS, 40, domain.DROPPED, None, None)
    with pytest.raises(domain.RuleBroken):
        domain.apply_update(domain.IN_PROGRESS, 40, None, 120, None)


def test_sound_and_film_need_a_transcript_and_a_text_link_does_not():
    with pytest.raises(domain.RuleBroken) as refused:
        domain.check_media("video", "https://x.dk/film", None)
    assert refused.value.field == "transcript"
    with pytest.raises(domain.RuleBroken):
        domain.check_media("audio", "https://x.dk/pod", "  ")
    domain.check_media("audio", "https://x.dk/pod", "Ole: Velkommen.")
    domain.check_media("text", "https://x.dk/rapport", None)
    domain.check_media(None, None, None)
    with pytest.raises(domain.RuleBroken) as kindless:
        domain.check_media(None, "https://x.dk/noget", None)
    assert kindless.value.field == "media"


def test_a_question_is_due_at_the_end_of_the_fifth_working_day():
    # Asked Monday 30 November 2026: due at the end of Monday 7 December, at risk from Friday's end.
    deadline = domain.question_deadline(local(2026, 11, 30, 10))
    assert deadline.due == local(2026, 12, 8, 0)
    assert deadline.at_risk_from == local(2026, 12, 5, 0)
    assert domain.last_day(deadline.due) == date(2026, 12, 7)
    # Asked on the Saturday before Christmas: 21–23 and 28–29 December count, the holidays do not.
    assert domain.last_day(domain.question_deadline(local(2026, 12, 19, 12)).due) == date(
        2026, 12, 29
    )


def test_a_question_is_ok_then_at_risk_then_breached_until_answered():
    deadline = domain.question_deadline(datetime(2026, 11, 30, 9, tzinfo=UTC))
    assert domain.question_state(deadline, local(2026, 12, 4, 16), None) == "ok"
    assert domain.question_state(deadline, local(2026, 12, 7, 9), None) == "at_risk"
    assert domain.question_state(deadline, local(2026, 12, 8, 0, 1), None) == "breached"
    assert domain.question_state(deadline, local(2026, 12, 9), local(2026, 12, 1)) == "answered"


def test_the_owner_and_coordinators_act_for_a_recommendation():
    assert domain.may_act_for(("agent",), "Ole.Ejer@gentofte.dk", "ole.ejer@gentofte.dk ")
    assert domain.may_act_for(("coordinator",), "kim@gentofte.dk", "ole.ejer@gentofte.dk")
    assert domain.may_act_for(("admin",), "a@gentofte.dk", "ole.ejer@gentofte.dk")
    assert not domain.may_act_for(("agent", "moderator"), "a@gentofte.dk", "ole.ejer@gentofte.dk")


def test_a_member_who_also_follows_is_told_once_as_member():
    mette = domain.Recipient("Mette", "mette@example.dk", "da", "t1")
    per = domain.Recipient("Per", "per@example.dk", "en", "t2")
    mette_follows = domain.Recipient("", " METTE@example.dk", "da", "t3")
    anna = domain.Recipient("", "anna@example.dk", "da", "t4")
    assert domain.recipients([mette, per], [mette_follows, anna]) == [mette, per, anna]
    assert domain.recipients([], []) == []
