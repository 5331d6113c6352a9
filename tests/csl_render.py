"""Render small CSL styles of our own the way a CSL processor's test runner does (importable:
tests/ is on pytest's path): a trialbib session with rich text on and trialbib's departures off,
as ``benchmarks/csl_suite.py`` runs the official suite (trialbib's CSL-JSON reader)."""

from __future__ import annotations

import warnings
from typing import Any

from trialbib.render import csl

CONFORMANT = {"item_locales": False, "parts": False, "literal_as_written": False, "keep_empty": False, "rich": True}


def style_xml(
    citation: str = "", bibliography: str = "", macros: str = "", attributes: str = "", locale: str = ""
) -> bytes:
    """A CSL 1.0 style with these layouts (each the inside of its cs:layout, or a whole
    ``<layout ...>`` element when it starts with ``<layout``) and an optional ``cs:locale``."""

    def part(name: str, body: str) -> str:
        if not body:
            return ""
        return f"<{name}>{body if body.lstrip().startswith('<layout') else f'<layout>{body}</layout>'}</{name}>"

    citation = citation or "<text variable='title'/>"
    return (
        f'<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0" {attributes}>'
        "<info><id>t</id><title>t</title><updated>2020-01-01T00:00:00+00:00</updated></info>"
        f"{locale}{macros}{part('citation', citation)}{part('bibliography', bibliography)}</style>"
    ).encode()


def _source(items: list[dict[str, Any]]) -> Any:
    with warnings.catch_warnings():  # citeproc-py warns of variables it does not know, as the engine hides
        warnings.simplefilter("ignore")
        return csl.CiteProcJSON(items)


def cite(style: bytes, items: list[dict[str, Any]], cites: list[dict[str, Any]] | None = None) -> str:
    """One citation of ``cites`` (default: every item once), as HTML."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source import Locator

    parsed = csl.parse_style(style, None)
    with csl.session(parsed.root, csl.RenderState(**CONFORMANT)):  # type: ignore[arg-type]
        bib = CitationStylesBibliography(parsed, _source(items), formatter.html)
        chosen = []
        for entry in cites or [{"id": item["id"]} for item in items]:
            options = {k.replace("-", "_"): v for k, v in entry.items() if k not in ("id", "locator", "label")}
            if "locator" in entry:
                options["locator"] = Locator(entry.get("label", "page"), entry["locator"])
            chosen.append(CitationItem(entry["id"], **options))
        citation = Citation(chosen)
        bib.register(citation)
        return str(bib.cite(citation, lambda _: None))


def bibliography(style: bytes, items: list[dict[str, Any]]) -> list[str]:
    """The entries of the list of every item, as HTML."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter

    parsed = csl.parse_style(style, None)
    with csl.session(parsed.root, csl.RenderState(**CONFORMANT)):  # type: ignore[arg-type]
        bib = CitationStylesBibliography(parsed, _source(items), formatter.html)
        bib.register(Citation([CitationItem(item["id"]) for item in items]))
        bib.sort()
        return [str(entry) for entry in bib.bibliography()]
