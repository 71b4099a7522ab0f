"""/metrics is right across several gunicorn workers (prometheus-client multiprocess mode)."""

import os
import re

import requests

from sammen.testing import service_environment
from sammen.testing.gunicorn import served_by_gunicorn


def scrape_count(base: str) -> float:
    text = requests.get(f"{base}/metrics", timeout=5).text
    match = re.search(
        r'sammen_http_requests_total\{endpoint="/api/v1/themes",method="GET",status="200"\} (\S+)',
        text,
    )
    return float(match.group(1)) if match else 0.0


def test_two_workers_report_the_sum_of_their_requests(tmp_path, amqp_url):
    env = os.environ | service_environment(
        "intake", f"sqlite:///{tmp_path}/intake.sqlite3", amqp_url, str(tmp_path / "var")
    )
    with served_by_gunicorn("sammen.intake.app:create_app()", env, workers=2) as base:
        for _ in range(40):
            session = requests.Session()  # a new connection each time, so both workers answer
            response = session.get(f"{base}/api/v1/themes", timeout=5)
            assert response.status_code == 200
            session.close()
        for _ in range(5):
            assert scrape_count(base) == 40.0  # whichever worker answers the scrape
        assert (tmp_path / "var" / "prometheus").is_dir()
