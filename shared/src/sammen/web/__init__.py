"""The app factory every service starts from: it puts together the operational endpoints, the
request hooks and security headers, the error answers, CSRF, rate limits and the page language."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask, current_app, request
from flask_babel import Babel, format_datetime, get_locale
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_smorest import Api, abort
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from sammen.clock import Clock, utc_now
from sammen.config import Settings
from sammen.db import Database
from sammen.logs import configure_logging
from sammen.web import clock as web_clock
from sammen.web import rate_limits
from sammen.web.arguments import Blueprint
from sammen.web.cookie_session import CookieSessionInterface
from sammen.web.errors import install_error_handlers
from sammen.web.input_guard import install_input_guard
from sammen.web.language import LANGUAGE_COOKIE, LANGUAGES, select_language
from sammen.web.operations import operations_blueprint
from sammen.web.readiness import BrokerCheck
from sammen.web.request_hooks import install_request_hooks
from sammen.web.shared_pages import accessibility_statement_url, shared_blueprint

__all__ = [
    "LANGUAGES",
    "LANGUAGE_COOKIE",
    "Blueprint",
    "create_service_app",
    "csrf",
    "json_call",
    "limit_from_setting",
    "limiter",
]

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
    app.session_interface = CookieSessionInterface()
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
    Babel(app, locale_selector=select_language)
    app.register_blueprint(shared_blueprint())
    app.register_blueprint(operations_blueprint(database, BrokerCheck(settings.amqp_url)))
    install_request_hooks(app)
    install_input_guard(app)
    install_error_handlers(app, api)
    app.jinja_env.globals.update(
        base_url=settings.base_url,
        accessibility_statement_url=accessibility_statement_url(settings),
        languages=LANGUAGES,
        get_locale=get_locale,
        format_datetime=format_datetime,
    )
    return app, api


def register_api(api: Api, blueprint: Blueprint) -> None:
    """A JSON API on the app. Its callers authenticate with a Bearer token or an API key and send
    JSON, never a browser session's cookie with a form a cross-site page could post, so it takes no
    CSRF token: those guard the pages' forms."""
    csrf.exempt(blueprint)
    api.register_blueprint(blueprint)


def json_only(view: Callable) -> Callable:
    """415 unless the body is JSON: the API accepts nothing else."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not request.is_json:
            abort(415, message="Send the body as application/json.")
        return view(*args, **kwargs)

    return wrapper


def json_call(
    blp: Blueprint, body: Any, status: int, answer: Any = None
) -> Callable[[Callable], Callable]:
    """An endpoint that takes a JSON body `body` checks (415 for any other body, 422 for one it
    refuses) and answers `status` with `answer`; the view's `alt_response`s go below it."""

    def decorate(view: Callable) -> Callable:
        return json_only(blp.arguments(body)(blp.response(status, answer)(view)))

    return decorate
