"""Properties of the case lifecycle and of assignment: a state machine walks cases through random
moves with random messages, and generated agent lists check what `choose_agent` promises."""

import dataclasses
import re
from collections import deque

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from sammen.routing.domain import (
    CLOSED,
    INITIATOR_VISIBLE,
    MIN_DECLINE_REASON,
    MIN_MESSAGE,
    STATUSES,
    THEME_TEAMS,
    TRANSITIONS,
    Candidate,
    TransitionRefused,
    allowed_targets,
    check_transition,
    choose_agent,
)

# Set by routing's own assignment, never by a staff member's move.
ENTRY = frozenset({"received", "assigned"})
# Endings that presuppose work on the case, so an untouched case cannot jump to them.
WORKED_ENDINGS = frozenset({"realised", "returned_to_initiator"})


def model_targets(current: str) -> frozenset[str]:
    """The lifecycle rules in words, independent of the TRANSITIONS table they should match."""
    if current not in STATUSES:
        return frozenset()
    if current in CLOSED:
        return frozenset({"in_dialogue"})  # a closed case can only be reopened into dialogue
    targets = set(STATUSES) - ENTRY - {current}  # no move back into entry, no move to itself
    if current in ENTRY:
        targets -= WORKED_ENDINGS
    return frozenset(targets)


def visible_length(message: str | None) -> int:
    return len((message or "").strip())


def needed_length(target: str) -> int:
    return MIN_DECLINE_REASON if target == "declined" else MIN_MESSAGE


def expected_refusal(current: str, target: str, message: str | None) -> str | None:
    """The field a refusal should name, or None when the move must be accepted."""
    if target not in model_targets(current):
        return "to"
    # Every status staff can move into is shown to the initiator, so every move needs a message.
    return "message" if visible_length(message) < needed_length(target) else None


def outcome(current: str, target: str, message: str | None) -> tuple[str, str] | None:
    """None when accepted, else the refusal's field and message (comparable across calls)."""
    try:
        check_transition(current, target, message)
    except TransitionRefused as refused:
        return refused.field, refused.message
    return None


def assert_names_the_problem(
    refused: TransitionRefused, current: str, target: str, message: str | None
) -> None:
    assert isinstance(refused, ValueError)  # callers that catch ValueError still see it
    assert str(refused) == refused.message
    if refused.field == "to":
        if target in STATUSES:
            assert current in refused.message and target in refused.message
        else:
            assert repr(target) in refused.message
        return
    # A message refusal names a minimum the message really falls short of, and no other number.
    minimums = {int(n) for n in re.findall(r"\d+", refused.message)}
    assert minimums, refused.message
    assert minimums <= {MIN_MESSAGE, MIN_DECLINE_REASON}, refused.message
    assert any(visible_length(message) < n for n in minimums), refused.message


def reachable(start: str) -> set[str]:
    """Every status some sequence of one or more allowed moves leads to from `start`."""
    seen: set[str] = set()
    queue = deque(allowed_targets(start))
    while queue:
        status = queue.popleft()
        if status not in seen:
            seen.add(status)
            queue.extend(allowed_targets(status))
    return seen


def shortest_path(start: str, goal: str) -> list[str]:
    """The statuses after `start` on a shortest path to `goal`; [] when there is none."""
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        status = queue.popleft()
        for nxt in sorted(allowed_targets(status)):
            if nxt not in previous and nxt != start:
                previous[nxt] = status
                queue.append(nxt)
    if goal not in previous:
        return []
    path = [goal]
    while previous[path[-1]] != start:
        path.append(previous[path[-1]])
    return path[::-1]


# --- strategies -----------------------------------------------------------------------------

# Characters `str.strip()` removes: ASCII, Latin-1, Unicode spaces and line separators.
WHITESPACE = " \t\n\r\x0b\x0c\x85\u00a0\u1680\u2000\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
# Characters `str.strip()` keeps (every whitespace character is in one of these categories), so a
# message's visible length is known by construction.
visible_chars = st.characters(exclude_categories=("Zs", "Zl", "Zp", "Cc", "Cs"))
padding = st.text(alphabet=WHITESPACE, max_size=4)


