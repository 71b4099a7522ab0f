"""The public form: CSRF, bot resistance, errors at the fields, the receipt."""

import re

import pytest

from .test_intake_api import counts

FORM = {
    "title": "Bænke ved Gentofte Sø",
    "description": "Flere bænke langs stien, så ældre kan hvile undervejs.",
    "theme": "natur-klima-og-miljoe",
    "name": "Bent Olsen",
    "email": "bent@example.dk",
    "consent_contact": "ja",
    "channel": "web",
}


def hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', page).group(1)


def fresh_form(client):
    page = client.get("/").get_data(as_text=True)
    return {"csrf_token": hidden(page, "csrf_token"), "started": hidden(page, "started")}


def test_a_citizen_sends_an_idea_and_gets_a_receipt_with_the_tracking_code(intake):
    client = intake.test_client()
    response = client.post("/", data=FORM | fresh_form(client))
    assert response.status_code == 303
    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    code = re.search(r'class="code"[^>]*>([A-Z0-9-]{9})<', receipt).group(1)
    assert "Tak for din idé" in receipt
    assert f"/status/{code}" in receipt
    assert counts(intake) == (1, 1)


def test_errors_rerender_the_form_with_messages_at_the_fields_and_input_kept(intake):
    client = intake.test_client()
    form = FORM | fresh_form(client) | {"email": "bent-at-example", "title": "x"}
    form.pop("consent_contact")
    page = client.post("/", data=form)
    html = page.get_data(as_text=True)
    assert page.status_code == 422
    assert 'role="alert"' in html and "Der er 3 fejl i formularen" in html
    assert 'href="#felt-email"' in html and 'id="fejl-email"' in html
    assert 'aria-describedby="hint-email fejl-email" aria-invalid="true"' in html
    assert 'value="bent-at-example"' in html  # what the citizen typed is kept
    assert "Flere bænke langs stien" in html
    assert counts(intake) == (0, 0)


def test_a_post_without_the_csrf_token_is_refused(intake):
    client = intake.test_client()
    form = FORM | fresh_form(client)
    form.pop("csrf_token")
    response = client.post("/", data=form)
    assert response.status_code == 400
    assert "Siden er udløbet" in response.get_data(as_text=True)
    assert counts(intake) == (0, 0)


@pytest.mark.parametrize("trap", [{"website": "http://spam.example"}, {"started": "forged"}])
def test_bots_are_turned_away_without_storing_anything(intake, trap):
    client = intake.test_client()
    response = client.post("/", data=FORM | fresh_form(client) | trap)
    assert response.status_code == 400
    assert counts(intake) == (0, 0)


def test_a_form_sent_faster_than_a_person_can_fill_it_is_refused(intake, monkeypatch):
    monkeypatch.setenv("INTAKE_MIN_FILL_SECONDS", "3")
    from sammen.intake.app import create_app

    app = create_app()
    client = app.test_client()
    response = client.post("/", data=FORM | fresh_form(client))
    assert response.status_code == 400
    assert "meget hurtigt" in response.get_data(as_text=True)


def test_the_form_is_rate_limited_per_address(intake, monkeypatch):
    monkeypatch.setenv("SAMMEN_RATE_LIMITS", "on")
    monkeypatch.setenv("INTAKE_FORM_RATE_LIMIT", "2/minute")
    from sammen.intake.app import create_app

    app = create_app()
    client = app.test_client()
    statuses = [client.post("/", data=FORM | fresh_form(client)).status_code for _ in range(3)]
    assert statuses == [303, 303, 429]


def test_the_deltag_bilen_tablet_link_registers_its_channel(intake):
    client = intake.test_client()
    page = client.get("/?kanal=deltag-bilen").get_data(as_text=True)
    assert 'name="channel" value="deltag-bilen"' in page
    assert 'name="channel" value="web"' in client.get("/?kanal=hacker").get_data(as_text=True)
