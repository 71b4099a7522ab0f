"""Cases linked to a council (routing's `case.linked`): proposed agenda items on the council's
staff page, and a mail to each of its secretaries through notify's generic contract."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, inspect, select

from sammen.calendar import access, handlers
from sammen.calendar.handlers import on_case_linked
from sammen.calendar.models import ProposedAgendaItem
from sammen.contracts import Link
from sammen.testing import (
    events,
    publish_event,
    queued_events,
    running_worker,
    wait_for,
    wired_worker,
)
from sammen.testing.apps import signed_in

from .case_links import ROUTING_CASES, case_linked, received_link
from .conftest import ADMIN, AGENT, COORDINATOR, OTHER_SECRETARY, SECRETARY

HANDICAP_SECRETARIES = ("anne.handicap@gentofte.dk", SECRETARY.email)


@pytest.fixture
def worker(calendar_on_broker):
    database = calendar_on_broker.config["SAMMEN_DATABASE"]
    with database.transaction() as session:
        access.set_secretary(session, "anne.handicap@gentofte.dk", ["handicapraadet"])
    with running_worker(wired_worker(handlers, calendar_on_broker)) as running:
        yield running


def items(app, slug=None):
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        query = select(ProposedAgendaItem).order_by(ProposedAgendaItem.tracking_code)
        if slug:
            query = query.where(ProposedAgendaItem.organizer_slug == slug)
        return [(i.case_id, i.organizer_slug, i.tracking_code) for i in session.scalars(query)]


def test_a_council_link_is_proposed_once_and_each_secretary_told_once(
    calendar_on_broker, worker, tap, amqp_url
):
    mails = tap("notification.requested")
    linked = case_linked()
    publish_event(amqp_url, linked)
    told = mails.wait_for("notification.requested", count=2)
    assert sorted(m.data["to"]["email"] for m in told) == sorted(HANDICAP_SECRETARIES)
    assert len({m.data["reference"] for m in told}) == 2
    for mail in told:
        assert mail.source == "/sammen/calendar" and mail.data["language"] == "da"
        assert mail.data["category"] == "calendar.agenda_item"
        assert "Handicaprådet" in mail.data["subject"]
        assert "Bænke med armlæn langs Gentofte Sø" in mail.data["subject"]
        text = mail.data["text"]
        assert "SAM-7K2Q" in text and "Dorthe Lund" in text
        assert f"{ROUTING_CASES}/{linked.data['case_id']}" in text
        assert "/personale/arrangoerer/handicapraadet" in text
    assert items(calendar_on_broker) == [(linked.data["case_id"], "handicapraadet", "SAM-7K2Q")]

    publish_event(amqp_url, linked)  # redelivered
    publish_event(amqp_url, case_linked())  # linked again: a new event, the same case and council
    sentinel = case_linked(case_id="c0ffee00-0000-4000-8000-000000000002", tracking_code="SAM-ZZZZ")
    publish_event(amqp_url, sentinel)
    mails.wait_for("notification.requested", count=4)
    wait_for(lambda: len(items(calendar_on_broker)) == 2, what="the sentinel's item")
    assert len(mails.of_type("notification.requested")) == 4
    assert [code for _case, _slug, code in items(calendar_on_broker)] == ["SAM-7K2Q", "SAM-ZZZZ"]


def test_other_links_and_unknown_councils_are_acknowledged_and_ignored(
    calendar_on_broker, worker, tap, amqp_url
):
    mails = tap("notification.requested")
    for kind, target in (
        ("colleague", "kollega@gentofte.dk"),
        ("case", "a-case-id"),
        ("association", "Gentofte Roklub"),
        ("council", "no-such-council"),
    ):
        publish_event(amqp_url, case_linked(kind=kind, target=target))
    sentinel = case_linked(target="seniorraadet", tracking_code="SAM-SENT")
    publish_event(amqp_url, sentinel)
    [told] = mails.wait_for("notification.requested")
    assert told.data["to"]["email"] == SECRETARY.email  # Seniorrådet's only secretary
    wait_for(lambda: items(calendar_on_broker), what="the sentinel's item")
    assert items(calendar_on_broker) == [(sentinel.data["case_id"], "seniorraadet", "SAM-SENT")]
    assert len(mails.of_type("notification.requested")) == 1
    queues = worker.consumer.subscriptions
    assert "calendar.case-links" in {s.queue for s in queues}


def test_a_council_without_secretaries_keeps_the_item_for_its_page(calendar):
    settings = calendar.config["SAMMEN_SETTINGS"]
    with calendar.config["SAMMEN_DATABASE"].transaction() as session:
        on_case_linked(session, received_link(target="integrationsraadet"), settings)
    assert [slug for _c, slug, _code in items(calendar)] == ["integrationsraadet"]
    assert queued_events(calendar.config["SAMMEN_DATABASE"], "notification.requested") == []


def test_a_link_without_the_cases_details_is_proposed_with_what_it_has(calendar):
    # A publisher that sends only the case, its code and the link (no title, time or linker).
    settings = calendar.config["SAMMEN_SETTINGS"]
    sent_at = datetime(2026, 12, 2, 8, 15, tzinfo=UTC)
    bare = events.case_linked(
        tracking_code="SAM-BARE",
        title=None,
        theme=None,
        linked_at=None,
        case_url=None,
        linked_by=None,
        link=Link(kind="council", target="integrationsraadet", label="Integrationsrådet"),
    )
    assert set(bare.to_data()) == {"case_id", "tracking_code", "link"}
    with calendar.config["SAMMEN_DATABASE"].transaction() as session:
        on_case_linked(session, events.received(bare, at=sent_at), settings)
    with calendar.config["SAMMEN_DATABASE"].transaction() as session:
        [item] = session.scalars(select(ProposedAgendaItem))
        assert (item.tracking_code, item.title, item.case_url) == ("SAM-BARE", "", "")
        assert (item.proposed_by_name, item.proposed_by_email) == ("", None)
        assert item.linked_at.replace(tzinfo=UTC) == sent_at


def test_the_item_holds_no_initiator_data(calendar):
    columns = {
        c["name"]
        for c in inspect(calendar.config["SAMMEN_DATABASE"].engine).get_columns(
            "proposed_agenda_items"
        )
    }
    assert columns == {
        "id",
        "organizer_slug",
        "case_id",
        "tracking_code",
        "title",
        "case_url",
        "proposed_by_name",
        "proposed_by_email",
        "linked_at",
    }


def test_the_councils_staff_page_lists_its_proposed_items(calendar):
    settings = calendar.config["SAMMEN_SETTINGS"]
    with calendar.config["SAMMEN_DATABASE"].transaction() as session:
        on_case_linked(session, received_link(), settings)
        on_case_linked(
            session, received_link(target="groent-raad", tracking_code="SAM-GROE"), settings
        )
    client = calendar.test_client()
    signed_in(calendar, client, SECRETARY)
    page = client.get("/personale/arrangoerer/handicapraadet")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Foreslåede punkter til dagsordenen" in text
    assert "SAM-7K2Q" in text and "Bænke med armlæn langs Gentofte Sø" in text
    assert "Dorthe Lund" in text and "1. december 2026" in text
    assert f'href="{ROUTING_CASES}/c0ffee00-0000-4000-8000-000000000001"' in text
    assert "SAM-GROE" not in text  # another council's
    index = client.get("/personale/").get_data(as_text=True)
    assert "/personale/arrangoerer/handicapraadet" in index
    assert "1 foreslået punkt til dagsordenen" in index
    assert "/personale/arrangoerer/groent-raad" not in index  # not one of theirs


def test_only_the_councils_writers_see_its_page(calendar):
    settings = calendar.config["SAMMEN_SETTINGS"]
    with calendar.config["SAMMEN_DATABASE"].transaction() as session:
        on_case_linked(session, received_link(), settings)
    client = calendar.test_client()
    for staff, expected in (
        (None, 302),
        (AGENT, 403),
        (OTHER_SECRETARY, 403),
        (SECRETARY, 200),
        (COORDINATOR, 200),
        (ADMIN, 200),
    ):
        response = signed_in(calendar, client, staff).get("/personale/arrangoerer/handicapraadet")
        assert response.status_code == expected, staff
        assert ("SAM-7K2Q" in response.get_data(as_text=True)) == (expected == 200), staff
    signed_in(calendar, client, ADMIN)
    assert client.get("/personale/arrangoerer/no-such-council").status_code == 404


def test_an_empty_page_says_so(calendar):
    client = calendar.test_client()
    signed_in(calendar, client, COORDINATOR)
    page = client.get("/personale/arrangoerer/seniorraadet").get_data(as_text=True)
    assert 'id="ingen-punkter"' in page
    with calendar.config["SAMMEN_DATABASE"].transaction() as session:
        assert session.scalar(select(func.count()).select_from(ProposedAgendaItem)) == 0
