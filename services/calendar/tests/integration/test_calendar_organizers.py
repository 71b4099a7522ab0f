"""Organizers of new kinds added by an admin, each with its feed and secretaries; the topic list."""

from sqlalchemy import func, select

from sammen.auth import STAFF_COOKIE, issue_token
from sammen.calendar.catalogue import TOPICS
from sammen.calendar.models import Organizer

from .conftest import ADMIN, AGENT, COORDINATOR, SECRETARY, StaffIdentity, event_body

NEW_KINDS = (
    "user_board",
    "relatives_council",
    "pupils_council",
    "think_tank",
    "advisory_board",
    "task_committee",
)
THINK_TANK = {"slug": "taenketank-for-groen-omstilling", "name": "Tænketank for grøn omstilling"}
THINK_TANK_SECRETARY = StaffIdentity(21, "tt@gentofte.dk", "Tine Tænk", ("council_secretary",))


def organizer_rows(calendar):
    with calendar.config["SAMMEN_DATABASE"].transaction() as session:
        return session.scalar(select(func.count()).select_from(Organizer))


def test_an_admin_adds_an_organizer_with_its_own_feed_and_secretaries(client, auth):
    added = client.post(
        "/api/v1/organizers", json=THINK_TANK | {"kind": "think_tank"}, headers=auth(ADMIN)
    )
    assert added.status_code == 201, added.json
    assert added.json["kind"] == "think_tank"
    assert added.json["feed_url"].endswith(f"/organizers/{THINK_TANK['slug']}/calendar.ics")

    listed = client.get("/api/v1/organizers?kind=think_tank").json
    assert [o["slug"] for o in listed] == [THINK_TANK["slug"]]
    councils = client.get("/api/v1/organizers?kind=council").json
    assert {o["kind"] for o in councils} == {"council"} and len(councils) == 4

    mapped = client.put(
        f"/api/v1/secretaries/{THINK_TANK_SECRETARY.email}",
        json={"organizers": [THINK_TANK["slug"]]},
        headers=auth(ADMIN),
    )
    assert mapped.status_code == 200
    meeting = client.post(
        "/api/v1/events",
        json=event_body(title="Tænketankens første møde", organizers=[THINK_TANK["slug"]]),
        headers=auth(THINK_TANK_SECRETARY),
    )
    assert meeting.status_code == 201, meeting.json
    not_theirs = client.post(
        "/api/v1/events",
        json=event_body(organizers=[THINK_TANK["slug"]]),
        headers=auth(SECRETARY),
    )
    assert not_theirs.status_code == 403

    feed = client.get(f"/organizers/{THINK_TANK['slug']}/calendar.ics")
    assert feed.status_code == 200
    assert "Tænketankens første møde" in feed.get_data(as_text=True)
    assert "Tænketankens første møde" not in client.get(
        "/organizers/seniorraadet/calendar.ics"
    ).get_data(as_text=True)


def test_every_new_kind_is_accepted(client, auth):
    for kind in NEW_KINDS:
        slug = kind.replace("_", "-") + "-gentofte"
        response = client.post(
            "/api/v1/organizers",
            json={"slug": slug, "name": f"Gentoftes {kind}", "kind": kind},
            headers=auth(ADMIN),
        )
        assert response.status_code == 201, (kind, response.json)
        assert [o["slug"] for o in client.get(f"/api/v1/organizers?kind={kind}").json] == [slug]


def test_only_admins_add_organizers_and_nothing_is_kept_otherwise(client, auth, calendar):
    before = organizer_rows(calendar)
    body = THINK_TANK | {"kind": "think_tank"}
    for staff, expected in ((None, 401), (AGENT, 403), (SECRETARY, 403), (COORDINATOR, 403)):
        headers = auth(staff) if staff else {}
        assert client.post("/api/v1/organizers", json=body, headers=headers).status_code == expected
    assert organizer_rows(calendar) == before
    assert client.get(f"/organizers/{THINK_TANK['slug']}/calendar.ics").status_code == 404


def test_bad_organizers_are_422_naming_the_field_and_nothing_is_kept(client, auth, calendar):
    before = organizer_rows(calendar)
    good = THINK_TANK | {"kind": "think_tank"}
    for field, value in (
        ("slug", "Tænketank"),
        ("slug", "a"),
        ("slug", "to--bindestreger"),
        ("name", ""),
        ("name", "Navn\nmed linjeskift"),
        ("kind", "secret_society"),
    ):
        response = client.post(
            "/api/v1/organizers", json=good | {field: value}, headers=auth(ADMIN)
        )
        assert response.status_code == 422, (field, value, response.json)
        assert field in response.json["errors"]["json"]
    missing = client.post("/api/v1/organizers", json={"name": "Uden adresse"}, headers=auth(ADMIN))
    assert missing.status_code == 422
    assert {"slug", "kind"} <= set(missing.json["errors"]["json"])
    assert organizer_rows(calendar) == before


