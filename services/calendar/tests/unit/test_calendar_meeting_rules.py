"""The pure rules of meetings that lead somewhere: when a meeting may be closed, which meetings
may join, who gets a seat at a joint meeting, and a proposal's states."""

from datetime import UTC, datetime, timedelta

import pytest

from sammen.calendar.closing_rules import check_can_close, told_of_closing
from sammen.calendar.errors import InvalidValue
from sammen.calendar.joint_rules import Meeting, Signup, check_joinable, place_signups, plan_joint
from sammen.calendar.proposal_rules import check_decidable, talk_description
from sammen.calendar.refusals import Refused

START = datetime(2027, 3, 2, 17, 0, tzinfo=UTC)
END = START + timedelta(hours=2)


# --- closing --------------------------------------------------------------------------------------


def test_a_meeting_may_be_closed_from_its_end():
    check_can_close(status="planned", rrule=None, ends_at=END, now=END)
    check_can_close(status="changed", rrule=None, ends_at=END, now=END + timedelta(days=30))


def test_closing_before_the_end_is_refused_and_says_when_it_can_be_done():
    with pytest.raises(Refused) as refused:
        check_can_close(status="planned", rrule=None, ends_at=END, now=END - timedelta(minutes=1))
    assert refused.value.message == (
        "Mødet er ikke slut endnu. Det kan afsluttes fra 02.03.2027 kl. 20.00."
    )


@pytest.mark.parametrize(
    ("status", "rrule", "reason"),
    [
        ("cancelled", None, "Et aflyst møde kan ikke afsluttes."),
        ("planned", "FREQ=MONTHLY", "Et gentaget arrangement kan ikke afsluttes."),
    ],
)
def test_a_cancelled_meeting_or_a_series_is_not_closed(status, rrule, reason):
    with pytest.raises(Refused) as refused:
        check_can_close(status=status, rrule=rrule, ends_at=END, now=END + timedelta(days=1))
    assert refused.value.message.startswith(reason)


def test_those_told_of_the_closing_are_those_who_had_a_place():
    statuses = {"a": "confirmed", "b": "waitlisted", "c": "cancelled", "d": "confirmed"}
    assert told_of_closing(statuses) == ["a", "d"]


# --- joint meetings -------------------------------------------------------------------------------


def meeting(event_id, organizers, start=START, capacity=None, **changes):
    values = {
        "event_id": event_id,
        "title": f"Møde {event_id}",
        "organizers": tuple(organizers),
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "location": f"Sted {event_id}",
        "kind": "council_meeting",
        "topics": ("sundhed-og-forebyggelse",),
        "public": True,
        "status": "planned",
        "recurring": False,
        "capacity": capacity,
    }
    return Meeting(**(values | changes))


NOW = START - timedelta(days=7)


def test_the_joint_meeting_takes_the_earliest_time_place_and_every_organizer():
    later = meeting("b", ["handicapraadet"], START + timedelta(days=7), capacity=40)
    earlier = meeting("a", ["seniorraadet"], capacity=25, topics=("aeldre-og-seniorliv",))
    names = {"seniorraadet": "Seniorrådet", "handicapraadet": "Handicaprådet"}
    plan = plan_joint([later, earlier], names)
    assert plan.organizers == ("handicapraadet", "seniorraadet")
    assert plan.title == "Fællesmøde: Handicaprådet og Seniorrådet"
    assert (plan.starts_at, plan.ends_at, plan.location) == (START, END, "Sted a")
    assert plan.topics == ("aeldre-og-seniorliv", "sundhed-og-forebyggelse")
    assert plan.capacity == 40 and plan.public
    assert plan.description.endswith("- Møde a\n- Møde b")


def test_given_values_win_and_the_duration_follows_a_new_start():
    moved = START + timedelta(days=1)
    plan = plan_joint(
        [meeting("a", ["x"]), meeting("b", ["y"], public=False)],
        {},
        title="Fælles temamøde",
        starts_at=moved,
        location="Rådhuset",
        capacity=10,
    )
    assert (plan.title, plan.location, plan.capacity) == ("Fælles temamøde", "Rådhuset", 10)
    assert (plan.starts_at, plan.ends_at) == (moved, moved + timedelta(hours=2))
    assert not plan.public  # an internal meeting does not become public by joining


@pytest.mark.parametrize(
    ("meetings", "field", "message"),
    [
        ([meeting("a", ["x"]), meeting("a", ["x"])], "event_ids", "Vælg mindst to"),
        ([meeting("a", ["x"]), meeting("b", ["y"], status="cancelled")], "event_ids.1", "aflyst"),
        ([meeting("a", ["x"], recurring=True), meeting("b", ["y"])], "event_ids.0", "mødeserie"),
        ([meeting("a", ["x"]), meeting("b", ["y"], start=NOW)], "event_ids.1", "begyndt"),
    ],
)
def test_only_distinct_single_meetings_still_to_come_may_join(meetings, field, message):
    with pytest.raises(InvalidValue) as invalid:
        check_joinable(meetings, NOW)
    assert invalid.value.field == field and message in invalid.value.message


def signup(registration_id, email, status, minute):
    return Signup(
        registration_id, email, status, minute, START - timedelta(days=10, minutes=-minute)
    )


def test_seats_go_first_to_those_who_had_one_in_sign_up_order_then_to_those_waiting():
    signups = [
        signup("w1", "w1@example.dk", "waitlisted", 1),
        signup("c2", "c2@example.dk", "confirmed", 2),
        signup("c1", "c1@example.dk", "confirmed", 0),
        signup("c3", "c3@example.dk", "confirmed", 3),
    ]
    placed = {p.signup.registration_id: p.status for p in place_signups(signups, 3)}
    assert placed == {"c1": "confirmed", "c2": "confirmed", "c3": "confirmed", "w1": "waitlisted"}
    roomy = {p.signup.registration_id: p.status for p in place_signups(signups, 10)}
    assert set(roomy.values()) == {"confirmed"}  # room enough: the waiting move up
    tight = [p.status for p in place_signups(signups, 1)]
    assert tight.count("confirmed") == 1 and tight.count("waitlisted") == 3


def test_a_person_signed_up_for_both_meetings_keeps_the_better_place_once():
    signups = [
        signup("a-wait", "anna@example.dk", "waitlisted", 0),
        signup("a-seat", "anna@example.dk", "confirmed", 5),
    ]
    placed = {p.signup.registration_id: p.status for p in place_signups(signups, 5)}
    assert placed == {"a-seat": "confirmed", "a-wait": "duplicate"}


# --- proposals ------------------------------------------------------------------------------------


def test_a_proposal_is_decided_once():
    check_decidable("proposed")
    for status, word in (("approved", "godkendt"), ("declined", "afvist")):
        with pytest.raises(Refused) as refused:
            check_decidable(status)
        assert word in refused.value.message


def test_the_talk_names_the_initiative_and_the_arrangement_it_joins():
    text = talk_description("Om fællesskaber.\n", "Ældre Sagen Gentofte", "Seniorfestivalen")
    assert (
        text
        == "Om fællesskaber.\n\nInitiativ: Ældre Sagen Gentofte\n\nKnyttet til: Seniorfestivalen"
    )
    assert talk_description("Om.", "Foreningen", "") == "Om.\n\nInitiativ: Foreningen"
