"""The case lifecycle and the assignment rules (pure)."""

import pytest

from sammen.routing import domain

MESSAGE = "Tak for idéen – lad os tage en snak om den i næste uge."
REASON = "Kommunen må ikke drive en café i konkurrence med lokale erhvervsdrivende (lovgivning)."


def test_the_table_covers_every_status_and_names_only_known_ones():
    assert set(domain.TRANSITIONS) == set(domain.STATUSES)
    for targets in domain.TRANSITIONS.values():
        assert targets <= set(domain.STATUSES)


def test_staff_never_move_a_case_back_to_received_or_assigned():
    for targets in domain.TRANSITIONS.values():
        assert not targets & {"received", "assigned"}


def test_every_closed_case_can_be_reopened_into_dialogue_and_nothing_else():
    for status in domain.CLOSED:
        assert domain.allowed_targets(status) == {"in_dialogue"}


@pytest.mark.parametrize(
    ("current", "target"),
    [("assigned", "in_dialogue"), ("in_dialogue", "trial"), ("trial", "realised")],
)
def test_allowed_transitions_with_a_message_pass(current, target):
    domain.check_transition(current, target, MESSAGE)


@pytest.mark.parametrize(
    ("current", "target"),
    [("assigned", "realised"), ("declined", "trial"), ("in_dialogue", "assigned")],
)
def test_transitions_outside_the_table_are_refused_naming_to(current, target):
    with pytest.raises(domain.TransitionRefused) as refused:
        domain.check_transition(current, target, MESSAGE)
    assert refused.value.field == "to"


def test_an_unknown_status_is_refused():
    with pytest.raises(domain.TransitionRefused) as refused:
        domain.check_transition("assigned", "archived", MESSAGE)
    assert refused.value.field == "to"


@pytest.mark.parametrize("message", [None, "", "   ", "ok"])
def test_every_initiator_visible_transition_needs_a_message(message):
    assert "in_dialogue" in domain.INITIATOR_VISIBLE
    with pytest.raises(domain.TransitionRefused) as refused:
        domain.check_transition("assigned", "in_dialogue", message)
    assert refused.value.field == "message"


def test_a_decline_needs_a_real_reason():
    with pytest.raises(domain.TransitionRefused) as refused:
        domain.check_transition("in_dialogue", "declined", "Nej tak, desværre.")
    assert refused.value.field == "message"
    assert len(REASON) >= domain.MIN_DECLINE_REASON
    domain.check_transition("in_dialogue", "declined", REASON)


def test_every_theme_has_a_team_and_unknown_themes_go_to_the_shared_team():
    assert domain.team_for_theme("kultur-og-fritid") == "kultur-og-fritid"
    assert domain.team_for_theme("ukendt") == "faelles"
    assert len(domain.THEME_TEAMS) == 13


def test_councils_fit_the_theme():
    assert domain.councils_for_theme("aeldre-og-seniorliv") == ["seniorraadet"]
    assert "groent-raad" in domain.councils_for_theme("natur-klima-og-miljoe")
    assert domain.councils_for_theme("andet") == []


def test_parse_areas_keeps_known_themes_in_a_stable_order():
    assert domain.parse_areas(" by-og-trafik, nonsense,boern-og-skole") == [
        "boern-og-skole",
        "by-og-trafik",
    ]


THEME = "kultur-og-fritid"


def test_the_least_loaded_available_agent_covering_the_theme_gets_the_case():
    candidates = [
        domain.Candidate(1, frozenset({THEME}), True, 4),
        domain.Candidate(2, frozenset({THEME}), True, 1),
        domain.Candidate(3, frozenset({THEME}), False, 0),  # absent
        domain.Candidate(4, frozenset({"andet"}), True, 0),  # another theme
    ]
    assert domain.choose_agent(THEME, candidates) == 2


def test_ties_go_to_the_lowest_id():
    candidates = [
        domain.Candidate(7, frozenset({THEME}), True, 2),
        domain.Candidate(5, frozenset({THEME}), True, 2),
    ]
    assert domain.choose_agent(THEME, candidates) == 5


def test_nobody_available_sends_the_case_to_the_coordinators_queue():
    assert domain.choose_agent(THEME, [domain.Candidate(1, frozenset({THEME}), False, 0)]) is None
    assert domain.choose_agent(THEME, [domain.Candidate(1, frozenset({"andet"}), True, 0)]) is None
    assert domain.choose_agent(THEME, []) is None
