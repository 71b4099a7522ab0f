"""The hearing in English: `?lang=en` or the remembered `sammen_lang` cookie."""

from sammen.testing.apps import csrf_from
from sammen.web import LANGUAGE_COOKIE

from .conftest import HEARING, bearer, log_in


def test_a_hearing_and_the_staff_form_in_english(offline_hearing_app):
    app = offline_hearing_app
    created = app.test_client().post("/api/v1/hearings", json=HEARING, headers=bearer(app)).json
    visitor = app.test_client()
    listing = visitor.get("/?lang=en").get_data(as_text=True)
    assert "Consultations in Gentofte Municipality" in listing and "Open for responses" in listing
    assert "Ny trafikplan for Hellerup" in listing  # the hearing itself stays as written
    page = visitor.get(f"/hoeringer/{created['id']}?lang=en").get_data(as_text=True)
    assert "Give your response" in page and "The whole proposal (overall response)" in page
    assert "Giv dit høringssvar" in visitor.get(f"/hoeringer/{created['id']}").get_data(
        as_text=True
    )

    staff = log_in(app, app.test_client())
    staff.set_cookie(LANGUAGE_COOKIE, "en")
    form = staff.get("/personale/ny").get_data(as_text=True)
    assert "Open a consultation" in form and ">Public after moderation</option>" in form
    bad = staff.post(
        "/personale/ny",
        data={"csrf_token": csrf_from(form), "title": "Ny plan", "sections": "Uden overskrift"},
    )
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert "Start the document with a heading" in html
