"""The staff pages in English: chosen with ?lang=en or remembered in the language cookie, every
Danish text of the catalogs translated, and the first-answer deadline shown as its last day."""

import re
from html import unescape
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import sammen.routing
import sammen.web
from sammen.web import LANGUAGE_COOKIE

from .conftest import browser, hidden, make_case

CATALOGS = [
    Path(sammen.routing.__file__).parent / "translations/en/LC_MESSAGES/messages.po",
    Path(sammen.web.__file__).parent / "translations/en/LC_MESSAGES/messages.po",
]


def _danish_texts() -> frozenset[str]:
    """The Danish msgids whose English differs: seeing one on an English page means it slipped."""
    found = set()
    for path in CATALOGS:
        with path.open("rb") as file:
            found |= {
                m.id for m in read_po(file) if isinstance(m.id, str) and m.id and m.id != m.string
            }
    return frozenset(found)


DANISH = _danish_texts()


def untranslated(page: str) -> set[str]:
    """Texts of the page (text between tags, minus a trailing count like " (3)") still in Danish."""
    texts = {
        re.sub(r"\s*\(\d+\)$", "", unescape(t).strip()) for t in re.findall(r">([^<]+)<", page)
    }
    return {t for t in texts if t in DANISH}


def headings(page: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", unescape(h)).strip()
        for h in re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", page, re.S)
    ]


@pytest.fixture
def pages(routing, db, staff):
    """Paths of the login page, the inbox and a case page, and a logged-in agent's client."""
    agent, _ = staff("agent", "coordinator")
    case_id = make_case(db)  # submitted Monday 23 November: first answer by Monday 30 November
    return browser(routing, agent), ["/login", "/indbakke?visning=alle", f"/sager/{case_id}"]


def test_the_pages_are_danish_by_default(pages):
    client, paths = pages
    login, inbox, case = (client.get(path).get_data(as_text=True) for path in paths)
    assert "Log ind som medarbejder" in headings(login)
    assert "Indbakke" in headings(inbox) and "Alle sager (1)" in headings(inbox)
    assert "Forløb" in headings(case) and '<html lang="da">' in case
    # The checker does find Danish: otherwise the English tests below would prove nothing.
    assert {"Indbakke", "Sagsnummer", "Forløb"} <= untranslated(case)


def test_dates_show_the_deadlines_last_day_without_seconds(pages):
    client, paths = pages
    case = client.get(paths[2]).get_data(as_text=True)
    inbox = client.get(paths[1]).get_data(as_text=True)
    assert "senest mandag den 30. november 2026" in case
    assert "senest 30. nov. 2026" in inbox
    assert not re.search(r"\b1\. dec", case + inbox)  # not the midnight that ends the day
    assert not re.search(r"\b\d\d\.\d\d\.\d\d\b", case + inbox)  # no time with seconds
    english = client.get(paths[2] + "?lang=en").get_data(as_text=True)
    assert "by Monday, November 30, 2026" in english


@pytest.mark.parametrize("chosen", ["query", "cookie"])
def test_every_page_reads_in_english(pages, chosen):
    client, paths = pages
    if chosen == "cookie":
        client.set_cookie(LANGUAGE_COOKIE, "en")
    suffix = {"query": "lang=en", "cookie": ""}[chosen]

    def get(path: str) -> str:
        url = f"{path}{'&' if '?' in path else '?'}{suffix}" if suffix else path
        answer = client.get(url)
        assert answer.status_code == 200, url
        return answer.get_data(as_text=True)

    login, inbox, case = (get(path) for path in paths)
    assert "Log in as staff" in headings(login) and "Password" in login
    assert "Inbox" in headings(inbox) and "All cases (1)" in headings(inbox)
    assert "Culture and leisure" in inbox  # the shared vocabulary's theme, from the shared catalog
    assert {"History", "Build bridges", "Answer the initiator"} <= set(headings(case))
    assert "Within the deadline" in case and "Disability Council" in case
    others = [
        get(path) for path in ("/overblik", "/raekkevidde", "/foreninger", "/sparringsagenter")
    ]
    for page in (login, inbox, case, *others):
        assert '<html lang="en">' in page
        assert untranslated(page) == set()


def test_messages_and_form_errors_follow_the_remembered_language(routing, pages):
    client, _ = pages
    chosen = client.get("/sprog/en?next=/indbakke")
    assert chosen.status_code == 302 and f"{LANGUAGE_COOKIE}=en" in chosen.headers["Set-Cookie"]
    inbox = client.get("/indbakke").get_data(as_text=True)
    away = client.post(
        "/fravaer", data={"csrf_token": hidden(inbox, "csrf_token"), "available": "nej"}
    )
    assert away.status_code == 303
    shown = client.get("/indbakke").get_data(as_text=True)
    assert "You are marked as away and will not get new cases." in shown
    assert untranslated(shown) == set()
    refused = client.post(
        "/login",
        data={"csrf_token": hidden(shown, "csrf_token"), "email": "", "password": ""},
    )
    assert refused.status_code == 422
    text = refused.get_data(as_text=True)
    assert "Enter your email address" in text and "Enter your password" in text
    assert untranslated(text) == set()
