"""How people's text is cleaned before validation (sammen.schemas)."""

import pytest
from marshmallow import ValidationError, fields, validate

from sammen.schemas import CleanedInputSchema


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
