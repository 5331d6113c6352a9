"""The "et al." of every language, read from the CSL locale files, not a hand list.

A per-item locale prints ``e.a.`` (Danish), ``u. a.`` (German), ``等``, ``他``, ``외``...: each
ends an author list. The terms come from citeproc-py's locale files and from the ``et-al``
terms our own styles define (GB/T 7714-2025 defines ``他`` and ``외``, which citeproc-py's
Japanese and Korean locales write otherwise).
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

_TERM = re.compile(r'<term name="([\w -]+)"(?: form="long")?>([^<]+)</term>')


def _files() -> list[Path]:
    files: list[Path] = []
    try:
        import citeproc

        files += sorted((Path(citeproc.__file__).parent / "data" / "locales").glob("locales-*.xml"))
    except ImportError:  # pragma: no cover - citeproc-py is a dependency
        pass
    from trialbib.render.styles import style_dirs

    for folder in style_dirs():
        files += sorted(folder.glob("*.csl"))
    return files


@cache
def _all_terms() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for path in _files():
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        for match in _TERM.finditer(text):
            term = html.unescape(match.group(2)).replace("\u00a0", " ").strip()
            if term:
                found.setdefault(match.group(1), set()).add(term)
    return {name: frozenset(values) for name, values in found.items()}


def terms(name: str) -> tuple[str, ...]:
    """The long form of a CSL term in every locale, longest first."""
    return tuple(sorted(_all_terms().get(name, ()), key=len, reverse=True))


def terms_pattern(*names: str) -> str:
    """A regex alternative of the terms, spaces flexible, case as written."""
    return "|".join(r"\s*".join(re.escape(w) for w in t.split()) for t in _sorted(*names))


def _sorted(*names: str) -> list[str]:
    return sorted({t for n in names for t in terms(n)}, key=len, reverse=True)


@cache
def et_al_terms() -> tuple[str, ...]:
    """Every ``et-al`` term, longest first, non-breaking spaces as spaces."""
    return tuple(sorted({"et al.", "等", "他", "외", *terms("et-al")}, key=len, reverse=True))


@cache
def et_al_pattern() -> str:
    """A regex alternative of all terms; spaces flexible, a final full stop optional (it may be
    the list's own stop)."""
    parts = []
    for term in et_al_terms():
        body = term.rstrip(".")
        parts.append(r"\s*".join(re.escape(w) for w in body.split()) + (r"\.?" if body != term else ""))
    return "|".join(parts)
