"""Answer templates: a status the initiator is told about, da or en, a title, and a usable text."""

import pytest

from sammen.routing.domain import AnswerTemplateRefused, check_answer_template

TEXT = "Tak for din idé. Jeg ringer dig op i løbet af ugen, så vi kan tale om den."
REASON = "Kommunen må ikke drive caféen selv, fordi den vil konkurrere med andre."


def test_a_usable_template_passes():
    check_answer_template("in_dialogue", "da", "Første opkald", TEXT)
    check_answer_template("declined", "en", "Competition", REASON)


@pytest.mark.parametrize(
    ("status", "language", "title", "text", "field"),
    [
        ("assigned", "da", "Tildelt", TEXT, "status"),
        ("nonsense", "da", "X", TEXT, "status"),
        ("in_dialogue", "de", "Hallo", TEXT, "language"),
        ("in_dialogue", "da", "  ", TEXT, "title"),
        ("in_dialogue", "da", "x" * 81, TEXT, "title"),
        ("in_dialogue", "da", "Kort", "Hej.", "text"),
        ("declined", "da", "Nej", "Nej tak, vi kan ikke.", "text"),
        ("in_dialogue", "da", "Lang", "x" * 2001, "text"),
    ],
)
def test_a_template_no_message_could_come_from_is_refused(status, language, title, text, field):
    with pytest.raises(AnswerTemplateRefused) as refused:
        check_answer_template(status, language, title, text)
    assert refused.value.field == field
