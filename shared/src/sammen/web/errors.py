"""Errors as answers: domain errors as HTTP, and every service's error pages and JSON errors alike."""

from __future__ import annotations

import logging

from flask import Flask, Response, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_smorest import Api
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException, default_exceptions

from sammen.errors import Conflict, DomainError, NotFound, Refused

log = logging.getLogger("sammen.web")

HTTP_STATUS: dict[type[DomainError], int] = {NotFound: 404, Conflict: 409, Refused: 422}


def status_for(error: DomainError) -> int:
    """The status of the nearest kind of domain error (a bare one is a 422)."""
    for kind in type(error).__mro__:
        if kind in HTTP_STATUS:
            return HTTP_STATUS[kind]
    return 422


def as_http(error: DomainError) -> HTTPException:
    """The HTTP error the API's error handler answers with: the message naming the field, and for
    refused input the field under `errors` as the schemas' own 422s have it."""
    http = default_exceptions[status_for(error)]()
    data: dict[str, object] = {"message": error.text}
    if isinstance(error, Refused) and error.field:
        data["errors"] = {error.location: {error.field: [error.message]}}
    vars(http)["data"] = data  # where flask-smorest's handler reads the JSON body
    return http


def install_error_handlers(app: Flask, api: Api) -> None:
    def wants_json() -> bool:
        return (
            request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"
        )

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> ResponseReturnValue:
        if wants_json():
            return api.handle_http_exception(error)
        return render_template("sammen/error.html", error=error), error.code or 500

    @app.errorhandler(DomainError)
    def _domain_error(error: DomainError) -> ResponseReturnValue:
        # A use case's refusal that its view leaves to the shared mapping.
        return _http_error(as_http(error))

    @app.errorhandler(CSRFError)
    def _csrf_error(error: CSRFError) -> ResponseReturnValue:
        if wants_json():
            return api.handle_http_exception(error)
        return render_template("sammen/error.html", error=error, csrf=True), 400

    @app.errorhandler(DBAPIError)
    def _database_down(error: DBAPIError) -> ResponseReturnValue:
        # Nothing was committed: the unit of work rolled back. Ask the client to come back.
        log.error("database unavailable: %s", type(error.orig).__name__)
        message = "The service cannot store anything right now. Nothing was saved; try again soon."
        response: Response | str
        if wants_json():
            response = jsonify(code=503, status="Service Unavailable", message=message)
        else:
            response = render_template("sammen/error.html", error=None, unavailable=True)
        return response, 503, {"Retry-After": "30"}

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> ResponseReturnValue:
        if isinstance(error, HTTPException):
            return _http_error(error)
        log.exception("unhandled error")
        if wants_json():
            return jsonify(
                code=500, status="Internal Server Error", message="Unexpected error"
            ), 500
        return render_template("sammen/error.html", error=None), 500
