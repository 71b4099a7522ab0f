"""Where a `next` parameter may send the browser (sammen.web.redirects)."""

import pytest

from sammen.web.redirects import same_site_target

OURS = ("http://localhost:8001", "https://sammen.gentofte.dk")


@pytest.mark.parametrize(
    "target",
    [
        "/status?kode=ACDE-FHJK",
        "/indbakke",
        "/",
        "http://localhost:8001/status",
        "https://sammen.gentofte.dk/personale/",
    ],
)
def test_our_own_pages_are_kept(target):
    assert same_site_target(target, origins=OURS) == target


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "///evil.example",
        "/\t/evil.example",
        "/\r\n/evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        " //evil.example",
        "\x01//evil.example",
        "https://evil.example/",
        "http:evil.example",
        "http:///evil.example",
        "http://localhost:8001@evil.example/",
        "https://sammen.gentofte.dk.evil.example/",
        "javascript:alert(1)",
        "status",
        "http://[::1",
        "/si\x01de",
    ],
)
def test_anything_a_browser_would_read_as_elsewhere_is_dropped(target):
    assert same_site_target(target, fallback="/indbakke", origins=OURS) == "/indbakke"


def test_the_target_is_given_as_the_browser_reads_it():
    assert same_site_target(" /sta\ttus\n") == "/status"
    assert same_site_target("/a\\b") == "/a/b"


def test_no_target_is_the_fallback():
    assert same_site_target(None) == "/"
    assert same_site_target("", fallback="/indbakke") == "/indbakke"
