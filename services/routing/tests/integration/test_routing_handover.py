"""Hand-over: the case names who takes over, the events carry it, and a later hand-over moves it."""

import pytest

from .conftest import browser, cases, hidden, make_case, outbox

MESSAGE = "Biblioteket tager over herfra og kontakter dig om reolen i næste uge."
LIBRARY = {"unit": "Gentofte Bibliotekerne", "name": "Ida Bog", "email": "ida.bog@gentofte.dk"}


def transition(routing, case_id, headers, **body):
    return routing.test_client().post(
        f"/api/v1/cases/{case_id}/transitions", json=body, headers=headers
    )


@pytest.mark.parametrize(
    "body",
    [
        {"to": "handed_over", "message": MESSAGE},
        {"to": "handed_over", "message": MESSAGE, "responsible": None},
        {"to": "handed_over", "message": MESSAGE, "responsible": {"name": "Ida Bog"}},
        {"to": "handed_over", "message": MESSAGE, "responsible": {"unit": "  "}},
        {"to": "handed_over", "message": MESSAGE, "responsible": {"unit": "X", "email": "nej"}},
    ],
)
def test_a_hand_over_without_who_takes_over_is_refused_and_changes_nothing(
    routing, db, staff, body
):
    _, headers = staff("agent")
    case_id = make_case(db)
    before = outbox(db)
    refused = transition(routing, case_id, headers, **body)
    assert refused.status_code == 422
    assert "responsible" in refused.json["errors"]["json"]
    assert outbox(db) == before
    [case] = cases(db)
    assert case.status == "assigned" and case.responsible_unit is None
    shown = routing.test_client().get(f"/api/v1/cases/{case_id}", headers=headers).json
    assert [h["kind"] for h in shown["history"]] == ["submitted", "assigned"]


def test_a_hand_over_names_the_owner_in_the_case_and_the_events(routing, db, staff):
    agent, headers = staff("agent")
    case_id = make_case(db)
    moved = transition(
        routing, case_id, headers, to="handed_over", message=MESSAGE, responsible=LIBRARY
    )
    assert moved.status_code == 200
    assert moved.json["responsible"] == LIBRARY
    assert [h["kind"] for h in moved.json["history"]][-3:] == [
        "status_changed",
        "handed_over",
        "message",
    ]
    [changed] = outbox(db, "case.status_changed")
    assert changed.data["responsible"] == LIBRARY
    [handed] = outbox(db, "case.handed_over")
    assert handed.data["responsible"] == LIBRARY and handed.data["previous_responsible"] is None
    assert handed.data["description"].startswith("En reol hvor naboer")
    assert handed.data["initiator"]["email"] == "anna.jensen@example.dk"
    assert handed.data["agent"]["id"] == agent.id
    assert [h["kind"] for h in handed.data["history"]] == [
        "submitted",
        "assigned",
        "status_changed",
        "handed_over",
        "message",
    ]


def test_other_moves_carry_no_owner(routing, db, staff):
    _, headers = staff("agent")
    case_id = make_case(db)
    assert (
        transition(routing, case_id, headers, to="in_dialogue", message=MESSAGE).status_code == 200
    )
    [changed] = outbox(db, "case.status_changed")
    assert changed.data["responsible"] is None
    assert outbox(db, "case.handed_over") == []


def test_the_owner_gets_the_initiators_contact_only_with_consent_to_contact(routing, db, staff):
    _, headers = staff("agent")
    case_id = make_case(db, consent={"contact": False, "publish": True})
    transition(routing, case_id, headers, to="handed_over", message=MESSAGE, responsible=LIBRARY)
    [handed] = outbox(db, "case.handed_over")
    assert handed.data["initiator"] is None
    assert "anna" not in handed.to_json().lower()


def test_a_later_hand_over_moves_it_again_and_the_history_keeps_every_step(routing, db, staff):
    _, headers = staff("agent")
    case_id = make_case(db)
    transition(routing, case_id, headers, to="handed_over", message=MESSAGE, responsible=LIBRARY)
    culture = {"unit": "Kultur og Fritid"}
    again = transition(
        routing, case_id, headers, to="handed_over", message=MESSAGE, responsible=culture
    )
    assert again.status_code == 200
    assert again.json["responsible"] == {"unit": "Kultur og Fritid", "name": None, "email": None}
    steps = [h["text"] for h in again.json["history"] if h["kind"] == "handed_over"]
    assert steps == ["Gentofte Bibliotekerne, Ida Bog", "Kultur og Fritid"]
    first, second = outbox(db, "case.handed_over")
    assert first.data["responsible"] == LIBRARY and second.data["previous_responsible"] == LIBRARY
    # Writing to the initiator of a handed-over case leaves the owner where it is.
    kept = transition(routing, case_id, headers, to="handed_over", message=MESSAGE)
    assert kept.status_code == 200 and kept.json["responsible"]["unit"] == "Kultur og Fritid"
    assert len(outbox(db, "case.handed_over")) == 2


def test_the_case_page_hands_over_with_the_owner_and_refuses_without(routing, db, staff):
    agent, _ = staff("agent")
    case_id = make_case(db)
    client = browser(routing, agent)
    page = client.get(f"/sager/{case_id}").get_data(as_text=True)
    assert 'id="felt-responsible_unit"' in page and "<legend>" in page
    form = {"csrf_token": hidden(page, "csrf_token"), "to": "handed_over", "message": MESSAGE}
    refused = client.post(f"/sager/{case_id}/svar", data=form)
    assert refused.status_code == 422
    assert 'href="#felt-responsible_unit"' in refused.get_data(as_text=True)
    assert outbox(db, "case.status_changed") == []
    bad_email = client.post(
        f"/sager/{case_id}/svar",
        data=form | {"responsible_unit": "Biblioteket", "responsible_email": "nej"},
    )
    assert bad_email.status_code == 422 and outbox(db, "case.status_changed") == []
    # The owner's name goes into a mail's To header: a line break is refused at the door.
    broken_name = client.post(
        f"/sager/{case_id}/svar",
        data=form | {"responsible_unit": "Biblioteket", "responsible_name": "Eve\r\nBcc: x@y.dk"},
    )
    assert broken_name.status_code == 422
    assert 'href="#felt-responsible_name"' in broken_name.get_data(as_text=True)
    assert outbox(db, "case.status_changed") == []
    done = client.post(
        f"/sager/{case_id}/svar",
        data=form | {f"responsible_{k}": v for k, v in LIBRARY.items()},
    )
    assert done.status_code == 303
    shown = client.get(f"/sager/{case_id}").get_data(as_text=True)
    assert (
        'id="sag-ansvarlig"' in shown and "Videregivet til Gentofte Bibliotekerne, Ida Bog" in shown
    )
    [changed] = outbox(db, "case.status_changed")
    assert changed.data["responsible"] == LIBRARY
