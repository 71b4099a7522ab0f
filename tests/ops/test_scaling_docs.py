"""The reverse-proxy example serves every service under its prefix, and SCALING.md's settings
match it: a service added to the platform but forgotten here fails this test."""

from __future__ import annotations

import re

from sammen.config import SERVICE_PORTS
from tests.ops.prometheus_local import REPO_ROOT

NGINX = (REPO_ROOT / "ops/proxy/nginx.conf").read_text()
SCALING = (REPO_ROOT / "ops/SCALING.md").read_text()


def test_every_service_has_an_upstream_and_a_prefix_with_its_base_url() -> None:
    upstreams = dict(re.findall(r"upstream sammen_(\w+)\s*\{\s*server [\w-]+:(\d+);", NGINX))
    assert {name: int(port) for name, port in upstreams.items()} == SERVICE_PORTS
    locations = dict(
        re.findall(r"location (/[a-z]+/)\s*\{\s*proxy_pass http://sammen_(\w+)/;", NGINX)
    )
    assert sorted(locations.values()) == sorted(SERVICE_PORTS)
    prefixes = re.search(r"\(\?<prefix>([a-z|]+)\)", NGINX).group(1).split("|")
    assert sorted(f"/{p}/" for p in prefixes) == sorted(locations)
    for prefix, service in locations.items():
        setting = (
            f"SAMMEN_BASE_URL_{service.upper()}=https://sammen.gentofte.dk{prefix.rstrip('/')}"
        )
        assert setting in NGINX, setting
        assert f"`{setting}`" in SCALING, setting
