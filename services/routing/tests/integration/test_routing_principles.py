"""The six principles measured: `GET /api/v1/principles` and the coordinators' page."""

from sammen.routing import cases, links

from .conftest import browser, make_case

MESSAGE = "Tak for din idé! Jeg ringer dig op i morgen, så vi kan tale om den."
REASON = "Kommunen må ikke drive caféen selv, fordi den vil konkurrere med lokale erhvervsdrivende."
NOVEMBER = "from=2026-11-01&to=2026-11-30"


def move(routing, case_id, headers, to, message=MESSAGE):
    answer = routing.test_client().post(
        f"/api/v1/cases/{case_id}/transitions", json={"to": to, "message": message}, headers=headers
    )
    assert answer.status_code == 200


def some_cases(routing, db, staff):
    """Four ideas of 23 November: answered, declined, linked and tried; one from the bus."""
    agent, headers = staff("agent")
    answered = make_case(db)
    move(routing, answered, headers, "in_dialogue")
    declined = make_case(db, channel="deltag-bilen")
    move(routing, declined, headers, "declined", REASON)
    linked = make_case(db, channel="meeting")
    with db.transaction() as session:
        case = cases.get_case(session, linked)
        links.add_link(session, case, "case", answered, agent, base_url="http://localhost:8002")
    tried = make_case(db)
    move(routing, tried, headers, "trial")
    move(routing, tried, headers, "returned_to_initiator")
    return agent


def test_coordinators_get_one_figure_per_principle_for_the_period(routing, db, staff):
    some_cases(routing, db, staff)
    _, coordinator = staff("coordinator")
    answer = routing.test_client().get(f"/api/v1/principles?{NOVEMBER}", headers=coordinator)
    assert answer.status_code == 200
    figures = {f["principle"]: f for f in answer.json}
    assert len(answer.json) == 6 and all(f["label"] and f["counts"] for f in answer.json)
    pairs = {key: (f["numerator"], f["denominator"]) for key, f in figures.items()}
    assert pairs == {
        "quick_answer": (3, 4),
        "reasoned_declines": (1, 1),
        "bridges": (1, 4),
        "small_trials": (1, 4),
        "ownership": (1, 2),
        "where_people_are": (2, 4),
    }
    assert figures["where_people_are"]["breakdown"] == {"deltag-bilen": 1, "meeting": 1, "web": 2}
    # Another period holds none of them; without dates the last 90 days do.
    october = "from=2026-10-01&to=2026-10-31"
    empty = routing.test_client().get(f"/api/v1/principles?{october}", headers=coordinator).json
    assert all(f["denominator"] == 0 for f in empty)
    recent = routing.test_client().get("/api/v1/principles", headers=coordinator).json
    assert recent == answer.json


def test_only_coordinators_and_admins_and_dates_in_order(routing, db, staff):
    _, agent = staff("agent")
    _, admin = staff("admin")
    client = routing.test_client()
    assert client.get("/api/v1/principles", headers=agent).status_code == 403
    assert client.get("/api/v1/principles").status_code == 401
    assert client.get("/api/v1/principles", headers=admin).status_code == 200
    backwards = client.get("/api/v1/principles?from=2026-11-30&to=2026-11-01", headers=admin)
    assert backwards.status_code == 422 and "from" in backwards.json["errors"]["query"]
    nonsense = client.get("/api/v1/principles?to=30-11-2026", headers=admin)
    assert nonsense.status_code == 422 and "to" in nonsense.json["errors"]["query"]


def test_the_principles_page_shows_the_figures_in_a_table_in_danish_and_english(routing, db, staff):
    some_cases(routing, db, staff)
    coordinator, _ = staff("coordinator")
    client = browser(routing, coordinator)
    page = client.get(f"/principper?{NOVEMBER}").get_data(as_text=True)
    assert "<caption>Principperne fra 1. november 2026 til 30. november 2026</caption>" in page
    assert 'id="princip-quick_answer"' in page and "3 af 4" in page and "75 %" in page
    assert "Hurtig og klar besked" in page and "Deltag-bilen: 1" in page
    assert 'id="nav-principper"' in page
    english = client.get(f"/principper?{NOVEMBER}&lang=en").get_data(as_text=True)
    assert "<caption>The principles from " in english and "30, 2026</caption>" in english
    assert "Quick and clear answers" in english and "3 of 4" in english
    refused = client.get("/principper?from=2026-11-30&to=2026-11-01")
    assert refused.status_code == 422 and 'href="#felt-from"' in refused.get_data(as_text=True)
    agent, _ = staff("agent", email="agent@gentofte.dk")
    assert browser(routing, agent).get("/principper").status_code == 403
