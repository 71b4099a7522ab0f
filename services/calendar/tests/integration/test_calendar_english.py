"""English pages: `?lang=en` or the remembered `sammen_lang` cookie; Danish stays the default."""

from sammen.web import LANGUAGE_COOKIE

from .conftest import SECRETARY
from .test_calendar_pages import login, soon

MONTHLY = "FREQ=MONTHLY;BYDAY=2TU;BYMONTH=1,2,3,4,5,6,8,9,10,11,12"


def test_the_agenda_and_the_event_page_in_english(client, create):
    meeting = create(title="Seniorrådets møde", rrule=MONTHLY, **soon(3))
    english = client.get("/?lang=en").get_data(as_text=True)
    assert "Shared calendar for councils, committees and citizen dialogue" in english
    assert "Council meeting" in english and "Subscribe to this calendar" in english
    assert "Fælles kalender for råd" not in english
    assert "Seniorrådets møde" in english  # event data stays as written
    page = client.get(f"/arrangementer/{meeting['id']}?lang=en").get_data(as_text=True)
    assert "The second Tuesday of every month except in July" in page
    assert "Add to my calendar" in page and "Type of meeting" in page
    danish = client.get(f"/arrangementer/{meeting['id']}").get_data(as_text=True)
    assert "Hver anden tirsdag i måneden undtagen i juli" in danish and "Rådsmøde" in danish


def test_the_cookie_remembers_english_for_pages_and_form_errors(client, create, calendar):
    meeting = create(title="Temamøde", kind="theme_meeting", registration={"capacity": 5}, **soon())
    client.set_cookie(LANGUAGE_COOKIE, "en")
    day = meeting["starts_at"][:7].split("-")
    month = client.get(f"/maaned/{day[0]}/{int(day[1])}").get_data(as_text=True)
    assert "Previous month" in month and "Monday" in month and "Forrige måned" not in month
    answer = client.post(
        f"/arrangementer/{meeting['id']}/tilmelding", data={"name": "", "email": "ikke-en-adresse"}
    )
    errors = answer.get_data(as_text=True)
    assert answer.status_code == 422
    assert "Enter your name" in errors and "Enter a valid email address" in errors
    login(client, calendar, SECRETARY)
    staff = client.get("/personale/").get_data(as_text=True)
    assert "Calendar: your events" in staff and "Create event" in staff
    form = client.get("/personale/arrangementer/ny").get_data(as_text=True)
    assert ">Tuesday</option>" in form and ">Council meeting</option>" in form


def test_the_staff_overview_describes_repeats_in_english(client, create, calendar):
    create(title="Seniorrådets møde", rrule=MONTHLY, **soon(3))
    login(client, calendar, SECRETARY)
    english = client.get("/personale/?lang=en").get_data(as_text=True)
    assert "The second Tuesday of every month except in July" in english
    danish = client.get("/personale/?lang=da").get_data(as_text=True)
    assert "Hver anden tirsdag i måneden undtagen i juli" in danish
