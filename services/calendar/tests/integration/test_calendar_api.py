"""The calendar JSON API: organizers, events with their rules, bad input, listing windows."""

from .conftest import ADMIN, COORDINATOR, SECRETARY, event_body, stored


def test_organizers_are_seeded_with_the_committees(client):
    organizers = {o["slug"]: o for o in client.get("/api/v1/organizers").json}
    for slug in (
        "handicapraadet",
        "integrationsraadet",
        "seniorraadet",
        "groent-raad",
        "gentofte-talks",
        "deltag-bilen",
    ):
        assert slug in organizers
    assert organizers["oekonomiudvalget"]["kind"] == "committee"
    assert organizers["boerne-og-skoleudvalget"]["name"] == "Børne- og Skoleudvalget"
    assert organizers["seniorraadet"]["feed_url"].endswith("/organizers/seniorraadet/calendar.ics")


def test_the_committees_come_from_the_setting(monkeypatch, tmp_path, database_url):
    from .conftest import start_calendar

    monkeypatch.setenv("SAMMEN_ENV", "test")
    monkeypatch.setenv("SAMMEN_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("CALENDAR_DATABASE_URL", database_url)
    monkeypatch.setenv(
        "CALENDAR_COMMITTEES", "Plan- og Boligudvalget;Kultur-, Unge- og Fritidsudvalget"
    )
    app = start_calendar()
    try:
        slugs = {o["slug"] for o in app.test_client().get("/api/v1/organizers").json}
        assert {"plan-og-boligudvalget", "kultur-unge-og-fritidsudvalget"} <= slugs
        assert "oekonomiudvalget" not in slugs
    finally:
        app.config["SAMMEN_DATABASE"].dispose()


def test_a_created_event_keeps_copenhagen_time_and_is_listed(client, create):
    created = create(starts_at="2026-10-06T18:00", ends_at="2026-10-06T20:00")
    assert created["starts_at"] == "2026-10-06T18:00:00+02:00"
    assert created["status"] == "planned" and created["sequence"] == 0
    found = client.get("/api/v1/events?from=2026-10-01T00:00&to=2026-11-01T00:00").json
    assert [e["id"] for e in found] == [created["id"]]
    offset = client.get("/api/v1/events/" + created["id"]).json
    assert (
        offset["starts_at"] == "2026-10-06T18:00:00+02:00"
        and offset["timezone"] == "Europe/Copenhagen"
    )


def test_an_explicit_offset_is_respected(create):
    created = create(starts_at="2026-12-01T17:00:00Z", ends_at="2026-12-01T19:00:00Z")
    assert created["starts_at"] == "2026-12-01T18:00:00+01:00"


def test_listing_expands_recurring_events_and_filters(client, create):
    weekly = create(rrule="FREQ=WEEKLY;COUNT=10", exdates=["2026-10-13"])
    create(
        title="Grønt Råd",
        organizers=["groent-raad"],
        topics=["natur-klima-og-miljoe"],
        starts_at="2026-10-08T17:00",
        ends_at="2026-10-08T19:00",
    )
    window = "from=2026-10-01T00:00&to=2026-11-01T00:00"
    everything = client.get(f"/api/v1/events?{window}").json
    weekly_starts = [e["starts_at"] for e in everything if e["id"] == weekly["id"]]
    assert weekly_starts == [
        "2026-10-06T18:00:00+02:00",
        "2026-10-20T18:00:00+02:00",
        "2026-10-27T18:00:00+01:00",
    ]
    assert {
        e["title"] for e in client.get(f"/api/v1/events?{window}&organizer=groent-raad").json
    } == {"Grønt Råd"}
    assert {
        e["title"] for e in client.get(f"/api/v1/events?{window}&topic=aeldre-og-seniorliv").json
    } == {"Seniorrådets møde"}


def test_internal_events_are_for_staff_only(client, create, auth):
    created = create(public=False)
    window = "from=2026-10-01T00:00&to=2026-11-01T00:00"
    assert client.get(f"/api/v1/events?{window}").json == []
    assert client.get(f"/api/v1/events/{created['id']}").status_code == 404
    assert len(client.get(f"/api/v1/events?{window}", headers=auth(SECRETARY)).json) == 1


def test_bad_input_is_422_naming_the_field_and_nothing_is_kept(client, auth, calendar):
    cases = [
        ({"title": ""}, "title"),
        ({"starts_at": "i morgen"}, "starts_at"),
        ({"ends_at": "2026-10-06T17:00"}, "ends_at"),
        ({"kind": "fest"}, "kind"),
        ({"organizers": []}, "organizers"),
        ({"organizers": ["ukendt-raad"]}, "organizers.0"),
        ({"topics": ["ukendt"]}, "topics"),
        ({"rrule": "FREQ=SOMETIMES"}, "rrule"),
        ({"rrule": "FREQ=HOURLY"}, "rrule"),
        ({"rrule": "FREQ=WEEKLY;COUNT=3;UNTIL=20270101"}, "rrule"),
        ({"exdates": ["2026-10-13"]}, "exdates"),
        ({"exdates": ["snart"], "rrule": "FREQ=WEEKLY"}, "exdates.0"),
        ({"registration": {"capacity": 0}}, "registration"),
        (
            {"registration": {"capacity": 10, "deadline": "2026-10-07T12:00"}},
            "registration.deadline",
        ),
        ({"registration": {"capacity": 10}, "rrule": "FREQ=WEEKLY"}, "registration"),
    ]
    before = stored(calendar)
    for change, field in cases:
        response = client.post(
            "/api/v1/events", json=event_body(**change), headers=auth(COORDINATOR)
        )
        assert response.status_code == 422, (change, response.json)
        errors = response.json["errors"]["json"]
        assert field in errors or field.split(".")[0] in errors, (change, errors)
    assert stored(calendar) == before


def test_patch_changes_fields_and_rejects_bad_ones(client, create, auth, calendar):
    created = create()
    url = f"/api/v1/events/{created['id']}"
    changed = client.patch(
        url, json={"location": "Online: https://meet.example/abc"}, headers=auth(SECRETARY)
    ).json
    assert changed["status"] == "changed" and changed["sequence"] == 1
    typo = client.patch(url, json={"description": "Rettet tekst"}, headers=auth(SECRETARY)).json
    assert typo["sequence"] == 2
    same = client.patch(url, json={"description": "Rettet tekst"}, headers=auth(SECRETARY)).json
    assert same["sequence"] == 2, "no change, no new SEQUENCE"
    before = stored(calendar)
    bad = client.patch(url, json={"ends_at": "2026-10-06T10:00"}, headers=auth(SECRETARY))
    assert bad.status_code == 422 and "ends_at" in bad.json["errors"]["json"]
    assert stored(calendar) == before
    assert client.get(url).json["location"] == "Online: https://meet.example/abc"
    assert (
        client.patch(
            "/api/v1/events/nope", json={"title": "Ny titel"}, headers=auth(ADMIN)
        ).status_code
        == 404
    )


def test_cancel_is_idempotent_and_a_cancelled_event_cannot_change(client, create, auth):
    created = create()
    url = f"/api/v1/events/{created['id']}"
    first = client.post(f"{url}/cancel", json={"reason": "Sygdom"}, headers=auth(SECRETARY)).json
    again = client.post(f"{url}/cancel", headers=auth(SECRETARY)).json
    assert first["status"] == again["status"] == "cancelled" and again["sequence"] == 1
    refused = client.patch(url, json={"title": "Alligevel"}, headers=auth(SECRETARY))
    assert refused.status_code == 422 and "status" in refused.json["errors"]["json"]


def test_a_cancel_reason_past_its_length_is_refused_even_when_padded(
    calendar, client, create, auth
):
    """Its published maxLength (2000) holds for what is sent: trimming must not make it fit."""
    created = create()
    before = stored(calendar)
    for reason in ("x" * 2000 + " ", " " * 2001):
        refused = client.post(
            f"/api/v1/events/{created['id']}/cancel",
            json={"reason": reason},
            headers=auth(SECRETARY),
        )
        assert refused.status_code == 422 and "reason" in refused.json["errors"]["json"]
    assert client.get(f"/api/v1/events/{created['id']}").json["status"] == "planned"
    assert stored(calendar) == before


def test_an_admin_maps_secretaries_to_organizers(client, auth):
    url = "/api/v1/secretaries/ny.sekretaer@gentofte.dk"
    answer = client.put(url, json={"organizers": ["integrationsraadet"]}, headers=auth(ADMIN))
    assert answer.status_code == 200 and answer.json["organizers"] == ["integrationsraadet"]
    listed = {
        s["email"]: s["organizers"]
        for s in client.get("/api/v1/secretaries", headers=auth(COORDINATOR)).json
    }
    assert listed["ny.sekretaer@gentofte.dk"] == ["integrationsraadet"]
    bad = client.put(url, json={"organizers": ["ukendt"]}, headers=auth(ADMIN))
    assert bad.status_code == 422 and "organizers.0" in bad.json["errors"]["json"]
    assert client.put(url, json={"organizers": []}, headers=auth(COORDINATOR)).status_code == 403


def test_joint_meeting_suggestions_for_the_secretary(client, create, auth):
    from datetime import datetime, timedelta

    soon = datetime.now() + timedelta(days=10)
    later = soon + timedelta(days=12)
    create(
        starts_at=soon.strftime("%Y-%m-%dT17:00"),
        ends_at=soon.strftime("%Y-%m-%dT19:00"),
        topics=["sundhed-og-forebyggelse"],
    )
    create(
        title="Grønt Råd om sundhed",
        organizers=["groent-raad"],
        starts_at=later.strftime("%Y-%m-%dT17:00"),
        ends_at=later.strftime("%Y-%m-%dT19:00"),
        topics=["sundhed-og-forebyggelse"],
    )
    [suggestion] = client.get("/api/v1/joint-meetings", headers=auth(SECRETARY)).json
    assert suggestion["organizers"] == ["groent-raad", "seniorraadet"]
    assert suggestion["shared_topics"] == ["sundhed-og-forebyggelse"]
    page = client.get("/personale/", headers={}).status_code
    assert page == 302, "staff pages need a login"
