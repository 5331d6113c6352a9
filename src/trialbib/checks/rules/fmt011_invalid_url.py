"""A URL that is not an absolute ``http``, ``https`` or ``ftp`` address without spaces.

Failing::

    @online{a, url = {www.example.org/page}}
    @online{b, url = {https://example.org/a page}}

Passing::

    @online{a, url = {https://www.example.org/page}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "FMT011"
NAME = "invalid-url"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def url_problem(url: str) -> str | None:
    if len(re.findall(r"(?:^|\s)(?:https?|ftp)://", url)) > 1:
        return "holds several URLs; keep one in url"
    if any(ch.isspace() for ch in url):
        return "contains a space; encode it as %20"
    try:
        parts = urlsplit(url)
    except ValueError:
        return "cannot be read as a URL"
    if parts.scheme.lower() == "file":
        return "is a file on one computer; readers cannot open it"
    if parts.scheme.lower() not in ("http", "https", "ftp"):
        return "needs a scheme such as https://"
    if not parts.netloc:
        return "has no host"
    return None


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        raw = source.fields.get("url", "").strip()
        url = raw.replace("{", "").replace("}", "").replace("\\_", "_").replace("\\%", "%").replace("\\#", "#")
        if url and (reason := url_problem(url)):
            yield problem(f"URL {raw!r} {reason}", ctx.at_field(item["id"], "url"))
