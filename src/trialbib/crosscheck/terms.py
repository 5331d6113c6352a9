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

_TERM = re.compile(r'<term name="et-al"[^>]*>([^<]+)</term>')


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
def et_al_terms() -> tuple[str, ...]:
    """Every ``et-al`` term, longest first, non-breaking spaces as spaces."""
    terms = {"et al.", "等", "他", "외"}
    for path in _files():
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            continue
        for match in _TERM.finditer(text):
            term = html.unescape(match.group(1)).replace("\u00a0", " ").strip()
            if term:
                terms.add(term)
    return tuple(sorted(terms, key=len, reverse=True))


@cache
def et_al_pattern() -> str:
    """A regex alternative of all terms; spaces flexible, a final full stop optional (it may be
    the list's own stop)."""
    parts = []
    for term in et_al_terms():
        body = term.rstrip(".")
        parts.append(r"\s*".join(re.escape(w) for w in body.split()) + (r"\.?" if body != term else ""))
    return "|".join(parts)
