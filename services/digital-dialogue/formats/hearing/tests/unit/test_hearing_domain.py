import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from sammen.formats.hearing import domain
from sammen.local_time import parse_local_datetime

OPENS = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
DEADLINE = datetime(2026, 12, 15, 11, 0, tzinfo=UTC)


def test_a_hearing_takes_answers_from_its_opening_until_just_before_its_deadline():
    assert domain.phase(OPENS, DEADLINE, OPENS - timedelta(seconds=1)) == domain.UPCOMING
    assert domain.accepts_responses(OPENS, DEADLINE, OPENS)
    assert domain.accepts_responses(OPENS, DEADLINE, DEADLINE - timedelta(seconds=1))
    assert not domain.accepts_responses(OPENS, DEADLINE, DEADLINE)
    assert domain.phase(OPENS, DEADLINE, DEADLINE) == domain.CLOSED


def test_times_without_an_offset_are_copenhagen_time():
    assert parse_local_datetime("2026-12-15T12:00") == DEADLINE
    assert parse_local_datetime("2026-07-01T12:00") == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    assert parse_local_datetime("2026-12-15T12:00+00:00").hour == 12
    assert domain.local_input_value(DEADLINE) == "2026-12-15T12:00"


def test_the_document_is_split_at_headings():
    sections = domain.parse_sections("# Baggrund\nTo skoler.\n\n## Forslaget\r\nÉn skole.\n")
    assert sections == [
        {"heading": "Baggrund", "body": "To skoler."},
        {"heading": "Forslaget", "body": "Én skole."},
    ]
    with pytest.raises(ValueError, match="overskrift"):
        domain.parse_sections("Tekst før den første overskrift\n# A\nx")
    assert domain.parse_sections("") == []


def test_public_answers_wait_for_moderation_and_internal_ones_stay_internal():
    assert domain.initial_moderation("public") == domain.PENDING
    assert domain.initial_moderation("internal") == domain.INTERNAL
    assert domain.moderation_after(domain.PENDING, "restore") == domain.PUBLISHED
    assert domain.moderation_after(domain.PUBLISHED, "hide") == domain.HIDDEN
    assert domain.moderation_after(domain.INTERNAL, "restore") == domain.INTERNAL


def test_the_export_is_excel_friendly_and_defuses_formulas():
    row = domain.ExportRow(
        "r1",
        DEADLINE,
        "Cykelstier",
        '=HYPERLINK("x")',
        "a@b.dk",
        "",
        "Svar; med\nlinjeskift",
        "pending",
    )
    text = domain.export_csv([row])
    assert text.startswith("\ufeffsvar_id;indsendt;")
    [parsed] = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    assert parsed["navn"].startswith("'=")
    assert parsed["svar"] == "Svar; med\nlinjeskift"
    assert parsed["indsendt"] == "2026-12-15 12:00"
    assert parsed["status"] == "Afventer moderation"


def test_a_notat_naming_a_section_the_hearing_lacks_names_the_first_such_section():
    answers = [{"section": 1}, {"section": 7}, {"section": 8}]
    assert domain.unknown_section([1, 2], answers) == 7
    assert domain.unknown_section([1, 7, 8], answers) is None
    assert domain.unknown_section([1], []) is None


def test_each_respondent_is_told_once_in_the_order_they_first_answered():
    bent = domain.Respondent("r1", "Bent", "bent@example.dk", "da")
    lis = domain.Respondent("r2", "Lis", "lis@example.dk", "en")
    bent_again = domain.Respondent("r3", "Bent O.", " BENT@example.dk", "da")
    assert domain.respondents([bent, lis, bent_again]) == [bent, lis]
    assert domain.respondents([]) == []
