"""The hand-over rule: a move to `handed_over` names the unit that takes over; no other move does."""

import pytest

from sammen.routing.domain import Responsible, TransitionRefused, responsible_for


def test_a_hand_over_names_the_unit_and_keeps_the_optional_person():
    owner = responsible_for(
        "handed_over", {"unit": " Biblioteket ", "name": "Ida Bog", "email": " ida@gentofte.dk "}
    )
    assert owner == Responsible("Biblioteket", "Ida Bog", "ida@gentofte.dk")
    assert responsible_for("handed_over", {"unit": "Biblioteket", "name": " "}) == Responsible(
        "Biblioteket"
    )


@pytest.mark.parametrize("given", [None, {}, {"unit": "  "}, {"name": "Ida Bog"}])
def test_a_hand_over_without_a_unit_is_refused_naming_responsible(given):
    with pytest.raises(TransitionRefused) as refused:
        responsible_for("handed_over", given)
    assert refused.value.field == "responsible"


@pytest.mark.parametrize("target", ["in_dialogue", "connected", "trial", "declined", "realised"])
def test_other_moves_name_no_owner(target):
    assert responsible_for(target, {"unit": "Biblioteket"}) is None
    assert responsible_for(target, None) is None


def test_the_owner_as_event_data():
    assert Responsible("Biblioteket", "Ida Bog").as_data() == {
        "unit": "Biblioteket",
        "name": "Ida Bog",
        "email": None,
    }
