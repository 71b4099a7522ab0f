"""Who sees what of an answer. Coordinators and admins see the respondent's name and e-mail
address and export them; a moderator sees an answer as the public would once it is published —
the text, the section and the signature (the organisation, else the name) — never the address,
and exports nothing. Other roles are refused every staff view."""

from datetime import timedelta

import pytest

from sammen.auth import StaffIdentity

from .conftest import AGENT, COORDINATOR, HEARING, T0, bearer, log_in

ADMIN = StaffIdentity(5, "ada@gentofte.dk", "Ada Admin", ("admin",))
MODERATOR = StaffIdentity(6, "mona@gentofte.dk", "Mona Moderator", ("moderator",))
SECRETARY = StaffIdentity(7, "rasmus@gentofte.dk", "Rasmus Råd", ("council_secretary",))
ANSWERS = [
    {"name": "Bent Olsen", "email": "bent@example.dk", "body": "Gode cykelstier, tak."},
    {
        "name": "Lise Holm",
        "email": "lise@example.dk",
        "organisation": "Hellerup Cykelklub",
        "body": "Klubben støtter planen.",
    },
]
ADDRESSES = ("bent@example.dk", "lise@example.dk")


@pytest.fixture
def answered(offline_hearing_app, clock):
    """A hearing with two answers, past its deadline (the export is open)."""
    api = offline_hearing_app.test_client()
    hearing = api.post("/api/v1/hearings", json=HEARING, headers=bearer(offline_hearing_app)).json
    for answer in ANSWERS:
        assert (
            api.post(f"/api/v1/hearings/{hearing['id']}/responses", json=answer).status_code == 201
        )
    clock.now = T0 + timedelta(days=30)
    return hearing["id"]


def views(app, hearing_id, who):  # type: ignore[no-untyped-def]
    """Every staff view of the answers, as `who`: {name: response}."""
    api, page = app.test_client(), log_in(app, app.test_client(), who)
    return {
        "api": api.get(f"/api/v1/hearings/{hearing_id}/responses", headers=bearer(app, who)),
        "api export": api.get(
            f"/api/v1/hearings/{hearing_id}/responses.csv", headers=bearer(app, who)
        ),
        "page": page.get(f"/personale/hoeringer/{hearing_id}"),
        "page export": page.get(f"/personale/hoeringer/{hearing_id}/svar.csv"),
    }


@pytest.mark.parametrize("who", [COORDINATOR, ADMIN], ids=["coordinator", "admin"])
def test_coordinators_and_admins_see_and_export_the_respondents_contact(
    offline_hearing_app, answered, who
):
    seen = views(offline_hearing_app, answered, who)
    assert {name: r.status_code for name, r in seen.items()} == dict.fromkeys(seen, 200)
    assert [r["email"] for r in seen["api"].json] == list(ADDRESSES)
    for response in seen.values():
        text = response.get_data(as_text=True)
        assert all(address in text for address in ADDRESSES)


def test_a_moderator_sees_the_answers_as_published_without_addresses(offline_hearing_app, answered):
    seen = views(offline_hearing_app, answered, MODERATOR)
    assert seen["api"].status_code == seen["page"].status_code == 200
    assert [(r["body"], r["signature"]) for r in seen["api"].json] == [
        ("Gode cykelstier, tak.", "Bent Olsen"),
        ("Klubben støtter planen.", "Hellerup Cykelklub"),
    ]
    assert not {"name", "email"} & set(seen["api"].json[0])
    assert {r["moderation"] for r in seen["api"].json} == {"pending"}
    page = seen["page"].get_data(as_text=True)
    assert "Klubben støtter planen." in page and 'id="eksport"' not in page
    for name in ("api export", "page export"):
        assert seen[name].status_code == 403, name
    for response in seen.values():
        text = response.get_data(as_text=True)
        assert not any(address in text for address in ADDRESSES)
        assert "Lise Holm" not in text  # she signed as her club


@pytest.mark.parametrize("who", [AGENT, SECRETARY], ids=["agent", "council secretary"])
def test_other_roles_see_nothing_of_the_answers(offline_hearing_app, answered, who):
    for name, response in views(offline_hearing_app, answered, who).items():
        assert response.status_code == 403, name
        text = response.get_data(as_text=True)
        assert not any(person in text for person in (*ADDRESSES, "Bent Olsen", "cykelstier, tak"))
