"""The reference list and in-text citations of a set of items, formatted by citeproc-py.

Only this package imports citeproc. Items are handed to citeproc-py under internal ids,
because citeproc-py lower-cases citation keys (``Smith2020`` and ``smith2020`` would collide).
"""

from __future__ import annotations

import copy
import io
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from trialbib.errors import StyleError, UsageError
from trialbib.model import Item
from trialbib.render.styles import CSL_NS, DEFAULT_STYLE, StyleSource, resolve_style

Format = Literal["text", "html"]
_PLACEHOLDER = {"family": "\u2060"}


@dataclass(frozen=True)
class Entry:
    """One formatted bibliography entry: its number in citation order, key, and text."""

    number: int
    key: str
    text: str


def load_style(style: str | StyleSource, locale: str | None = None) -> Any:
    """A citeproc-py style object; StyleError when citeproc-py cannot use it."""
    from citeproc import CitationStylesStyle

    source = style if isinstance(style, StyleSource) else resolve_style(style)
    try:
        return CitationStylesStyle(io.BytesIO(source.data), locale=locale, validate=False)
    except ValueError as exc:
        raise StyleError(str(exc).strip("'\""), None, "use a locale such as en-US or zh-CN") from None
    except Exception as exc:  # citeproc-py raises bare errors on styles it cannot read
        raise StyleError(f"cannot be used: {exc}", None, "check the style") from None


def render_bibliography(
    items: Sequence[Item],
    style: str | StyleSource = DEFAULT_STYLE,
    fmt: Format = "text",
    order: Sequence[str] | None = None,
    locale: str | None = None,
) -> list[Entry]:
    """Format ``items`` as a reference list, numbered in ``order`` (default: item order)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    if fmt not in ("text", "html"):
        raise UsageError(f"unknown output format {fmt!r}", None, "use text or html")
    csl = load_style(style, locale)
    by_key = {item["id"]: item for item in items}
    keys = list(order) if order is not None else list(by_key)
    missing = [k for k in keys if k not in by_key]
    if missing:
        raise UsageError(f"no reference with key {missing[0]!r}", None, "check the key against the bibliography")
    limits = _et_al_limits(csl)
    internal = {key: f"item{i}" for i, key in enumerate(keys)}
    back = {v: k for k, v in internal.items()}
    data = [_prepare(by_key[key], internal[key], limits) for key in keys]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = CiteProcJSON(data)
    bib = CitationStylesBibliography(csl, source, formatter.plain if fmt == "text" else formatter.html)
    for key in keys:
        bib.register(Citation([CitationItem(internal[key])]))
    if csl.root.bibliography.find(f"{{{CSL_NS}}}sort") is not None:
        bib.sort()
    number = {key: i + 1 for i, key in enumerate(keys)}
    entries = []
    for cite, text in zip(bib.items, bib.bibliography(), strict=True):
        key = back[cite.key]
        entries.append(Entry(number[key], key, str(text)))
    return entries


def _et_al_limits(csl: Any) -> tuple[int, int] | None:
    """The bibliography's (et-al-min, et-al-use-first), from the first place that sets them."""
    bibliography = csl.root.bibliography
    candidates = [bibliography, csl.root, *bibliography.iter(f"{{{CSL_NS}}}name")]
    candidates += list(csl.root.iter(f"{{{CSL_NS}}}name"))
    for node in candidates:
        low, first = node.get("et-al-min"), node.get("et-al-use-first")
        if low and first:
            return int(low), int(first)
    return None


def _prepare(item: Item, internal_id: str, limits: tuple[int, int] | None) -> Item:
    """A copy of ``item`` for citeproc-py: internal id, and "et al." kept where the data has it.

    citeproc-py knows nothing of a truncated author list; padding the list past the style's
    et-al-min (with names never shown) makes it print "et al." after the names we have.
    """
    data = copy.deepcopy(item)
    data["id"] = internal_id
    data.pop("custom", None)
    data.pop("citation-key", None)
    authors = data.get("author")
    if authors and item.get("custom", {}).get("author-truncated") and limits:
        low, first = limits
        if len(authors) >= first:
            data["author"] = authors + [dict(_PLACEHOLDER)] * max(low - len(authors), 1)
    return data
