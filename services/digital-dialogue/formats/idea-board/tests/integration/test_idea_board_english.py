"""The idea board in English: `?lang=en` or the remembered `sammen_lang` cookie."""

from sammen.testing.apps import csrf_from
from sammen.web import LANGUAGE_COOKIE

from .conftest import put_on_the_board


def test_the_board_and_the_join_form_in_english(board, board_worker, amqp_url):
    client = put_on_the_board(board, amqp_url, "case-en")
    listing = client.get("/?lang=en").get_data(as_text=True)
    assert "The idea bank" in listing and "Newest first" in listing
    assert "In dialogue" in listing and "Culture and leisure" in listing  # shared vocabulary
    assert "Bytte-reol på biblioteket" in listing  # the idea itself stays as written
    assert "Idébanken" in client.get("/").get_data(as_text=True)  # Danish by default

    client.set_cookie(LANGUAGE_COOKIE, "en")
    form = client.get("/ideer/case-en/kobl-paa").get_data(as_text=True)
    assert "I know someone who can help" in form and "Count me in" in form
    bad = client.post(
        "/ideer/case-en/kobl-paa",
        data={"csrf_token": csrf_from(form), "name": "Karen", "email": "nope", "message": "Hej"},
    )
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422
    assert "Choose what you are offering" in html and "Enter a valid email address" in html
    # The summary's link lands on a fieldset that can take focus.
    assert 'href="#felt-offer"' in html and 'id="felt-offer" tabindex="-1"' in html
