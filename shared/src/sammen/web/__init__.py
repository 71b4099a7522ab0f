"""The app factory every service starts from: health, readiness, metrics, OpenAPI, JSON errors,
request and correlation ids, security headers, CSRF, language, the shared look and JSON logs."""

from __future__ import annotations

import functools
import logging
import secrets
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    Response,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
)
from flask_babel import Babel, format_datetime, get_locale
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_smorest import Api, abort
from flask_wtf.csrf import CSRFError, CSRFProtect
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from sammen import metrics
from sammen.clock import Clock, utc_now
from sammen.config import Settings
from sammen.db import Database
from sammen.errors import DomainError
from sammen.logs import configure_logging, correlation_id, request_id
from sammen.web import clock as web_clock
from sammen.web import errors, rate_limits
from sammen.web.input_guard import install_input_guard
from sammen.web.readiness import BrokerCheck
from sammen.web.redirects import same_site_target

log = logging.getLogger("sammen.web")

LANGUAGES = ("da", "en")
LANGUAGE_COOKIE = "sammen_lang"
_SHARED = Path(__file__).parent

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[], headers_enabled=True)
PUBLIC_FORM_LIMIT = "10/minute;60/hour"


def limit_from_setting(name: str, default: str = PUBLIC_FORM_LIMIT) -> Callable[[], str]:
    """A rate limit for `limiter.limit`, read from the service's setting `name` on each request."""

    def limit() -> str:
        return current_app.config["SAMMEN_SETTINGS"].get(name, default)

    return limit


def create_service_app(
    settings: Settings,
    database: Database,
    import_name: str,
    title: str,
    *,
    max_body_bytes: int = 64 * 1024,
    clock: Clock = utc_now,
) -> tuple[Flask, Api]:
    """A Flask app with what every service serves (docs/architecture.md); the service adds its routes."""
    configure_logging(settings.service)
    app = Flask(import_name)
    app.config.update(
        SAMMEN_SETTINGS=settings,
        SAMMEN_DATABASE=database,
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=max_body_bytes,
        SESSION_COOKIE_NAME=f"sammen_{settings.service}_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.cookies_secure,
        WTF_CSRF_TIME_LIMIT=None,
        WTF_CSRF_SSL_STRICT=False,
        API_TITLE=title,
        API_VERSION="v1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        BABEL_DEFAULT_LOCALE="da",
        BABEL_DEFAULT_TIMEZONE="Europe/Copenhagen",
        BABEL_TRANSLATION_DIRECTORIES=";".join(
            str(path) for path in (Path(app.root_path) / "translations", _SHARED / "translations")
        ),
        RATELIMIT_STORAGE_URI=settings.get("RATELIMIT_STORAGE_URI", rate_limits.STORAGE_URI),
        RATELIMIT_ENABLED=settings.get("SAMMEN_RATE_LIMITS", "on") != "off",
    )
    # Everything time-dependent in a request reads this clock; tests set their own.
    app.config[web_clock.CONFIG_KEY] = clock
    if settings.get("SAMMEN_BEHIND_PROXY") == "1":
        # Behind the reverse proxy: trust one hop's X-Forwarded-For/Proto/Host/Prefix.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1, x_prefix=1)  # type: ignore[method-assign]
    api = Api(app)
    csrf.init_app(app)
    limiter.init_app(app)
    Babel(app, locale_selector=_select_language)
    app.register_blueprint(_shared_blueprint())
    app.register_blueprint(_operations_blueprint(database, BrokerCheck(settings.amqp_url)))
    _install_request_hooks(app)
    install_input_guard(app)
    _install_error_handlers(app, api)
    app.jinja_env.globals.update(
        base_url=settings.base_url,
        accessibility_statement_url=accessibility_statement_url(settings),
        languages=LANGUAGES,
        get_locale=get_locale,
        format_datetime=format_datetime,
    )
    return app, api


def accessibility_statement_url(settings: Settings) -> str:
    """SAMMEN_WAS_URL: the statement made in Digitaliseringsstyrelsen's WAS-Tool, as the law
    wants; without it, intake's own page."""
    return (
        settings.get("SAMMEN_WAS_URL").strip() or f"{settings.base_url('intake')}/tilgaengelighed"
    )


def _select_language() -> str:
    chosen = request.args.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    return chosen if chosen in LANGUAGES else "da"


