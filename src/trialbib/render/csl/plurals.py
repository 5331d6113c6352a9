"""Whether a number variable is plural, for ``cs:label`` with ``plural="contextual"``.

CSL 1.0.2: a label is plural when its variable holds more than one number (``1-3``, ``1, 3``,
``1 & 3``); ``number-of-pages`` and ``number-of-volumes`` are plural above 1. citeproc-js, which
the test suite follows, counts a range only when both ends are numbers (arabic or roman):
``i–ix`` is plural, ``3-B`` and ``Michaelson-Morely`` are not, and an escaped hyphen (``3\\-8``)
is no range at all. citeproc-py took any two digit runs with something between them.
"""

from __future__ import annotations

import re
from typing import Any

_SEPARATOR = re.compile(r"\s*(?:(?<!\\)-|\u2013|\u2014|,|&|\band\b)\s*")
_NUMBER = re.compile(r"^(?:[a-zA-Z]{0,3}\d+[a-zA-Z]?|[ivxlcdm]+|[IVXLCDM]+)$")


def is_plural(variable: str, value: Any) -> bool:
    """True when ``value`` of ``variable`` asks for the plural term."""
    if value is None or str(value).strip() == "":
        return False
    text = str(value).strip()
    if variable in ("number-of-pages", "number-of-volumes"):
        digits = re.match(r"\d+", text)
        return digits is not None and int(digits.group()) > 1
    pieces = [piece for piece in re.split(r"\s+", _SEPARATOR.sub(" ", text.replace("\\-", "\u2060"))) if piece]
    # citeproc-js: a run whose first value is no number is not a list of numbers at all
    # (``doi.org/10.1186/s40537-016-0043-6`` typed as pages takes ``p.``)
    lead = next((piece for piece in pieces if any(c.isdigit() for c in piece)), None)
    if lead is not None and not _NUMBER.match(lead):
        return False
    return sum(1 for piece in pieces if _NUMBER.match(piece)) > 1
