"""The operational endpoints of every service: /healthz, /readyz and /metrics."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from sammen import metrics
from sammen.db import Database
from sammen.web.readiness import BrokerCheck


def operations_blueprint(database: Database, broker: BrokerCheck) -> Blueprint:
    blueprint = Blueprint("operations", __name__)

    @blueprint.get("/healthz")
    def healthz() -> Response:
        return jsonify(status="ok")

    @blueprint.get("/readyz")
    def readyz() -> tuple[Response, int]:
        checks = {"database": database.reachable(), "broker": broker.reachable()}
        for name, ok in checks.items():
            metrics.readiness.labels(name).set(1 if ok else 0)
        ready = all(checks.values())
        body = {name: "ok" if ok else "unreachable" for name, ok in checks.items()}
        return jsonify(status="ready" if ready else "not ready", checks=body), 200 if ready else 503

    @blueprint.get("/metrics")
    def metrics_endpoint() -> Response:
        payload, content_type = metrics.exposition()
        return Response(payload, content_type=content_type)

    return blueprint