def _shared_blueprint() -> Blueprint:
    """The shared base template and stylesheet, at /_sammen/static/…"""
    blueprint = Blueprint(
        "sammen",
        __name__,
        template_folder="templates",
        static_folder="static",
        static_url_path="/_sammen/static",
    )

    @blueprint.get("/sprog/<language>")
    def choose_language(language: str) -> Response:
        """Remember the chosen language for a year and go back to the page."""
        response = redirect(same_site_target(request.args.get("next")))
        if language in LANGUAGES:
            response.set_cookie(
                LANGUAGE_COOKIE,
                language,
                max_age=365 * 86400,
                secure=current_app.config["SAMMEN_SETTINGS"].cookies_secure,
                samesite="Lax",
                httponly=True,
            )
        return response

    @blueprint.get("/was")
    def accessibility_statement() -> Response:
        """Every service's short address for the accessibility statement."""
        return redirect(accessibility_statement_url(current_app.config["SAMMEN_SETTINGS"]))

    return blueprint


def _operations_blueprint(database: Database, broker: BrokerCheck) -> Blueprint:
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


_UNTRACKED = {"/metrics", "/healthz"}


def _install_request_hooks(app: Flask) -> None:
    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()
        g.request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        g.correlation_id = request.headers.get("X-Correlation-ID") or g.request_id
        g.csp_nonce = secrets.token_urlsafe(16)
        g.tokens = (request_id.set(g.request_id), correlation_id.set(g.correlation_id))

    @app.after_request
    def _finish(response: Response) -> Response:
        response.headers["X-Request-ID"] = g.get("request_id", "")
        response.headers["X-Correlation-ID"] = g.get("correlation_id", "")
        _security_headers(app, response)
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


def _security_headers(app: Flask, response: Response) -> None:
    frame_ancestors = getattr(response, "frame_ancestors", "'none'")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"form-action 'self' {_form_targets(app)}; base-uri 'none'; object-src 'none'; "
        f"frame-ancestors {frame_ancestors}",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if frame_ancestors == "'none'":
        response.headers.setdefault("X-Frame-Options", "DENY")
    settings: Settings = app.config["SAMMEN_SETTINGS"]
    if settings.is_production:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if request.path.startswith("/api/") or ("staff" in g and g.staff is not None):
        response.headers.setdefault("Cache-Control", "no-store")


def _form_targets(app: Flask) -> str:
    # Staff pages of every service post to the shared login and logout in routing, and routing's
    # logout goes on to the OpenID provider's (a browser checks form-action on redirects too).
    settings: Settings = app.config["SAMMEN_SETTINGS"]
    targets = [settings.base_url("routing")]
    if issuer := settings.get("SAMMEN_OIDC_ISSUER").strip():
        parts = urlsplit(issuer)
        targets.append(f"{parts.scheme}://{parts.netloc}")
    return " ".join(targets)


def _install_error_handlers(app: Flask, api: Api) -> None:
    def wants_json() -> bool:
        return (
            request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"
        )

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        if wants_json():
            return api.handle_http_exception(error)
        return render_template("sammen/error.html", error=error), error.code

    @app.errorhandler(DomainError)
    def _domain_error(error: DomainError):  # type: ignore[no-untyped-def]
        # A use case's refusal that its view leaves to the shared mapping.
        return _http_error(errors.as_http(error))

    @app.errorhandler(CSRFError)
    def _csrf_error(error: CSRFError):  # type: ignore[no-untyped-def]
        if wants_json():
            return api.handle_http_exception(error)
        return render_template("sammen/error.html", error=error, csrf=True), 400

    @app.errorhandler(DBAPIError)
    def _database_down(error: DBAPIError):  # type: ignore[no-untyped-def]
        # Nothing was committed: the unit of work rolled back. Ask the client to come back.
        log.error("database unavailable: %s", type(error.orig).__name__)
        message = "The service cannot store anything right now. Nothing was saved; try again soon."
        if wants_json():
            response = jsonify(code=503, status="Service Unavailable", message=message)
        else:
            response = render_template("sammen/error.html", error=None, unavailable=True)
        return response, 503, {"Retry-After": "30"}

    @app.errorhandler(Exception)
    def _unexpected(error: Exception):  # type: ignore[no-untyped-def]
        if isinstance(error, HTTPException):
            return _http_error(error)
        log.exception("unhandled error")
        if wants_json():
            return jsonify(
                code=500, status="Internal Server Error", message="Unexpected error"
            ), 500
        return render_template("sammen/error.html", error=None), 500


def json_only(view: Callable) -> Callable:
    """415 unless the body is JSON: the API accepts nothing else."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        if not request.is_json:
            abort(415, message="Send the body as application/json.")
        return view(*args, **kwargs)

    return wrapper
