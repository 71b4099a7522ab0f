"""The theme discussion's pure rules: open until the closing time, questions, who is told once."""

from datetime import UTC, datetime, timedelta

from sammen.formats.theme_discussion import domain

CLOSES = datetime(2026, 12, 10, 11, 0, tzinfo=UTC)


def test_a_discussion_takes_answers_until_its_closing_time_and_then_may_be_concluded():
    before = CLOSES - timedelta(seconds=1)
    assert domain.phase(CLOSES, None, before) == domain.OPEN
    assert domain.accepts_contributions(CLOSES, before)
    assert not domain.may_conclude(CLOSES, before)
    assert domain.phase(CLOSES, None, CLOSES) == domain.CLOSED
    assert not domain.accepts_contributions(CLOSES, CLOSES)
    assert domain.may_conclude(CLOSES, CLOSES)
    assert domain.phase(CLOSES, CLOSES, CLOSES + timedelta(days=3)) == domain.CONCLUDED


def test_the_staff_form_reads_one_question_per_line_and_leaves_blank_lines_out():
    text = "Hvad savner du i Gentofte?\r\n\r\n  Hvor mødes unge i dag?  \n\n"
    assert domain.parse_questions(text) == ["Hvad savner du i Gentofte?", "Hvor mødes unge i dag?"]
    assert domain.parse_questions(" \n ") == []


def test_conclusions_naming_a_question_the_discussion_lacks_are_found():
    answers = [{"question_id": 1, "text": "a"}, {"question_id": 7, "text": "b"}]
    assert domain.unknown_question([1, 2], answers) == 7
    assert domain.unknown_question([1, 7], answers) is None
    assert domain.unknown_question([1], []) is None


def test_every_contributor_is_told_once_by_address_in_the_order_they_first_answered():
    answers = [
        domain.Contributor("c1", "Bent", "bent@example.dk", "da"),
        domain.Contributor("c2", "Lis", "lis@example.dk", "en"),
        domain.Contributor("c3", "Bent O.", " BENT@example.dk", "da"),
    ]
    assert [c.first_answer_id for c in domain.contributors(answers)] == ["c1", "c2"]


def test_moderation_publishes_on_restore_and_hides_on_hide():
    assert domain.moderation_after(domain.PENDING, "restore") == domain.PUBLISHED
    assert domain.moderation_after(domain.PUBLISHED, "hide") == domain.HIDDEN
    assert domain.moderation_after(domain.HIDDEN, "unknown") == domain.HIDDEN


def test_the_sign_up_link_points_at_the_meetings_registration_in_the_calendar():
    url = domain.sign_up_url("http://localhost:8004", "ab/c d")
    assert url == "http://localhost:8004/arrangementer/ab%2Fc%20d#tilmelding-sektion"


def test_the_export_orders_by_question_and_defuses_formulas():
    at = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    rows = [
        domain.ExportRow("b", at, 2, "Q2", "Lis", "lis@example.dk", "=HYPERLINK()", "pending"),
        domain.ExportRow("a", at + timedelta(hours=1), 1, "Q1", "Bent", "b@x.dk", "Ja", "hidden"),
    ]
    text = domain.export_csv(rows)
    assert text.startswith("\ufeff" + ";".join(domain.CSV_HEADER))
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[1].startswith("a;2026-12-01 11:00;1;Q1;Bent;b@x.dk;Ja;Skjult")
    assert lines[2].endswith(";'=HYPERLINK();Afventer moderation")
