"""How people's text is cleaned before validation (sammen.schemas)."""

from datetime import UTC, datetime

import pytest
from marshmallow import ValidationError, fields, validate

from sammen.schemas import (
    CleanedInputSchema,
    EmailAddress,
    IdeaHeadlineSchema,
    Line,
    NamedOutSchema,
    PersonInSchema,
    StatusOutSchema,
    Text,
    TimelineEntrySchema,
    choice,
    list_limit,
    optional_choice,
    optional_line,
    optional_text,
    required_line,
    required_text,
)


class Example(CleanedInputSchema):
    title = fields.String(
        required=True,
        validate=validate.Length(3, 80),
        error_messages={"required": "Giv idéen en titel"},
    )
    location = fields.String(load_default=None)
    description = fields.String(load_default="")
    count = fields.Integer(load_default=1)


def test_surrounding_spaces_go_and_inner_ones_stay():
    assert Example().load({"title": "  Bytte-reol  på biblioteket \n"})["title"] == (
        "Bytte-reol  på biblioteket"
    )


def test_an_empty_required_field_reads_as_missing_not_as_too_short():
    with pytest.raises(ValidationError) as refused:
        Example().load({"title": "   "})
    assert refused.value.messages == {"title": ["Giv idéen en titel"]}


def test_an_empty_optional_field_takes_its_default():
    loaded = Example().load({"title": "Bænke", "location": " ", "description": ""})
    assert (loaded["location"], loaded["description"]) == (None, "")


def test_other_values_and_unknown_fields_pass_through_to_validation():
    assert Example().load({"title": "Bænke", "count": 4})["count"] == 4
    with pytest.raises(ValidationError) as refused:
        Example().load({"title": "Bænke", "extra": "  x "})
    assert "extra" in refused.value.messages


class Padded(CleanedInputSchema):
    reason = fields.String(load_default="", validate=validate.Length(max=10))


def test_trimming_never_makes_a_text_past_the_length_limit_fit():
    """The published maxLength is about what is sent: 11 characters are refused, spaces or not."""
    assert Padded().load({"reason": " Aflyst  "}) == {"reason": "Aflyst"}
    for sent in ("Aflyst     ", " " * 11, "0123456789 "):
        with pytest.raises(ValidationError) as refused:
            Padded().load({"reason": sent})
        assert "reason" in refused.value.messages


class Contact(CleanedInputSchema):
    name = Line(required=True)
    email = EmailAddress(required=True)
    message = Text(load_default="")


LINE_MESSAGE = Line.default_error_messages["control_character"]


@pytest.mark.parametrize(
    "name", ["Eve\r\nBcc: alle@example.dk", "Eve\nJensen", "Eve\tJensen", "Eve\x1b", "Eve\u2028x"]
)
def test_a_line_refuses_line_breaks_and_control_characters(name):
    with pytest.raises(ValidationError) as refused:
        Contact().load({"name": name, "email": "eve@example.dk"})
    assert refused.value.messages == {"name": [LINE_MESSAGE]}


def test_an_email_address_is_a_line_too():
    with pytest.raises(ValidationError) as refused:
        Contact().load({"name": "Eve", "email": "eve@example.dk\r\nBcc: x@example.dk"})
    assert refused.value.messages == {"email": [LINE_MESSAGE]}


def test_a_text_takes_line_breaks_and_tabs_but_no_other_control_character():
    body = {"name": "Eve", "email": "eve@example.dk", "message": "Hej\r\n\tmed\nlinjer"}
    assert Contact().load(body)["message"] == "Hej\r\n\tmed\nlinjer"
    with pytest.raises(ValidationError) as refused:
        Contact().load(body | {"message": "Hej\x07"})
    assert refused.value.messages == {"message": [Text.default_error_messages["control_character"]]}


def test_the_openapi_pattern_states_the_same_rule_unless_a_stricter_one_is_given():
    assert Line().metadata["pattern"] == "^[^\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029]*$"
    assert "pattern" not in Line(validate=validate.OneOf(["a", "b"])).metadata
    assert "pattern" not in Line(validate=validate.Regexp("^[0-9]+$")).metadata


