"""DOIs: the prefixes people write before one, and the form in which two DOIs are compared.

One place for both, so that the duplicate check (DUP001), the DOI format checks and the
importer's matching agree: ``https://doi.org/10.1/X``, ``doi.org/10.1/x`` and ``doi:10.1/x`` are
all ``10.1/x``.
"""

from __future__ import annotations

import re

PREFIX = re.compile(r"^\s*(?:doi\s*:\s*|(?:https?://)?(?:dx\.)?doi\.org/)", re.IGNORECASE)


def bare_doi(value: str) -> str:
    """``https://doi.org/10.1/x``, ``doi.org/10.1/x`` or ``doi:10.1/x`` -> ``10.1/x``."""
    return PREFIX.sub("", value.strip()).strip()


def doi_key(value: object) -> str | None:
    """The DOI to compare by: bare and case-folded (DOIs are case-insensitive); None when empty."""
    return bare_doi(str(value or "")).casefold() or None