def test_an_existing_slug_is_refused_and_the_organizer_kept_as_it_was(client, auth, calendar):
    before = organizer_rows(calendar)
    taken = client.post(
        "/api/v1/organizers",
        json={"slug": "seniorraadet", "name": "Et andet råd", "kind": "think_tank"},
        headers=auth(ADMIN),
    )
    assert taken.status_code == 422 and "slug" in taken.json["errors"]["json"]
    assert organizer_rows(calendar) == before
    [senior] = [o for o in client.get("/api/v1/organizers").json if o["slug"] == "seniorraadet"]
    assert (senior["name"], senior["kind"]) == ("Seniorrådet", "council")


def test_an_unknown_kind_filter_is_422_naming_kind(client):
    response = client.get("/api/v1/organizers?kind=secret_society")
    assert response.status_code == 422
    assert "kind" in response.json["errors"]["query"]


def test_the_topics_are_published(client, auth):
    topics = client.get("/api/v1/topics").json
    assert {t["slug"]: t["name"] for t in topics} == TOPICS
    assert {"slug": "demokrati-og-samskabelse", "name": "Demokrati og samskabelse"} in topics
    # every listed topic is one an event may carry
    slugs = [t["slug"] for t in topics][:10]
    created = client.post(
        "/api/v1/events", json=event_body(topics=slugs), headers=auth(COORDINATOR)
    )
    assert created.status_code == 201 and created.json["topics"] == sorted(slugs)


def staff_client(calendar, staff):
    client = calendar.test_client()
    client.set_cookie(STAFF_COOKIE, issue_token(calendar.config["SECRET_KEY"], staff))
    return client


def test_an_admin_adds_an_organizer_on_the_staff_page(calendar):
    client = staff_client(calendar, ADMIN)
    page = client.get("/personale/arrangoerer/").get_data(as_text=True)
    assert 'id="ny-arrangoer"' in page and "Seniorrådet" in page
    added = client.post(
        "/personale/arrangoerer/",
        data={
            "name": "Elevrådet på Munkegård Skole",
            "slug": "elevraadet-munkegaard",
            "kind": "pupils_council",
        },
    )
    assert added.status_code == 303
    assert added.headers["Location"].endswith("/personale/arrangoerer/elevraadet-munkegaard")
    listed = client.get("/api/v1/organizers?kind=pupils_council").json
    assert [(o["slug"], o["name"]) for o in listed] == [
        ("elevraadet-munkegaard", "Elevrådet på Munkegård Skole")
    ]
    assert client.get("/personale/arrangoerer/elevraadet-munkegaard").status_code == 200


def test_the_staff_page_refuses_bad_organizers_and_others_than_admins(calendar):
    before = organizer_rows(calendar)
    client = staff_client(calendar, ADMIN)
    bad = client.post(
        "/personale/arrangoerer/",
        data={"name": "Elevråd", "slug": "Elevråd", "kind": "pupils_council"},
    )
    assert bad.status_code == 422
    text = bad.get_data(as_text=True)
    assert 'id="fejl-slug"' in text and "Brug små bogstaver a–z, tal og bindestreger" in text
    taken = client.post(
        "/personale/arrangoerer/",
        data={"name": "Et råd", "slug": "seniorraadet", "kind": "council"},
    )
    assert taken.status_code == 422 and 'id="fejl-slug"' in taken.get_data(as_text=True)
    body = {"name": "Tænketank", "slug": "taenketank", "kind": "think_tank"}
    for staff in (COORDINATOR, SECRETARY):
        assert (
            staff_client(calendar, staff).post("/personale/arrangoerer/", data=body).status_code
            == 403
        )
    assert organizer_rows(calendar) == before


def test_a_secretary_sees_their_organizers_without_the_form(calendar):
    page = staff_client(calendar, SECRETARY).get("/personale/arrangoerer/").get_data(as_text=True)
    assert "Seniorrådet" in page and "Handicaprådet" in page
    assert "Grønt Råd" not in page and 'id="ny-arrangoer"' not in page
