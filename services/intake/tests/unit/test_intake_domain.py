import pytest
from marshmallow import ValidationError

from sammen.intake.domain import (
    THEMES,
    TRACKING_ALPHABET,
    entry_for_case_event,
    new_tracking_code,
    normalise_tracking_code,
)
from sammen.intake.pages import field_errors, payload_from_form
from sammen.intake.schemas import IdeaInSchema
from sammen.testing import made_distinct


def test_tracking_codes_are_short_and_have_no_look_alike_characters():
    for code in made_distinct(new_tracking_code, 2000):
        assert len(code) == 9 and code[4] == "-"
        assert set(code.replace("-", "")) <= set(TRACKING_ALPHABET)
    assert not set("01IOLSZB258G6") & set(TRACKING_ALPHABET)


def test_a_tracking_code_takes_each_byte_onto_the_alphabet_and_passes_over_the_uneven_ones():
    # 23 letters: bytes 253-255 would make the first letters likelier, so they are passed over.
    draws = iter([bytes([253, 254, 255, 0, 1, 2, 3, 4]), bytes(range(23, 31))])
    code = new_tracking_code(lambda count: next(draws))
    assert code == "ACDE-FACD"


@pytest.mark.parametrize("typed", ["acdf hjkm", "ACDF-HJKM", " acdfhjkm ", "AC DF HJ KM"])
def test_a_tracking_code_is_found_however_it_is_typed(typed):
    assert normalise_tracking_code(typed) == "ACDF-HJKM"


def test_the_themes_include_andet():
    assert THEMES["andet"] == "Andet"


def test_case_events_become_public_history_lines():
    assigned = entry_for_case_event("case.assigned", {"agent": {"name": "Agnete Holm"}})
    assert assigned.status == "assigned" and "Agnete Holm" in assigned.message
    changed = entry_for_case_event(
        "case.status_changed", {"to": "declined", "message": "Kommunen må ikke, fordi …"}
    )
    assert changed.status == "declined" and changed.message.startswith("Kommunen må ikke")
    assert entry_for_case_event("case.linked", {}) is None
    assert entry_for_case_event("case.assigned", {"agent": None}) is None


VALID = {
    "title": "Bytte-reol",
    "description": "En reol hvor naboer bytter bøger og spil.",
    "theme": "kultur-og-fritid",
    "location": "",
    "channel": "web",
    "name": "Anna",
    "email": "anna@example.dk",
    "consent_contact": "ja",
}


def test_the_form_maps_onto_the_api_schema_and_optional_blanks_are_none():
    payload = IdeaInSchema().load(payload_from_form(VALID))
    assert payload["location"] is None
    assert payload["initiator"]["phone"] is None
    assert payload["consent"] == {"contact": True, "publish": False}


def test_form_errors_are_named_by_the_form_field():
    form = dict(VALID, email="ikke-en-adresse", title="x")
    form.pop("consent_contact")
    with pytest.raises(ValidationError) as caught:
        IdeaInSchema().load(payload_from_form(form))
    errors = field_errors(caught.value)
    assert set(errors) == {"email", "title", "consent_contact"}
    assert "gyldig e-mailadresse" in errors["email"]


def test_unknown_api_fields_are_refused():
    body = payload_from_form(VALID) | {"priority": "high"}
    with pytest.raises(ValidationError) as caught:
        IdeaInSchema().load(body)
    assert "priority" in caught.value.messages
