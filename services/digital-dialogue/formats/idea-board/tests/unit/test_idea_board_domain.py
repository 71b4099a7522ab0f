from datetime import UTC, datetime, timedelta

from sammen.formats.idea_board import domain
from sammen.formats.idea_board.schemas import JoinInSchema

T0 = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def test_an_older_case_event_never_undoes_a_newer_one():
    assert domain.is_newer(None, T0)
    assert domain.is_newer(T0, T0)
    assert not domain.is_newer(T0, T0 - timedelta(seconds=1))


def test_withdrawn_ideas_leave_the_board_and_every_other_status_stays():
    assert not domain.on_board("withdrawn")
    assert all(domain.on_board(s) for s in domain.STATUS_NAMES if s != "withdrawn")


def test_the_board_sorts_by_time_only():
    assert set(domain.SORTS) == {"new", "active"}


def test_unknown_themes_show_their_slug():
    assert domain.theme_name("kultur-og-fritid") == "Kultur og fritid"
    assert domain.theme_name("ny-politik") == "ny-politik"


def test_a_join_names_every_bad_field():
    errors = JoinInSchema().validate({"offer": "money", "name": " ", "email": "x", "message": ""})
    assert set(errors) == {"offer", "name", "email", "message"}
    ok = JoinInSchema().load(
        {"offer": "help", "name": " Karen ", "email": "k@example.dk", "message": "Jeg kan bære."}
    )
    assert ok["name"] == "Karen"
