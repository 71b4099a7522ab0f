"""Bad input at scale: schemathesis generates valid and invalid requests for every operation of
every service's /openapi.json, served by the app in this process. No answer may be a 5xx, every
answer must match the schema the service publishes, and a request that breaks that schema must be
refused (so the schema and the validation agree). Bounded and seeded, so CI runs it quickly."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import negative_data_rejection, response_schema_conformance

from sammen.testing.discussions import open_discussion
from sammen.testing.hearings import open_hearing
from sammen.testing.ideas import INTAKE_AUTH
from tests.security.apps import APPS, bearer, built, staff

EXAMPLES = {GenerationMode.POSITIVE: 10, GenerationMode.NEGATIVE: 6}
CHECKS = [not_a_server_error, response_schema_conformance, negative_data_rejection]
# Schemathesis's refusals, plus 413: a body past the service's size limit is refused unread.
REFUSALS = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]


def credentials(service: str, app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Intake's API takes a client key; every other staff API a staff token (admin may do all)."""
    if service == "intake":
        return INTAKE_AUTH
    return bearer(app, staff("admin"))


def existing_ids(service: str, app, headers: dict[str, str]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Path parameters naming something that exists, so generated bodies get past the look-up to
    the validation (elsewhere the generated ids meet a 404, which is a refusal too)."""
    client = app.test_client()
    if service == "calendar":
        return {"event_id": client.get("/api/v1/events").json[0]["id"]}
    if service == "hearing":
        opened = client.post("/api/v1/hearings", json=open_hearing(), headers=headers)
        return {"hearing_id": opened.json["id"]}
    if service == "theme_discussion":
        opened = client.post("/api/v1/discussions", json=open_discussion(), headers=headers)
        return {"discussion_id": opened.json["id"]}
    return {}


CONFIG = SchemathesisConfig.from_dict(
    {"checks": {"negative_data_rejection": {"expected-statuses": REFUSALS}}}
)


def fuzz(operation, mode: GenerationMode, headers: dict[str, str], ids: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    @seed(20261127)
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:  # type: ignore[no-untyped-def]
        for name in case.path_parameters.keys() & ids.keys():
            case.path_parameters[name] = ids[name]
        case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.mark.slow
@pytest.mark.parametrize("service", sorted(APPS))
def test_every_operation_survives_generated_input(service, tmp_path):
    with built(service, tmp_path, SAMMEN_ENV="development") as app:  # demo data to find
        app.config["WTF_CSRF_ENABLED"] = False
        headers = credentials(service, app)
        ids = existing_ids(service, app, headers)
        schema = schemathesis.openapi.from_wsgi("/openapi.json", app, config=CONFIG)
        failures, count = [], 0
        for result in schema.get_all_operations():
            operation = result.ok()
            for mode in EXAMPLES:
                count += 1
                try:
                    fuzz(operation, mode, headers, ids)
                except Unsatisfiable:
                    pass  # nothing in this operation can be made invalid (a free-text path part)
                except (Exception, FailureGroup) as error:  # every operation's failure, not one
                    failures.append(f"{operation.label} ({mode.value}): {error}"[:3000])
    assert count, f"{service}: no operation in /openapi.json"
    assert not failures, "\n\n".join(failures)
