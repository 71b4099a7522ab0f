"""Helpers for the fault tests on the whole platform: submit ideas, read receipts, wait for calm."""

from __future__ import annotations

import uuid
from email.message import EmailMessage
from typing import Any

import requests
import sqlalchemy
from prometheus_client.parser import text_string_to_metric_families

from sammen.auth import StaffIdentity, issue_token
from sammen.config import DEVELOPMENT_SECRET_KEY
from sammen.testing import wait_for
from sammen.testing.ideas import INTAKE_AUTH, idea_body
from tests.platform.harness import Platform


def idea(name: str, email: str, phone: str | None = None, **changes: Any) -> dict[str, Any]:
    initiator = {"name": name, "email": email, "phone": phone}
    return idea_body(
        title="Bænke langs Mølleåen",
        description="Flere bænke på stien, så ældre kan gå turen med pauser.",
        initiator=initiator,
        **changes,
    )


def unique_email(prefix: str = "borger") -> str:
    return f"{prefix}.{uuid.uuid4().hex[:10]}@example.dk"


def submit(platform: Platform, body: dict[str, Any]) -> requests.Response:
    return requests.post(
        f"{platform.url('intake')}/api/v1/ideas", json=body, headers=INTAKE_AUTH, timeout=15
    )


def receipts(platform: Platform, email: str) -> list[EmailMessage]:
    """The receipt mails (template `receipt`) the mail sink kept for `email`."""
    return [
        mail
        for mail in platform.mails()
        if email in str(mail.get("To", ""))
        and str(mail.get("X-Sammen-Template", "")).startswith("receipt.")
    ]


def staff_headers(platform: Platform, *roles: str, staff_id: int = 1) -> dict[str, str]:
    secret = platform.env.get("SAMMEN_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    who = StaffIdentity(id=staff_id, email="drift@gentofte.dk", name="Drift Test", roles=roles)
    return {"Authorization": f"Bearer {issue_token(secret, who)}"}


def cases_for(platform: Platform, tracking_code: str) -> list[dict[str, Any]]:
    response = requests.get(
        f"{platform.url('routing')}/api/v1/cases",
        params={"tracking_code": tracking_code},
        headers=staff_headers(platform, "coordinator"),
        timeout=10,
    )
    response.raise_for_status()
    return response.json()


def metric(url: str, name: str, labels: dict[str, str] | None = None) -> float:
    """The value of one sample on a /metrics page (0 when absent)."""
    text = requests.get(url, timeout=5).text
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(
                sample.labels.get(k) == v for k, v in (labels or {}).items()
            ):
                return sample.value
    return 0.0


def broker_messages(platform: Platform) -> dict[str, int]:
    """Every queue of the platform's vhost → messages in it (ready and unacknowledged)."""
    return platform.queue_counts("messages")


def settled(platform: Platform) -> bool:
    """Nothing left to do: every outbox published, every consumed or retrying queue empty."""
    for url in platform.worker_metrics_urls():
        if metric(url, "sammen_outbox_pending") > 0:
            return False
    busy = {
        q: n
        for q, n in broker_messages(platform).items()
        if n
        and not q.endswith(".parked")
        and q != "sammen.unrouted"
        and not q.startswith("test-tap-")
    }
    return not busy


def wait_until_settled(platform: Platform, timeout: float = 60) -> None:
    wait_for(
        lambda: settled(platform), timeout=timeout, interval=0.5, what="the platform to settle"
    )


def blocked_on_cases(engine: sqlalchemy.Engine) -> bool:
    """routing's `idea.submitted` handler waits for the lock on `cases` (its look-up by idea)."""
    with engine.connect() as connection:
        return bool(
            connection.execute(
                sqlalchemy.text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND query ILIKE '%cases.idea_id%'"
                )
            ).scalar_one()
        )
