"""/metrics is right across several gunicorn workers (prometheus-client multiprocess mode)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import requests

from sammen.testing import free_port, service_environment, wait_for


def scrape_count(base: str) -> float:
    text = requests.get(f"{base}/metrics", timeout=5).text
    match = re.search(
        r'sammen_http_requests_total\{endpoint="/api/v1/themes",method="GET",status="200"\} (\S+)',
        text,
    )
    return float(match.group(1)) if match else 0.0


def test_two_workers_report_the_sum_of_their_requests(tmp_path, amqp_url):
    port = free_port()
    env = os.environ | service_environment(
        "intake", f"sqlite:///{tmp_path}/intake.sqlite3", amqp_url, str(tmp_path / "var")
    )
    env["WEB_CONCURRENCY"] = "2"
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [
            str(gunicorn),
            "-c",
            "python:sammen.gunicorn_conf",
            "-b",
            f"127.0.0.1:{port}",
            "sammen.intake.app:create_app()",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _up(base), timeout=30, what="gunicorn")
        for _ in range(40):
            session = requests.Session()  # a new connection each time, so both workers answer
            response = session.get(f"{base}/api/v1/themes", timeout=5)
            assert response.status_code == 200
            session.close()
        for _ in range(5):
            assert scrape_count(base) == 40.0  # whichever worker answers the scrape
        assert (tmp_path / "var" / "prometheus").is_dir()
    finally:
        process.terminate()
        process.wait(20)


def _up(base: str) -> bool:
    try:
        return requests.get(f"{base}/healthz", timeout=1).status_code == 200
    except requests.RequestException:
        return False
