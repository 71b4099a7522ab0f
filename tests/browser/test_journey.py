"""The citizen's and the staff's journey across every service, in Debian's chromium, on the whole
platform as `make run` starts it. Each step is one function; one test runs them in
order, each on the state the earlier steps left. A step whose service does not exist (yet) is
skipped with the service's name, and so are the steps that need what it would have made.

Every page the journey sees is screenshot under var/screenshots/ and checked with axe-core.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
import requests
from playwright.sync_api import Browser, Locator, expect

from sammen.testing import wait_for
from sammen.testing.discussions import open_discussion
from tests.browser.support import DEMO_PASSWORD, Visitor, made_by_staff, staff_headers, tab_to
from tests.platform.harness import Platform, mail_text

# Routing's demo staff (services/routing/src/sammen/routing/accounts.py): one agent per team;
# kultur-og-fritid goes to Bo Kristensen.
AGENT_EMAIL = "bo.kristensen@demo.gentofte.dk"
MODERATOR_EMAIL = "moderator@demo.gentofte.dk"
SECRETARY_EMAIL = "raadssekretaer@demo.gentofte.dk"
COORDINATOR_EMAIL = "koordinator@demo.gentofte.dk"
THEME = "Kultur og fritid"
IDEA_TITLE = "Fællesspisning i Gentofte Kulturhus"
CITIZEN = {"name": "Maja Sørensen", "email": "maja.soerensen@example.dk"}
ANSWER = (
    "Tak for din idé, Maja. Jeg har talt med Kulturhuset, som gerne vil låne køkkenet ud en "
    "torsdag om måneden. Jeg ringer til dig i næste uge, så vi kan aftale en første prøve."
)
PUBLIC_SUMMARY = (
    "Fællesspisning en torsdag om måneden i Kulturhusets køkken: nye og gamle naboer laver mad "
    "og spiser sammen. Vi søger frivillige kokke og nogen, der vil hjælpe med at dække bord."
)
THEME_MEETING = "Temamøde: Klimatilpasning i dit kvarter"
RECOMMENDATION = "Et fællesskabshus i hver bydel"
WAIT = 30  # seconds for an event to travel through the broker to another service


def send_as_citizen(form: Locator, label: str, text: str, button: str) -> None:
    """The citizen writes `text` in the field `label` of a form that also asks for their name and
    address, and sends it with `button`."""
    form.get_by_label(label).fill(text)
    form.get_by_label("Navn").fill(CITIZEN["name"])
    form.get_by_label("E-mail").fill(CITIZEN["email"])
    with form.page.expect_navigation():
        form.get_by_role("button", name=button).click()


@dataclass
class Journey:
    """What the steps hand on to each other."""

    platform: Platform
    citizen: Visitor
    agent: Visitor
    neighbour: Visitor
    tracking_code: str = ""
    case_url: str = ""


class MissingService(Exception):
    """A step's service is not in the platform (yet)."""


def needs(j: Journey, *services: str) -> None:
    absent = [s for s in services if not j.platform.has(s)]
    if absent:
        raise MissingService(", ".join(absent))


