"""A format's answers to routing's access and erasure requests (GDPR art. 15 and 17): the records
it keeps about a person, found by their e-mail address."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from sammen import privacy
from sammen.bootstrap import Queue
from sammen.contracts import AccessRequested, ErasureRequested
from sammen.db.results import changed_rows


@dataclass(frozen=True)
class Holding:
    """One kind of record a format keeps about people: its name in the reports, the column with
    the person's address, and what the access report shows of a record: each field read from an
    attribute (a dotted path follows a relation, and ends at a missing one)."""

    name: str
    address: InstrumentedAttribute[str]
    shown: Mapping[str, str]

    def describe(self, record: Any) -> dict[str, Any]:
        """One record as the access report shows it; times in ISO 8601, as in the events."""
        return {field: _reported(_read(record, path)) for field, path in self.shown.items()}

    def matching(self, email: str) -> Any:
        return func.lower(self.address) == email

    @property
    def model(self) -> Any:
        return self.address.class_


def _read(record: Any, path: str) -> Any:
    value = record
    for attribute in path.split("."):
        if value is None:
            return None
        value = getattr(value, attribute)
    return value


def _reported(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def erased(session: Session, email: str, holdings: Sequence[Holding]) -> dict[str, int]:
    """Delete every record of `holdings` with the address; how many went, per kind."""
    summary = dict.fromkeys((holding.name for holding in holdings), 0)
    if email:
        for holding in holdings:
            result = session.execute(delete(holding.model).where(holding.matching(email)))
            summary[holding.name] = changed_rows(result)
    return summary


def erase_person(
    session: Session, service: str, event: ErasureRequested, holdings: Sequence[Holding]
) -> None:
    """`person.erasure_requested`: the person's records go, and routing hears how many."""
    summary = erased(session, privacy.requested_email(event), holdings)
    privacy.report(session, service, event.request_id, "erasure", summary)


def report_person(
    session: Session, service: str, event: AccessRequested, holdings: Sequence[Holding]
) -> None:
    """`person.access_requested`: every record of `holdings` with the address, as routing hears it."""
    email = privacy.requested_email(event)
    data: dict[str, list[dict[str, Any]]] = {}
    for holding in holdings:
        query = select(holding.model).where(holding.matching(email))
        found = list(session.scalars(query)) if email else []
        data[holding.name] = [holding.describe(record) for record in found]
    summary = {name: len(records) for name, records in data.items()}
    privacy.report(session, service, event.request_id, "access", summary, data=data)


def privacy_queues(service: str, holdings: Sequence[Holding]) -> list[Queue]:
    """`<service>.erasure` and `<service>.access` (`sammen.privacy.queues`) for a format whose
    records about people are all among `holdings`."""

    def erase(session: Session, event: ErasureRequested) -> None:
        erase_person(session, service, event, holdings)

    def report(session: Session, event: AccessRequested) -> None:
        report_person(session, service, event, holdings)

    return privacy.queues(service, erase, report)
