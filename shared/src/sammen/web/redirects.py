"""Where a `next` parameter may send the browser: back to a page of ours, never off-site."""

from __future__ import annotations

from collections.abc import Collection
from urllib.parse import urlsplit

# What a browser's URL parser drops before it reads a Location (WHATWG URL): tabs and newlines
# anywhere, C0 control characters and spaces at either end. It then reads "\" as "/".
_DROPPED_ANYWHERE = str.maketrans("", "", "\t\r\n")
_TRIMMED_AT_THE_ENDS = "".join(map(chr, range(0x21)))


def browser_reading(target: str) -> str:
    """`target` as a browser resolves it in a Location header."""
    return target.translate(_DROPPED_ANYWHERE).strip(_TRIMMED_AT_THE_ENDS).replace("\\", "/")


def same_site_target(
    target: str | None, *, fallback: str = "/", origins: Collection[str] = ()
) -> str:
    """`target` as the browser will read it, if that is a path on this site or a page at one of
    `origins` (e.g. "https://sammen.gentofte.dk"); otherwise `fallback`."""
    if not target:
        return fallback
    url = browser_reading(target)
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in url):
        return fallback
    if url.startswith("/"):
        # "//host" and "///host" both name another host (urlsplit sees none in the second).
        return fallback if url.startswith("//") else url
    return url if _origin(url) in origins else fallback


def _origin(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed "[" of an IPv6 host
        return None
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else None