@pytest.fixture
def journey(platform: Platform, chromium: Browser) -> Iterator[Journey]:
    contexts = []

    def person(name: str) -> Visitor:
        context = chromium.new_context(
            viewport={"width": 1280, "height": 900}, locale="da-DK", timezone_id="Europe/Copenhagen"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return Visitor(context.new_page(), f"journey-{name}")

    yield Journey(platform, person("citizen"), person("agent"), person("neighbour"))
    for context in contexts:
        context.close()


# --- the steps -----------------------------------------------------------------------------------


def citizen_submits_idea(j: Journey) -> None:
    """On intake's form, by keyboard alone; the receipt shows the tracking code."""
    needs(j, "intake")
    page = j.citizen.goto(f"{j.platform.url('intake')}/", "idea-form")
    tab_to(page, "#felt-title")
    page.keyboard.type(IDEA_TITLE)
    tab_to(page, "#felt-description")
    page.keyboard.type("Et fast måltid hver måned, hvor nye og gamle naboer laver mad sammen.")
    page.select_option("#felt-theme", label=THEME)
    tab_to(page, "#felt-name")
    page.keyboard.type(CITIZEN["name"])
    tab_to(page, "#felt-email")
    page.keyboard.type(CITIZEN["email"])
    tab_to(page, "#felt-consent_contact")
    page.keyboard.press("Space")
    tab_to(page, "#felt-consent_publish")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    j.citizen.check("receipt")
    j.tracking_code = page.locator(".code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", j.tracking_code)


def receipt_mail_arrives(j: Journey) -> None:
    """notify sends the receipt through the platform's own mail sink (var/mail/*.eml)."""
    needs(j, "notify")
    mail = wait_for(
        lambda: j.platform.find_mail(CITIZEN["email"], j.tracking_code),
        timeout=WAIT,
        what=f"a receipt mail to the citizen with {j.tracking_code}",
    )
    assert j.tracking_code in mail_text(mail)


def agent_logs_in(j: Journey) -> None:
    """The sparring agent logs in on routing's shared staff login."""
    needs(j, "routing")
    page = j.agent.goto(f"{j.platform.url('routing')}/login", "login")
    page.get_by_label("E-mail").fill(AGENT_EMAIL)
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind").click()
    assert "/login" not in page.url, "the login did not succeed"
    j.agent.check("inbox")


def agent_answers_and_connects(j: Journey) -> None:
    """The case waits in the agent's inbox; the agent answers the initiator and connects the
    idea to a council."""
    needs(j, "routing")
    page = j.agent.page
    inbox = f"{j.platform.url('routing')}/indbakke"

    def case_link_visible() -> bool:
        page.goto(inbox)
        return page.get_by_role("link", name=IDEA_TITLE).count() > 0

    wait_for(case_link_visible, timeout=WAIT, what="the case in the agent's inbox")
    j.agent.check("inbox-with-case")
    with page.expect_navigation():
        page.get_by_role("link", name=IDEA_TITLE).first.click()
    j.case_url = page.url
    j.agent.check("case")

    page.select_option("#felt-to", label="I dialog")
    page.locator("#svar-form").get_by_label("Besked til initiativtageren").fill(ANSWER)
    with page.expect_navigation():
        page.locator("#send-svar").click()
    j.agent.check("case-answered")

    council_form = page.locator("#kobl-raad")
    council_form.locator("select").select_option(index=1)
    with page.expect_navigation():
        council_form.get_by_role("button").click()
    j.agent.check("case-connected")
    expect(page.get_by_role("heading", name="Koblinger")).to_be_visible()


def status_page_shows_answer(j: Journey) -> None:
    """The agent's words reach the citizen's public status page (routing → intake)."""
    needs(j, "intake", "routing")
    page = j.citizen.page
    url = f"{j.platform.url('intake')}/status/{j.tracking_code}"

    def answer_shown() -> bool:
        page.goto(url)
        return ANSWER[:40] in page.content()

    wait_for(answer_shown, timeout=WAIT, what="the answer on the status page")
    j.citizen.check("status-answered")
    expect(page.locator(".status")).to_have_text("I dialog")


def agent_publishes_and_neighbour_joins(j: Journey) -> None:
    """With the initiator's consent the agent publishes the idea; a neighbour finds it on the
    idea board and joins it."""
    needs(j, "routing", "idea_board")
    page = j.agent.page
    page.goto(j.case_url)
    form = page.locator("#offentliggoer-form")
    form.locator("textarea").fill(PUBLIC_SUMMARY)
    with page.expect_navigation():
        form.get_by_role("button", name="Offentliggør").click()
    j.agent.check("case-published")
    expect(page.locator("#offentliggjort")).to_be_visible()

    board = j.neighbour.page

    def idea_on_board() -> bool:
        board.goto(f"{j.platform.url('idea_board')}/")
        return board.get_by_role("link", name=IDEA_TITLE).count() > 0

    wait_for(idea_on_board, timeout=WAIT, what="the published idea on the idea board")
    j.neighbour.check("idea-board")
    with board.expect_navigation():
        board.get_by_role("link", name=IDEA_TITLE).click()
    j.neighbour.check("idea")
    with board.expect_navigation():
        board.get_by_role("link", name="Kobl dig på idéen").click()
    j.neighbour.check("join-form")
    form = board.locator("#kobl-paa-formular")
    form.locator("input[type=radio]").first.check()
    form.get_by_label("Kort besked").fill("Jeg kan lave mad til 20 og har et stort gryde-sæt.")
    form.get_by_label("Navn").fill("Ole Nabo")
    form.get_by_label("E-mail").fill("ole.nabo@example.dk")
    with board.expect_navigation():
        form.get_by_role("button", name="Kobl mig på").click()
    j.neighbour.check("joined")
    assert "/tak" in board.url


def citizen_registers_for_theme_meeting_and_cancels(j: Journey) -> None:
    """A council's open theme meeting in the shared calendar: register, then cancel."""
    needs(j, "calendar")
    page = j.neighbour.goto(f"{j.platform.url('calendar')}/", "calendar")
    with page.expect_navigation():
        page.get_by_role("link", name=THEME_MEETING).first.click()
    j.neighbour.check("theme-meeting")
    form = page.locator("#tilmelding")
    form.get_by_label("Navn").fill("Ole Nabo")
    form.get_by_label("E-mail").fill("ole.nabo@example.dk")
    with page.expect_navigation():
        form.locator("#tilmeld").click()
    j.neighbour.check("registered")
    if page.locator("#afmeld-knap").count() == 0:
        # The cancel link travels in the confirmation mail.
        mail = wait_for(
            lambda: j.platform.find_mail("ole.nabo@example.dk", "/tilmeldinger/"),
            timeout=WAIT,
            what="the registration mail with its cancel link",
        )
        link = re.search(r"https?://\S+/tilmeldinger/[\w-]+", mail_text(mail))
        assert link, "the registration mail has no cancel link"
        j.neighbour.goto(link.group(0), "registration")
    with page.expect_navigation():
        page.locator("#afmeld-knap").click()
    j.neighbour.check("cancelled")
    expect(page.get_by_role("button", name="Meld mig fra")).to_have_count(0)


def hearing_is_answered(j: Journey) -> None:
    """A moderator opens a hearing (staff API, token from routing); a citizen answers it."""
    needs(j, "routing", "hearing")
    now = datetime.now()
    hearing = made_by_staff(
        f"{j.platform.url('hearing')}/api/v1/hearings",
        {
            "title": "Høring: Ny cykelparkering ved Hellerup Station",
            "introduction": "Kommunen foreslår 300 nye cykelpladser. Hvad mener du?",
            "sections": [
                {"heading": "Placering", "body": "Pladserne placeres langs Ryvangs Allé."},
                {"heading": "Overdækning", "body": "Halvdelen af pladserne får tag."},
            ],
            "opens_at": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "deadline": (now + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M"),
            "answers": "public",
        },
        staff_headers(j.platform, MODERATOR_EMAIL),
    )
    page = j.citizen.goto(f"{j.platform.url('hearing')}/", "hearings")
    with page.expect_navigation():
        page.get_by_role("link", name=hearing["title"]).click()
    j.citizen.check("hearing")
    send_as_citizen(
        page.locator("#hoeringssvar"),
        "Dit svar",
        "Godt forslag, men husk pladser til ladcykler.",
        "Send høringssvar",
    )
    j.citizen.check("hearing-answered")
    assert "/tak" in page.url
    if j.platform.has("notify"):
        # The hearing words the receipt; notify delivers it (notification.requested).
        wait_for(
            lambda: j.platform.find_mail(CITIZEN["email"], hearing["url"]),
            timeout=WAIT,
            what="the hearing's receipt",
        )


def hearing_notat_is_published(j: Journey) -> None:
    """A hearing past its deadline gets its høringsnotat, per section, in Danish and English."""
    needs(j, "routing", "hearing")
    token = staff_headers(j.platform, MODERATOR_EMAIL)
    now = datetime.now()
    hearing = made_by_staff(
        f"{j.platform.url('hearing')}/api/v1/hearings",
        {
            "title": "Høring: Lys på stien ved Gentofte Sø",
            "introduction": "Kommunen foreslog lamper langs stien. Høringen er slut.",
            "sections": [{"heading": "Lamper", "body": "Tyve lave lamper langs stien."}],
            "opens_at": (now - timedelta(days=20)).strftime("%Y-%m-%dT%H:%M"),
            "deadline": (now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "answers": "public",
        },
        token,
    )
    notat = requests.put(
        f"{j.platform.url('hearing')}/api/v1/hearings/{hearing['id']}/summary",
        json={
            "summary": "Svarene ønskede mindre lys af hensyn til flagermus.",
            "sections": [
                {
                    "section": hearing["sections"][0]["id"],
                    "answer": "Vi sætter ti lamper op, som slukker ved midnat.",
                    "changed": True,
                }
            ],
        },
        headers=token,
        timeout=10,
    )
    assert notat.status_code == 200, notat.text
    for language, changed in (
        ("da", "Teksten ændres på grund af høringssvarene."),
        ("en", "The text changes because of the responses."),
    ):
        page = j.citizen.goto(f"{hearing['url']}?lang={language}", f"hearing-notat-{language}")
        notat_section = page.locator("#hoeringsnotat")
        expect(notat_section.get_by_role("heading", name="1. Lamper")).to_be_visible()
        expect(notat_section).to_contain_text(changed)
        j.citizen.check(f"hearing-notat-{language}")


def theme_discussion_is_answered_by_keyboard(j: Journey) -> None:
    """A council secretary publishes a theme discussion linked to a calendar meeting; a citizen
    answers one question with the keyboard alone, gets a receipt, and finds the meeting's sign-up."""
    needs(j, "routing", "theme_discussion", "calendar")
    events = requests.get(f"{j.platform.url('calendar')}/api/v1/events", timeout=10).json()
    meeting = next(e for e in events if e["title"] == THEME_MEETING)  # it takes sign-ups
    discussion = made_by_staff(
        f"{j.platform.url('theme_discussion')}/api/v1/discussions",
        {
            "title": "Temadrøftelse: Unges fritid",
            "committee": "Kultur-, Unge- og Fritidsudvalget",
            "intro": "Udvalget holder temamøde om unges fritid og vil høre dig først.",
            "event_id": meeting["id"],
            "questions": ["Hvor mødes unge i dag?", "Hvad mangler der?"],
            "closes_at": (datetime.now() + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M"),
        },
        staff_headers(j.platform, SECRETARY_EMAIL),
    )
    page = j.citizen.goto(f"{j.platform.url('theme_discussion')}/", "discussions")
    j.citizen.check("discussions")
    with page.expect_navigation():
        page.get_by_role("link", name=discussion["title"]).click()
    j.citizen.check("discussion")
    sign_up = page.locator("#tilmeld-moedet")
    expect(sign_up).to_have_attribute("href", discussion["sign_up_url"])
    tab_to(page, "#felt-question_id")
    page.keyboard.press("ArrowDown")  # the first question
    tab_to(page, "#felt-text")
    page.keyboard.type("På biblioteket og i hallen, men der mangler steder om aftenen.")
    tab_to(page, "#felt-name")
    page.keyboard.type(CITIZEN["name"])
    tab_to(page, "#felt-email")
    page.keyboard.type(CITIZEN["email"])
    tab_to(page, "#bidrag button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    j.citizen.check("discussion-answered")
    assert "/tak" in page.url
    expect(page.locator("#kvittering")).to_contain_text(discussion["title"])
    if j.platform.has("notify"):
        # The format words the receipt; notify delivers it (notification.requested).
        wait_for(
            lambda: j.platform.find_mail(CITIZEN["email"], discussion["url"]),
            timeout=WAIT,
            what="the theme discussion's receipt",
        )
    with page.expect_navigation():
        page.get_by_role("link", name="Se mødet og tilmeld dig i kalenderen").click()
    expect(page.locator("#tilmelding-sektion")).to_be_visible()


def theme_discussion_is_concluded(j: Journey) -> None:
    """After the closing time the committee's conclusions are on the page in Danish and English,
    and the contributor is told by mail."""
    needs(j, "routing", "theme_discussion")
    token = staff_headers(j.platform, SECRETARY_EMAIL)
    base = j.platform.url("theme_discussion")
    # Closing a few seconds ahead: the answer comes in, then the conclusions are accepted.
    closes = datetime.now(UTC) + timedelta(seconds=8)  # with its offset: no local-time reading
    discussion = made_by_staff(
        f"{base}/api/v1/discussions",
        open_discussion(
            title="Temadrøftelse: Stier langs Mølleåen",
            intro="Udvalget drøfter stierne langs Mølleåen på sit næste møde.",
            closes_at=closes.isoformat(timespec="seconds"),
        ),
        token,
    )
    question = discussion["questions"][0]["id"]
    answered = requests.post(
        f"{base}/api/v1/discussions/{discussion['id']}/contributions?lang=en",
        json={"question_id": question, "text": "Along the river.", **CITIZEN},
        timeout=10,
    )
    assert answered.status_code == 201, answered.text
    conclusions = {
        "summary": "Udvalget vil belyse stien og sætte bænke op.",
        "per_question": [{"question_id": question, "text": "Stien ved Mølleåen får bænke."}],
    }

    def concluded() -> bool:
        answer = requests.post(
            f"{base}/api/v1/discussions/{discussion['id']}/conclusions",
            json=conclusions,
            headers=token,
            timeout=10,
        )
        assert answer.status_code in (200, 409), answer.text
        return answer.status_code == 200

    wait_for(concluded, timeout=WAIT, interval=1, what="the conclusions accepted after closing")
    for language, heading in (
        ("da", "Udvalgets konklusioner"),
        ("en", "The committee's conclusions"),
    ):
        page = j.citizen.goto(
            f"{discussion['url']}?lang={language}", f"discussion-concluded-{language}"
        )
        section = page.locator("#konklusioner")
        expect(section.get_by_role("heading", name=heading)).to_be_visible()
        expect(section).to_contain_text("Stien ved Mølleåen får bænke.")
        j.citizen.check(f"discussion-concluded-{language}")
    if j.platform.has("notify"):
        wait_for(
            lambda: j.platform.find_mail(CITIZEN["email"], f"{discussion['url']}#konklusioner"),
            timeout=WAIT,
            what="the mail about the committee's conclusions",
        )


def recommendation_is_followed_asked_and_answered(j: Journey) -> None:
    """A coordinator records a committee's recommendation with the agent as its owner; a citizen
    asks the owner a question and follows it (confirming by the mail's button); the owner answers
    on the staff page and publishes an update, which reaches the follower with a one-click
    unsubscribe. In Danish and English."""
    needs(j, "routing", "realisation", "notify")
    base = j.platform.url("realisation")
    coordinator = staff_headers(j.platform, COORDINATOR_EMAIL)
    committee = made_by_staff(
        f"{base}/api/v1/committees",
        {"name": "Opgaveudvalget for fællesskaber", "kind": "task_committee"},
        coordinator,
    )
    recommendation = made_by_staff(
        f"{base}/api/v1/recommendations",
        {
            "committee_id": committee["id"],
            "title": RECOMMENDATION,
            "summary": "Udvalget anbefaler et fællesskabshus i hver bydel, drevet af foreninger.",
            "decided_by": "Kommunalbestyrelsen",
            "decided_on": "2026-06-22",
            "responsible": {
                "unit": "Kultur og Fritid",
                "name": "Bo Kristensen",
                "email": AGENT_EMAIL,
            },
            "how_to_contribute": "Meld dig som frivillig i din bydels fællesskabshus.",
            "milestones": [{"title": "Første hus åbner", "due_on": "2027-05-01"}],
        },
        coordinator,
    )
    page = j.citizen.goto(f"{base}/", "realisation")
    with page.expect_navigation():
        page.get_by_role("link", name=RECOMMENDATION).click()
    j.citizen.check("recommendation")
    send_as_citizen(
        page.locator("#spoergsmaal-formular"),
        "Dit spørgsmål",
        "Kan min forening låne huset om aftenen?",
        "Send spørgsmålet",
    )
    j.citizen.check("question-asked")
    page = j.citizen.goto(recommendation["url"])
    follow = page.locator("#foelg-formular")
    follow.get_by_label("E-mail").fill(CITIZEN["email"])
    with page.expect_navigation():
        follow.get_by_role("button", name="Følg").click()
    j.citizen.check("follow-asked")
    confirm = wait_for(
        lambda: j.platform.find_mail(CITIZEN["email"], "/bekraeft/"),
        timeout=WAIT,
        what="the opt-in",
    )
    link = re.search(r"https?://\S+/bekraeft/\S+", mail_text(confirm)).group(0)
    page = j.citizen.goto(link, "follow-confirm")
    j.citizen.check("follow-confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, jeg vil følge den").click()
    expect(page.locator("#bekraeftet")).to_be_visible()
    j.citizen.check("follow-confirmed")

    # The owner answers the question on the realisation's staff page (the shared login).
    page = j.agent.goto(f"{base}/personale", "realisation-staff")
    j.agent.check("realisation-staff")
    with page.expect_navigation():
        page.get_by_role("link", name="Kan min forening låne huset om aftenen?").click()
    page.get_by_label("Svar").fill("Ja, foreninger kan booke huset gratis efter kl. 17.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send svaret").click()
    j.agent.check("realisation-answered")
    owner = staff_headers(j.platform, AGENT_EMAIL)
    update = requests.post(
        f"{base}/api/v1/recommendations/{recommendation['id']}/updates",
        json={
            "text": "Det første fællesskabshus har fået nøglerne.",
            "status": "in_progress",
            "progress": 30,
            "media": {
                "kind": "audio",
                "url": "https://podcast.example.dk/faellesskabshus",
                "transcript": "Bo: Velkommen til det første fællesskabshus.",
            },
        },
        headers=owner,
        timeout=10,
    )
    assert update.status_code == 201, update.text
    news = wait_for(
        lambda: j.platform.find_mail(CITIZEN["email"], "Det første fællesskabshus har fået"),
        timeout=WAIT,
        what="the update to the follower",
    )
    assert "/afmeld/" in news["List-Unsubscribe"]
    assert news["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for language, answered in (("da", "Spørgsmål og svar"), ("en", "Questions and answers")):
        page = j.citizen.goto(
            f"{recommendation['url']}?lang={language}", f"recommendation-{language}"
        )
        expect(page.get_by_role("heading", name=answered)).to_be_visible()
        expect(page.locator("#besvarede")).to_contain_text("booke huset gratis")
        expect(page.locator("#opdateringer")).to_contain_text("fået nøglerne")
        expect(page.locator("main")).not_to_contain_text(CITIZEN["name"])
        j.citizen.check(f"recommendation-{language}")


# --- helpers -------------------------------------------------------------------------------------


# --- the journey, step by step -------------------------------------------------------------------

# Each step and the steps whose results it uses.
STEPS = [
    (citizen_submits_idea, ()),
    (receipt_mail_arrives, (citizen_submits_idea,)),
    (agent_logs_in, ()),
    (agent_answers_and_connects, (citizen_submits_idea, agent_logs_in)),
    (status_page_shows_answer, (agent_answers_and_connects,)),
    (agent_publishes_and_neighbour_joins, (agent_answers_and_connects,)),
    (citizen_registers_for_theme_meeting_and_cancels, ()),
    (hearing_is_answered, ()),
    (hearing_notat_is_published, ()),
    (theme_discussion_is_answered_by_keyboard, ()),
    (theme_discussion_is_concluded, ()),
    (recommendation_is_followed_asked_and_answered, (agent_logs_in,)),
]


def test_journey(journey: Journey) -> None:
    """One test, so the steps share their state in order whatever the test distribution; a step
    that fails fails the journey, a step whose service is missing is skipped and named."""
    done, skipped = set(), []
    for step, earlier in STEPS:
        unmet = [e.__name__ for e in earlier if e not in done]
        if unmet:
            skipped.append(f"{step.__name__} (needs {', '.join(unmet)})")
            continue
        try:
            step(journey)
        except MissingService as missing:
            skipped.append(f"{step.__name__} (service not in the platform yet: {missing})")
            continue
        done.add(step)
    if skipped:
        pytest.skip("journey steps skipped: " + "; ".join(skipped))
