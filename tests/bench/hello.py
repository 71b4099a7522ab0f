"""The ceiling for web figures: a hello-world Flask app under the same gunicorn settings.

`gunicorn -c python:sammen.gunicorn_conf 'tests.bench.hello:create_app()'`. It takes the same
request as intake (a JSON POST) and answers without reading it: the cost of gunicorn + Flask alone.
"""

from __future__ import annotations

from flask import Flask


def create_app() -> Flask:
    app = Flask(__name__)

    @app.route("/", methods=["GET", "POST"])
    def hello() -> tuple[dict[str, str], int]:
        return {"hello": "world"}, 201

    return app
