"""The hub's pages in English: `?lang=en` or the remembered `sammen_lang` cookie."""

from sammen.web import LANGUAGE_COOKIE

from .conftest import log_in


def test_the_portal_and_the_moderation_queue_in_english(hub):
    visitor = hub.test_client()
    portal = visitor.get("/?lang=en").get_data(as_text=True)
    assert "Digital dialogue in Gentofte" in portal and "Would you rather meet in person?" in portal
    assert "Digital dialog i Gentofte" in visitor.get("/").get_data(as_text=True)

    moderator = log_in(hub, hub.test_client())
    moderator.set_cookie(LANGUAGE_COOKIE, "en")
    queue = moderator.get("/moderation").get_data(as_text=True)
    assert "Moderation of contributions" in queue and "There are no contributions here." in queue
    assert "Moderering af bidrag" not in queue
