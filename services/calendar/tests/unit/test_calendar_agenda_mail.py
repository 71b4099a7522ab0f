"""The secretaries' mail about a proposed agenda item: worded in the language asked, one line of
subject, and one reference per item and secretary."""

from sammen.calendar.agenda_mail import agenda_item_request
from sammen.contracts import Recipient

ITEM = {
    "item_id": "5d1c0b7e-0000-4000-8000-000000000001",
    "council": "Handicaprådet",
    "tracking_code": "SAM-7K2Q",
    "title": "Bænke med armlæn\nlangs Gentofte Sø",
    "proposed_by": "Dorthe Lund",
    "case_url": "https://sag.gentofte.dk/sager/1",
    "page_url": "https://kalender.gentofte.dk/personale/arrangoerer/handicapraadet",
}


def test_the_mail_is_danish_for_staff_and_names_the_case_the_agent_and_the_links():
    request = agenda_item_request(secretary_email="sekretaer@gentofte.dk", **ITEM)
    assert request.to == Recipient(name=None, email="sekretaer@gentofte.dk")
    assert request.language == "da" and request.category == "calendar.agenda_item"
    assert request.subject == (
        "Foreslået punkt til dagsordenen for Handicaprådet: Bænke med armlæn langs Gentofte Sø"
    )
    text = request.text
    assert "Dorthe Lund har koblet sagen SAM-7K2Q" in text
    assert ITEM["case_url"] in text and ITEM["page_url"] in text
    assert len(request.reference) <= 80


def test_the_mail_reads_in_english_when_asked():
    request = agenda_item_request(secretary_email="s@gentofte.dk", language="en", **ITEM)
    assert request.language == "en"
    assert request.subject.startswith("Proposed agenda item for Handicaprådet:")
    assert "Dorthe Lund has linked the case SAM-7K2Q" in request.text


def test_each_secretary_has_a_reference_of_their_own_and_the_same_one_again():
    first = agenda_item_request(secretary_email="a@gentofte.dk", **ITEM)
    again = agenda_item_request(secretary_email="a@gentofte.dk", **ITEM)
    other = agenda_item_request(secretary_email="b@gentofte.dk", **ITEM)
    assert first.reference == again.reference != other.reference


def test_without_a_case_address_the_mail_leaves_the_line_out():
    request = agenda_item_request(secretary_email="a@gentofte.dk", **(ITEM | {"case_url": ""}))
    assert "Sagen:" not in request.text and ITEM["page_url"] in request.text
