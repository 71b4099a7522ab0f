"""Copenhagen times as staff type them, and staff's CSV files that no spreadsheet runs."""

from datetime import UTC, datetime

import pytest
from marshmallow import Schema, ValidationError

from sammen.local_time import LocalDateTime, parse_local_datetime
from sammen.spreadsheet import defuse, semicolon_csv


def test_a_time_without_an_offset_is_copenhagen_time_in_winter_and_summer():
    assert parse_local_datetime("2026-12-10T12:00") == datetime(2026, 12, 10, 11, 0, tzinfo=UTC)
    assert parse_local_datetime(" 2026-06-10T12:00 ") == datetime(2026, 6, 10, 10, 0, tzinfo=UTC)
    assert parse_local_datetime("2026-12-10T12:00+00:00") == datetime(2026, 12, 10, 12, tzinfo=UTC)


def test_the_field_refuses_what_is_no_time_with_the_callers_message():
    class Form(Schema):
        at = LocalDateTime(error_messages={"invalid": "Skriv dato og klokkeslæt"})

    assert Form().load({"at": "2026-12-10T12:00"})["at"].tzinfo is UTC
    with pytest.raises(ValidationError) as refused:
        Form().load({"at": "i morgen"})
    assert refused.value.messages == {"at": ["Skriv dato og klokkeslæt"]}


@pytest.mark.parametrize("cell", ["=SUM(A1)", "+1", "-1", "@A1", "\tx", "\rx"])
def test_a_cell_that_would_run_as_a_formula_is_quoted(cell):
    assert defuse(cell) == "'" + cell


def test_the_file_has_a_bom_semicolons_and_defused_cells():
    text = semicolon_csv(("navn", "svar"), [("Bent", '=HYPERLINK("x")'), ("Lis", "Ja; tak")])
    assert text == '\ufeffnavn;svar\r\nBent;"\'=HYPERLINK(""x"")"\r\nLis;"Ja; tak"\r\n'