def visible_text(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.text(visible_chars, min_size=min_size, max_size=max_size)


# Lengths right at the thresholds matter most; the rest keep the walk honest.
THRESHOLDS = (MIN_MESSAGE - 1, MIN_MESSAGE, MIN_DECLINE_REASON - 1, MIN_DECLINE_REASON)
cores = st.one_of(
    *(visible_text(n, n) for n in THRESHOLDS), visible_text(0, 2 * MIN_DECLINE_REASON)
)


@st.composite
def padded_messages(draw: st.DrawFn, core: st.SearchStrategy[str] = cores) -> tuple[str, int]:
    """A message wrapped in whitespace, and its number of visible characters."""
    text = draw(core)
    return draw(padding) + text + draw(padding), len(text)


messages = st.one_of(
    st.none(),
    st.just(""),
    st.text(alphabet=WHITESPACE, max_size=60),
    st.text(max_size=MIN_MESSAGE + 2),
    st.text(max_size=3 * MIN_DECLINE_REASON),
    padded_messages().map(lambda pair: pair[0]),
)
# Near misses of real statuses as well as arbitrary text.
unknown_statuses = st.one_of(
    st.sampled_from(["", "archived", "Declined", " declined", "in-dialogue", "closed"]),
    st.text(max_size=20),
).filter(lambda s: s not in STATUSES)
statuses = st.sampled_from(STATUSES)


@st.composite
def any_status(draw: st.DrawFn) -> str:
    """Mostly a real status, where the rules live; now and then anything else."""
    return draw(statuses if draw(st.integers(0, 4)) else unknown_statuses)


@st.composite
def moves(draw: st.DrawFn) -> tuple[str, str]:
    """A current status and a target, half the time one the table allows, so acceptance is common."""
    current = draw(any_status())
    allowed = sorted(allowed_targets(current))
    if allowed and draw(st.booleans()):
        return current, draw(st.sampled_from(allowed))
    return current, draw(any_status())


open_statuses = st.sampled_from([s for s in STATUSES if s not in CLOSED])
GOOD_REASON = "Idéen ligger uden for det kommunen må, og det skriver vi til initiativtageren."
assert len(GOOD_REASON) >= MIN_DECLINE_REASON


# --- the walk -------------------------------------------------------------------------------


class CaseLifecycle(RuleBasedStateMachine):
    """One case, moved by staff through random attempts; only accepted moves change its status."""

    def __init__(self) -> None:
        super().__init__()
        self.status = "received"
        self.left_entry = False

    @initialize(start=st.sampled_from(sorted(ENTRY)))
    def arrive(self, start: str) -> None:
        self.status = start

    # `to`, not `target`: hypothesis reserves `target` for bundles.
    @rule(to=any_status(), message=messages)
    def attempt_anything(self, to: str, message: str | None) -> None:
        self.attempt(to, message)

    # Random attempts are mostly refused; this keeps the walk moving through the whole table.
    @rule(data=st.data(), message=padded_messages(visible_text(MIN_DECLINE_REASON, 60)))
    def make_a_proper_move(self, data: st.DataObject, message: tuple[str, int]) -> None:
        to = data.draw(st.sampled_from(sorted(allowed_targets(self.status))), label="to")
        assert self.attempt(to, message[0])

    def attempt(self, to: str, message: str | None) -> bool:
        expected = expected_refusal(self.status, to, message)
        try:
            check_transition(self.status, to, message)
        except TransitionRefused as refused:
            assert expected == refused.field, (self.status, to, message, refused.message)
            assert_names_the_problem(refused, self.status, to, message)
            # No hidden state: the same attempt is refused the same way again.
            assert outcome(self.status, to, message) == (refused.field, refused.message)
            return False
        assert expected is None, (self.status, to, message)
        self.status = to
        self.left_entry = True
        return True

    @invariant()
    def the_status_is_known(self) -> None:
        assert self.status in STATUSES

    @invariant()
    def the_table_follows_the_rules(self) -> None:
        assert allowed_targets(self.status) == model_targets(self.status)

    @invariant()
    def a_case_never_returns_to_entry(self) -> None:
        if self.left_entry:
            assert self.status not in ENTRY

    @invariant()
    def a_closed_case_can_only_be_reopened(self) -> None:
        if self.status not in CLOSED:
            return
        for to in STATUSES:
            result = outcome(self.status, to, GOOD_REASON)
            if to == "in_dialogue":
                assert result is None
            else:
                assert result is not None and result[0] == "to", (self.status, to)

    @invariant()
    def an_open_case_can_always_be_withdrawn_or_declined(self) -> None:
        # The initiator may always pull out, and staff may always say no with a reason.
        if self.status not in CLOSED:
            assert outcome(self.status, "withdrawn", GOOD_REASON) is None
            assert outcome(self.status, "declined", GOOD_REASON) is None


TestCaseLifecycle = CaseLifecycle.TestCase
# Bounded by examples, not time: rich unicode messages are slow to generate on a loaded machine,
# and the speed health check would make the run flaky there without finding anything.
TestCaseLifecycle.settings = settings(
    max_examples=100, stateful_step_count=30, suppress_health_check=[HealthCheck.too_slow]
)


# --- check_transition as a function ---------------------------------------------------------


@given(moves(), padded_messages())
def test_a_move_is_accepted_exactly_when_allowed_and_long_enough(move, message):
    current, target = move
    text, n = message
    refusal = outcome(current, target, text)
    if target not in model_targets(current):
        assert refusal is not None and refusal[0] == "to"
    elif n < needed_length(target):
        assert refusal is not None and refusal[0] == "message"
    else:
        assert refusal is None


@given(moves(), messages, padding, padding)
def test_surrounding_whitespace_never_changes_the_outcome(move, message, left, right):
    current, target = move
    padded = left + (message or "") + right
    assert outcome(current, target, padded) == outcome(current, target, message)


@given(moves(), messages, visible_text(1, 50))
def test_a_longer_message_never_turns_acceptance_into_refusal(move, message, more):
    current, target = move
    if outcome(current, target, message) is None:
        assert outcome(current, target, (message or "") + more) is None
        assert outcome(current, target, more + (message or "")) is None


@given(moves(), messages, messages)
def test_a_forbidden_move_is_refused_whatever_the_message(move, first, second):
    current, target = move
    # The status problem is reported before the message problem, so the answer does not move.
    refusal = outcome(current, target, first)
    if refusal is not None and refusal[0] == "to":
        assert outcome(current, target, second) == refusal


@given(moves(), st.text(alphabet=WHITESPACE, max_size=30))
def test_no_message_empty_and_blank_are_the_same(move, blank):
    current, target = move
    assert outcome(current, target, None) == outcome(current, target, "")
    assert outcome(current, target, blank) == outcome(current, target, "")


@given(any_status())
def test_allowed_targets_is_the_table_and_empty_for_unknown_statuses(status):
    assert allowed_targets(status) == TRANSITIONS.get(status, frozenset())
    assert allowed_targets(status) == model_targets(status)


# However short the reason, a refused decline names the decline's minimum, not the general one.
@given(open_statuses, padded_messages(visible_text(0, MIN_DECLINE_REASON - 1)))
def test_a_refused_decline_names_the_decline_minimum(current, message):
    refusal = outcome(current, "declined", message[0])
    assert refusal is not None and refusal[0] == "message"
    assert str(MIN_DECLINE_REASON) in refusal[1]


# --- the shape of the table -----------------------------------------------------------------


def test_from_either_entry_status_staff_can_reach_every_other_status():
    assert reachable("received") == set(STATUSES) - ENTRY
    assert reachable("assigned") == set(STATUSES) - ENTRY


def test_every_status_can_still_reach_every_closed_status():
    # No dead end: whatever happened, the case can still end in any of the four ways.
    for status in STATUSES:
        assert reachable(status) >= CLOSED, status


def test_past_entry_every_status_reaches_every_other():
    # Entry aside, the statuses form one strongly connected group: reopening makes it a cycle.
    for status in INITIATOR_VISIBLE:
        assert reachable(status) == INITIATOR_VISIBLE, status


def test_staff_move_cases_into_exactly_the_initiator_visible_statuses():
    assert set().union(*TRANSITIONS.values()) == INITIATOR_VISIBLE


@pytest.mark.parametrize("start", sorted(ENTRY))
@pytest.mark.parametrize("goal", sorted(INITIATOR_VISIBLE))
def test_a_shortest_path_through_the_table_is_walkable_through_check_transition(start, goal):
    path = shortest_path(start, goal)
    assert path and path[-1] == goal
    current = start
    for step in path:
        check_transition(current, step, GOOD_REASON)
        current = step


# --- choose_agent ---------------------------------------------------------------------------

THEMES = sorted(THEME_TEAMS)
themes = st.sampled_from([*THEMES, "ukendt-tema"])
# Few themes per agent and small loads, so eligibility and ties are both common.
candidates = st.builds(
    Candidate,
    id=st.integers(min_value=1, max_value=50),
    areas=st.frozensets(st.sampled_from(THEMES[:4]), max_size=3),
    available=st.booleans(),
    open_cases=st.integers(min_value=0, max_value=5),
)
candidate_lists = st.lists(candidates, max_size=10, unique_by=lambda c: c.id)
themes_in_play = st.sampled_from(THEMES[:4])


def eligible(theme: str, pool: list[Candidate]) -> list[Candidate]:
    return [c for c in pool if c.available and theme in c.areas]


def by_id(pool: list[Candidate], agent_id: int) -> Candidate:
    (agent,) = [c for c in pool if c.id == agent_id]
    return agent


@given(themes, candidate_lists)
def test_the_choice_is_an_eligible_least_loaded_agent_lowest_id_first(theme, pool):
    chosen = choose_agent(theme, pool)
    covering = eligible(theme, pool)
    if not covering:
        assert chosen is None
        return
    assert chosen is not None
    winner = by_id(pool, chosen)
    assert winner in covering
    assert all(winner.open_cases <= c.open_cases for c in covering)
    assert all(winner.id <= c.id for c in covering if c.open_cases == winner.open_cases)


@given(themes_in_play, candidate_lists, st.data())
def test_the_order_of_the_candidates_never_matters(theme, pool, data):
    shuffled = data.draw(st.permutations(pool), label="shuffled")
    assert choose_agent(theme, shuffled) == choose_agent(theme, pool)


@given(themes_in_play, candidate_lists)
def test_a_single_pass_iterator_is_enough(theme, pool):
    assert choose_agent(theme, iter(pool)) == choose_agent(theme, pool)


@given(themes_in_play, candidate_lists, st.lists(candidates, max_size=5), st.data())
def test_absent_or_non_covering_agents_never_change_the_choice(theme, pool, extra, data):
    # Each extra agent is made ineligible one way or the other, whatever their load or id.
    ineligible = [
        dataclasses.replace(c, available=False)
        if data.draw(st.booleans(), label="absent")
        else dataclasses.replace(c, areas=c.areas - {theme})
        for c in extra
    ]
    mixed = data.draw(st.permutations(pool + ineligible), label="mixed")
    assert choose_agent(theme, mixed) == choose_agent(theme, pool)


@given(themes_in_play, candidate_lists, st.data())
def test_more_work_for_the_others_or_less_for_the_winner_keeps_the_winner(theme, pool, data):
    chosen = choose_agent(theme, pool)
    if chosen is None:
        return
    extra = data.draw(st.lists(st.integers(0, 5), min_size=len(pool), max_size=len(pool)))
    heavier = [
        c if c.id == chosen else dataclasses.replace(c, open_cases=c.open_cases + more)
        for c, more in zip(pool, extra, strict=True)
    ]
    assert choose_agent(theme, heavier) == chosen
    lighter = [
        dataclasses.replace(c, open_cases=max(0, c.open_cases - 1)) if c.id == chosen else c
        for c in pool
    ]
    assert choose_agent(theme, lighter) == chosen


@given(themes_in_play, candidate_lists, st.integers(min_value=0, max_value=30))
def test_assigning_case_after_case_keeps_the_load_level(theme, pool, cases):
    # Least-loaded first fills like water: whoever got a case ends at most one above the lowest.
    loads = {c.id: c.open_cases for c in pool}
    received: set[int] = set()
    for _ in range(cases):
        current = [dataclasses.replace(c, open_cases=loads[c.id]) for c in pool]
        chosen = choose_agent(theme, current)
        if chosen is None:
            assert not eligible(theme, pool)
            return
        loads[chosen] += 1
        received.add(chosen)
    covering = {c.id for c in eligible(theme, pool)}
    assert received <= covering
    if covering:
        lowest = min(loads[i] for i in covering)
        assert all(loads[i] <= lowest + 1 for i in received)
    assert sum(loads.values()) == sum(c.open_cases for c in pool) + (cases if covering else 0)
