"""The consultation core's rules for parts and the text functions its pages call
(sammen.pilot_formats.consultation, sammen.pilot_formats.web)."""

from dataclasses import dataclass

import pytest

from sammen.pilot_formats.consultation import UnknownPart, part_named, parts_answered
from sammen.pilot_formats.web import paragraphs


@dataclass
class Part:
    id: int


class UnknownChapter(UnknownPart):
    field, message = "chapter", "Not a chapter of this consultation."
    conclusions_field = "chapters"


def test_a_part_is_found_by_its_id_and_an_unknown_one_is_refused_on_the_answers_field():
    one, two = Part(1), Part(2)
    assert part_named([one, two], 2, UnknownChapter) is two
    with pytest.raises(UnknownChapter) as refused:
        part_named([one, two], 3, UnknownChapter)
    assert (refused.value.field, refused.value.part_id) == ("chapter", None)


def test_conclusions_pair_with_their_parts_or_name_the_first_unknown_one_on_their_field():
    one, two = Part(1), Part(2)
    answers = [{"chapter": 2, "text": "b"}, {"chapter": 1, "text": "a"}]
    assert parts_answered([one, two], answers, "chapter", UnknownChapter) == [
        (two, answers[0]),
        (one, answers[1]),
    ]
    with pytest.raises(UnknownChapter) as refused:
        parts_answered([one], answers, "chapter", UnknownChapter)
    assert refused.value.field == "chapters"
    assert refused.value.message == "Not a chapter of this consultation: 2"


def test_a_text_shows_as_its_paragraphs_escaped():
    text = "Første afsnit.\n\n  \n\nAndet <b>afsnit</b>."
    assert paragraphs(text) == "<p>Første afsnit.</p><p>Andet &lt;b&gt;afsnit&lt;/b&gt;.</p>"
    assert paragraphs(None) == ""
