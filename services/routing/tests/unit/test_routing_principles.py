"""The six principles' figures from case facts: each a numerator of a denominator."""

from datetime import UTC, date, datetime, timedelta

from sammen.routing.principles import CaseFacts, Period, Step, default_period, figures

DUE = datetime(2026, 11, 30, 23, tzinfo=UTC)
T = datetime(2026, 11, 24, 10, tzinfo=UTC)
REASON = "Kommunen må ikke drive caféen selv, fordi den vil konkurrere med andre."


def case(channel="web", status="assigned", answered=None, linked=False, steps=()):
    return CaseFacts(channel, status, DUE, answered, linked, steps)


def moved(to, message=None, at=T):
    steps = [Step(at, "status_changed", to)]
    return steps + ([Step(at, "message", None, message)] if message else [])


def by_principle(facts):
    return {f.principle: (f.numerator, f.denominator) for f in figures(facts)}


def test_six_figures_in_order_each_saying_what_it_counts():
    result = figures([])
    assert [f.principle for f in result] == [
        "quick_answer",
        "reasoned_declines",
        "bridges",
        "small_trials",
        "ownership",
        "where_people_are",
    ]
    assert all(f.label and f.counts and (f.numerator, f.denominator) == (0, 0) for f in result)


def test_a_first_answer_counts_when_it_came_by_the_deadline():
    facts = [case(answered=DUE), case(answered=DUE + timedelta(seconds=1)), case()]
    assert by_principle(facts)["quick_answer"] == (1, 3)


def test_every_decline_is_counted_and_those_with_a_real_reason_are_the_numerator():
    reasoned = case(status="declined", steps=moved("declined", REASON))
    curt = case(status="declined", steps=moved("declined", "Nej tak."))
    reopened = case(
        status="in_dialogue",
        steps=[*moved("declined", REASON), *moved("in_dialogue", "Igen.", T + timedelta(days=1))],
    )
    assert by_principle([reasoned, curt, reopened, case()])["reasoned_declines"] == (2, 3)


def test_bridges_trials_and_ownership():
    linked = case(linked=True)
    connected = case(steps=moved("connected", "Koblet."))
    tried = case(status="realised", steps=[*moved("trial", "Prøv."), *moved("realised", "Ja.")])
    returned = case(status="returned_to_initiator")
    facts = [linked, connected, tried, returned, case()]
    figures_ = by_principle(facts)
    assert figures_["bridges"] == (2, 5)
    assert figures_["small_trials"] == (1, 5)
    assert figures_["ownership"] == (1, 2)  # of the ended cases: realised and returned


def test_ideas_by_channel_count_the_places_where_we_met_people():
    facts = [
        case("web"),
        case("deltag-bilen"),
        case("meeting"),
        case("meeting"),
        case("gentofte.dk"),
    ]
    [channels] = [f for f in figures(facts) if f.principle == "where_people_are"]
    assert (channels.numerator, channels.denominator) == (3, 5)
    assert channels.breakdown == {"deltag-bilen": 1, "gentofte.dk": 1, "meeting": 2, "web": 1}


def test_the_default_period_is_the_last_90_days_in_copenhagen():
    late_evening = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # already 1 December in Copenhagen
    period = default_period(late_evening, None, None)
    assert period == Period(date(2026, 9, 3), date(2026, 12, 1))
    assert (period.last - period.first).days + 1 == 90
    assert default_period(late_evening, date(2026, 1, 1), date(2026, 1, 31)) == Period(
        date(2026, 1, 1), date(2026, 1, 31)
    )
    assert period.end - period.start == timedelta(days=90)
