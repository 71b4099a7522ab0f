"""Recommendations and their owner: the rules refuse what breaks them and store nothing."""

from sammen.formats.realisation import service

from .conftest import COMMITTEE, bearer, recommendation


def _committee(app):  # type: ignore[no-untyped-def]
    created = app.test_client().post("/api/v1/committees", json=COMMITTEE, headers=bearer(app))
    assert created.status_code == 201
    return created.json["id"]


def _stored(app):  # type: ignore[no-untyped-def]
    with app.config["SAMMEN_DATABASE"].transaction() as session:
        return [r.title for r in service.recommendations(session)]


def test_no_owner_no_recommendation(offline_realisation_app):
    app = offline_realisation_app
    api = app.test_client()
    committee_id = _committee(app)
    without = recommendation(committee_id)
    del without["responsible"]
    refused = api.post("/api/v1/recommendations", json=without, headers=bearer(app))
    assert refused.status_code == 422
    assert set(refused.json["errors"]["json"]) == {"responsible"}
    half = recommendation(committee_id, responsible={"unit": "By og Trafik"})
    refused = api.post("/api/v1/recommendations", json=half, headers=bearer(app))
    assert refused.status_code == 422
    assert set(refused.json["errors"]["json"]["responsible"]) == {"name", "email"}
    assert _stored(app) == []


def test_a_dropped_recommendation_needs_a_public_reason(offline_realisation_app):
    app = offline_realisation_app
    api = app.test_client()
    committee_id = _committee(app)
    dropped = recommendation(committee_id, status="dropped")
    refused = api.post("/api/v1/recommendations", json=dropped, headers=bearer(app))
    assert refused.status_code == 422 and "dropped_reason" in refused.json["errors"]["json"]
    assert _stored(app) == []
    reason = "Staten har overtaget opgaven."
    created = api.post(
        "/api/v1/recommendations", json=dropped | {"dropped_reason": reason}, headers=bearer(app)
    )
    assert created.status_code == 201 and created.json["dropped_reason"] == reason
    page = api.get(f"/anbefalinger/{created.json['id']}").get_data(as_text=True)
    assert "Hvorfor anbefalingen er opgivet" in page and reason in page


def test_only_coordinators_record_committees_and_recommendations(offline_realisation_app):
    from .conftest import OWNER

    app = offline_realisation_app
    api = app.test_client()
    assert api.post("/api/v1/committees", json=COMMITTEE).status_code == 401
    assert (
        api.post("/api/v1/committees", json=COMMITTEE, headers=bearer(app, OWNER)).status_code
        == 403
    )
    assert api.get("/api/v1/committees").json == []
    committee_id = _committee(app)
    as_owner = api.post(
        "/api/v1/recommendations", json=recommendation(committee_id), headers=bearer(app, OWNER)
    )
    assert as_owner.status_code == 403
    unknown = api.post(
        "/api/v1/recommendations", json=recommendation("no-such-committee"), headers=bearer(app)
    )
    assert unknown.status_code == 422 and "committee_id" in unknown.json["errors"]["json"]
    assert _stored(app) == []


def test_the_public_api_and_pages_show_the_owner_but_nothing_personal(offline_realisation_app):
    app = offline_realisation_app
    api = app.test_client()
    committee_id = _committee(app)
    created = api.post(
        "/api/v1/recommendations", json=recommendation(committee_id), headers=bearer(app)
    ).json
    assert created["responsible"] == {"unit": "By og Trafik", "name": "Ole Ejer"}
    assert created["status"] == "planned" and created["progress"] == 0
    public = str(api.get("/api/v1/recommendations").json) + str(api.get("/api/v1/committees").json)
    for page in ("/", f"/anbefalinger/{created['id']}", f"/udvalg/{committee_id}", "/?lang=en"):
        response = api.get(page)
        assert response.status_code == 200
        public += response.get_data(as_text=True)
    assert "Ole Ejer" in public and "By og Trafik" in public
    for personal in ("ole.ejer@gentofte.dk", "Mette Borger", "mette@example.dk", "Per Politiker"):
        assert personal not in public
    english = api.get(f"/anbefalinger/{created['id']}?lang=en").get_data(as_text=True)
    assert "How you can contribute" in english and "Ask the person responsible" in english
    members = api.get(f"/api/v1/committees/{committee_id}/members", headers=bearer(app))
    assert sorted(m["email"] for m in members.json) == ["mette@example.dk", "per@example.dk"]
