"""Per request: request and correlation ids, security headers, metrics and the log line."""

from __future__ import annotations

import logging
import time

from flask import Flask, Response, g, request

from sammen import metrics, randomness
from sammen.logs import correlation_id, request_id
from sammen.web.security_headers import add_security_headers

log = logging.getLogger("sammen.web")

_UNTRACKED = {"/metrics", "/healthz"}


def install_request_hooks(app: Flask) -> None:
    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()
        g.request_id = request.headers.get("X-Request-ID") or randomness.uuid4().hex
        g.correlation_id = request.headers.get("X-Correlation-ID") or g.request_id
        g.tokens = (request_id.set(g.request_id), correlation_id.set(g.correlation_id))

    @app.after_request
    def _finish(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id", "")
        response.headers["X-Correlation-ID"] = g.get("correlation_id", "")
        add_security_headers(app, response)
        endpoint = request.url_rule.rule if request.url_rule else "unmatched"
        if endpoint not in _UNTRACKED and "started" in g:
            elapsed = time.perf_counter() - g.started
            metrics.http_requests.labels(request.method, endpoint, str(response.status_code)).inc()
            metrics.http_duration.labels(request.method, endpoint).observe(elapsed)
            log.info(
                "%s %s %s",
                request.method,
                endpoint,
                response.status_code,
                extra={"status": response.status_code, "duration_ms": round(elapsed * 1000, 1)},
            )
        return response

    @app.teardown_request
    def _reset(_error: BaseException | None) -> None:
        tokens = g.pop("tokens", None)
        if tokens:
            request_id.reset(tokens[0])
            correlation_id.reset(tokens[1])
