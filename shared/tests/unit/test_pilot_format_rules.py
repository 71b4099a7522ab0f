"""The parts of a publication the formats' answers name, each named once, and what the access
report shows of a record (sammen.pilot_formats)."""

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from marshmallow import Schema, ValidationError, fields

from sammen.pilot_formats.contributors import first_unknown_part
from sammen.pilot_formats.fields import each_part_once
from sammen.pilot_formats.personal_data import Holding


def test_the_first_part_an_answer_names_that_the_publication_lacks_is_found():
    named = [{"section": 1}, {"section": 7}, {"section": 8}]
    assert first_unknown_part([1, 2], named, "section") == 7
    assert first_unknown_part([1, 7, 8], named, "section") is None
    assert first_unknown_part([1], [], "section") is None


class _Conclusions(Schema):
    per_question = fields.List(fields.Dict())
    each_question_once = each_part_once("per_question", "question_id", "Hvert spørgsmål én gang")


def test_a_list_naming_a_part_twice_is_refused_on_the_list():
    twice = {"per_question": [{"question_id": 1}, {"question_id": 1}]}
    with pytest.raises(ValidationError) as refused:
        _Conclusions().load(twice)
    assert refused.value.messages == {"per_question": ["Hvert spørgsmål én gang"]}
    assert _Conclusions().load({"per_question": [{"question_id": 1}, {"question_id": 2}]})


def test_the_access_report_shows_the_named_fields_with_times_in_iso_8601():
    shown = {"name": "respondent_name", "section": "section.heading", "at": "submitted_at"}
    holding = Holding("responses", None, shown)  # describing a record never reads the column
    moment = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    answer = SimpleNamespace(respondent_name="Bent", section=None, submitted_at=moment)
    assert holding.describe(answer) == {
        "name": "Bent",
        "section": None,
        "at": "2026-12-01T09:00:00+00:00",
    }
    answer.section = SimpleNamespace(heading="Cykelstier")
    assert holding.describe(answer)["section"] == "Cykelstier"