def test_a_required_text_tells_a_missing_and_a_wrong_length_apart():
    class Answer(CleanedInputSchema):
        text = required_text(3, 10, "Svaret skal være 3–10 tegn", "Skriv dit svar")

    for sent, told in (({}, "Skriv dit svar"), ({"text": "ja"}, "Svaret skal være 3–10 tegn")):
        with pytest.raises(ValidationError) as refused:
            Answer().load(sent)
        assert refused.value.messages == {"text": [told]}
    assert isinstance(Answer().fields["text"], Text)


def test_a_required_line_is_one_line_and_says_what_it_is_in_the_openapi_document():
    field = required_line(1, 20, "Højst 20 tegn", "Skriv enheden", description="the unit")
    assert isinstance(field, Line)
    assert (field.required, field.metadata["description"]) == (True, "the unit")


def test_a_person_who_writes_in_gives_a_name_and_a_valid_address():
    assert PersonInSchema().load({"name": " Anna ", "email": "anna@example.dk"}) == {
        "name": "Anna",
        "email": "anna@example.dk",
    }
    with pytest.raises(ValidationError) as refused:
        PersonInSchema().load({"name": "Anna", "email": "anna"})
    assert refused.value.messages == {
        "email": ["Skriv en gyldig e-mailadresse, fx navn@eksempel.dk"]
    }


def test_an_optional_line_or_text_may_be_left_out_but_not_be_too_long():
    class Case(CleanedInputSchema):
        unit = optional_line(5, description="who takes over")
        note = optional_text(5)

    assert Case().load({}) == {"unit": None, "note": None}
    assert Case().load({"unit": " ", "note": "a\nb"}) == {"unit": None, "note": "a\nb"}
    with pytest.raises(ValidationError) as refused:
        Case().load({"unit": "Teknik", "note": "a\nb"})
    assert list(refused.value.messages) == ["unit"]
    assert Case().fields["unit"].metadata["description"] == "who takes over"
    assert isinstance(Case().fields["note"], Text)


def test_a_choice_tells_a_wrong_and_a_missing_pick_apart():
    class Pick(CleanedInputSchema):
        kind = choice(("council", "club"), "Vælg en slags", "Vælg hvilken slags")
        size = optional_choice(("small", "large"), "Vælg en størrelse")

    assert Pick().load({"kind": "club"}) == {"kind": "club", "size": None}
    for sent, told in (
        ({}, {"kind": ["Vælg hvilken slags"]}),
        (
            {"kind": "band", "size": "huge"},
            {"kind": ["Vælg en slags"], "size": ["Vælg en størrelse"]},
        ),
    ):
        with pytest.raises(ValidationError) as refused:
            Pick().load(sent)
        assert refused.value.messages == told


def test_a_list_gives_100_entries_unless_asked_for_1_to_500():
    class Query(CleanedInputSchema):
        limit = list_limit()

    assert Query().load({}) == {"limit": 100}
    assert Query().load({"limit": "500"}) == {"limit": 500}
    with pytest.raises(ValidationError):
        Query().load({"limit": 501})


def test_an_id_and_status_answer_gives_those_and_what_its_service_adds():
    class Registration(StatusOutSchema):
        event_id = fields.String()

    made = {"id": "r1", "status": "confirmed", "event_id": "e1", "token": "secret"}
    assert Registration().dump(made) == {"id": "r1", "status": "confirmed", "event_id": "e1"}


def test_a_named_entry_gives_its_slug_and_name():
    entry = {"slug": "miljo", "name": "Miljø", "position": 3}
    assert NamedOutSchema().dump(entry) == {"slug": "miljo", "name": "Miljø"}


def test_a_timeline_line_gives_when_and_what_kind():
    line = TimelineEntrySchema().dump({"at": datetime(2026, 12, 1, 9, tzinfo=UTC), "kind": "note"})
    assert line == {"at": "2026-12-01T09:00:00+00:00", "kind": "note"}


def test_an_ideas_headline_never_carries_the_initiator():
    idea = {"tracking_code": "AB12-CD34", "title": "Bytte-reol", "theme": "miljo", "status": "new"}
    assert IdeaHeadlineSchema().dump(idea | {"initiator_email": "anna@example.dk"}) == idea
