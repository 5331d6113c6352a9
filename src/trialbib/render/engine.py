"""The reference list and in-text citations of a set of items, formatted by citeproc-py.

Only :mod:`trialbib.render.csl` touches citeproc-py; this module drives it. Items are handed to
citeproc-py under internal ids, because citeproc-py lower-cases citation keys (``Smith2020`` and
``smith2020`` would collide). Every render runs as a trialbib session (:func:`csl.session`), the
only place trialbib's repairs act; every entry is rendered once as HTML and converted to the
requested format (:mod:`trialbib.render.formats`).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from trialbib.cache import enabled as cache_enabled
from trialbib.errors import StyleError, UsageError
from trialbib.model import Item
from trialbib.render import csl, formats
from trialbib.render.features import ignored_features
from trialbib.render.formats import FORMATS, Format
from trialbib.render.styles import CSL_NS, DEFAULT_STYLE, StyleSource, resolve_style

__all__ = ["CitationText", "Entry", "Format", "Rendered", "load_style", "render_bibliography", "render_citation"]


@dataclass(frozen=True)
class Entry:
    """One formatted entry: its number in the list, key, text in the requested format, and HTML."""

    number: int
    key: str
    text: str
    html: str = ""


class Rendered(list[Entry]):
    """The entries of a reference list, and the warnings met while formatting them."""

    def __init__(self, entries: Sequence[Entry] = (), warnings: Sequence[str] = ()) -> None:
        super().__init__(entries)
        self.warnings: list[str] = list(warnings)


@dataclass(frozen=True)
class CitationText:
    """An in-text citation (``[1-3,5]``, ``(He et al., 2019)``) and the warnings met."""

    text: str
    html: str
    warnings: list[str] = field(default_factory=list)


def load_style(style: str | StyleSource, locale: str | None = None) -> Any:
    """A citeproc-py style object; StyleError when citeproc-py cannot use it."""
    source = style if isinstance(style, StyleSource) else resolve_style(style)
    return _parse_style(source.data, locale)


@lru_cache(maxsize=16)
def _parse_style(data: bytes, locale: str | None) -> Any:
    """Parsed once per style and locale: later renders reuse it (citeproc-py parsing is slow)."""
    try:
        style = csl.parse_style(data, locale)
    except ValueError as exc:
        raise StyleError(str(exc).strip("'\""), None, "use a locale such as en-US or zh-CN") from None
    except Exception as exc:  # citeproc-py raises bare errors on styles it cannot read
        raise StyleError(f"cannot be used: {exc}", None, "check the style") from None
    return style


def check_locale(locale: str | None) -> None:
    """Refuse a locale citeproc-py does not ship (it would silently fall back to en-US)."""
    from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

    if locale is not None and locale not in LANGUAGE_NAMES and locale not in PRIMARY_DIALECTS:
        raise UsageError(f"unknown locale {locale!r}", None, "use a locale such as en-US or zh-CN")


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise UsageError(f"unknown output format {fmt!r}", None, f"use one of {', '.join(FORMATS)}")


def prepared_style(source: StyleSource, locale: str | None) -> tuple[Any, list[str]]:
    """The repaired, parsed style for ``locale`` (None: each item's own), and any warning."""
    check_locale(locale)
    warning = csl.version_warning()
    return _parse_style(source.data, locale), [warning] if warning else []


def keyed(items: Sequence[Item], order: Sequence[str] | None) -> tuple[dict[str, Item], list[str]]:
    """Items by key, and the keys in ``order`` (default: item order); every key must exist."""
    by_key = {item["id"]: item for item in items}
    keys = list(order) if order is not None else list(by_key)
    missing = [k for k in keys if k not in by_key]
    if missing:
        raise UsageError(f"no reference with key {missing[0]!r}", None, "check the key against the bibliography")
    return by_key, keys


class _Session:
    """citeproc-py's bibliography of ``keys``, registered in order, with the style's sorting."""

    def __init__(
        self,
        items: Sequence[Item],
        style: str | StyleSource,
        order: Sequence[str] | None,
        locale: str | None,
        *,
        internal: dict[str, str] | None = None,
        sort: bool = True,
    ):
        from citeproc import Citation, CitationStylesBibliography
        from citeproc import formatter as citeproc_formatter

        source = style if isinstance(style, StyleSource) else resolve_style(style)
        self.csl, self.warnings = prepared_style(source, locale)
        self.state = csl.RenderState(item_locales=locale is None)
        by_key, keys = keyed(items, order)
        self.internal = internal if internal is not None else {key: f"item{i}" for i, key in enumerate(keys)}
        self.back = {v: k for k, v in self.internal.items()}
        data = [_prepare(by_key[key], self.internal[key]) for key in keys]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            citeproc_source = csl.CiteProcJSON(data)
        self.Citation, self.CitationItem = Citation, csl.CitationItem
        with self.run():
            self.bib = CitationStylesBibliography(self.csl, citeproc_source, citeproc_formatter.html)
            for key in keys:
                self.bib.register(Citation([self.CitationItem(self.internal[key])]))
            bibliography = self.csl.root.bibliography
            if sort and bibliography is not None and bibliography.find(f"{{{CSL_NS}}}sort") is not None:
                self.bib.sort()

    def run(self, lock: bool = True) -> Any:
        """A trialbib session over this style: the repairs act only inside it."""
        return csl.session(self.csl.root, self.state, lock=lock)


def render_bibliography(
    items: Sequence[Item],
    style: str | StyleSource = DEFAULT_STYLE,
    fmt: Format = "text",
    order: Sequence[str] | None = None,
    locale: str | None = None,
    cache: bool = True,
    progress: Progress | None = None,
) -> Rendered:
    """Format ``items`` as a reference list, in ``order`` (default: item order) or the style's sort.

    With ``cache`` (and unless ``TRIALBIB_NO_CACHE`` is set) entries formatted before are taken
    from the on-disk cache (:mod:`trialbib.render.warm`); the output is the same either way.

    ``locale`` forces one locale for every entry; by default each entry takes its terms from
    its own language (``zh`` items get 等, English ones "et al."). Entries are numbered in the
    order they are listed, which is the citation number of numeric styles.
    """
    _check_format(fmt)
    source = style if isinstance(style, StyleSource) else resolve_style(style)
    if cache and cache_enabled():
        if _parse_style(source.data, locale).root.bibliography is None:
            raise StyleError("has no <bibliography> element", None, "use a style with a bibliography")
        from trialbib.render import warm

        warmed: Rendered = warm.render(items, source, fmt, order, locale, progress)
        return warmed
    session = _Session(items, source, order, locale)
    if session.csl.root.bibliography is None:
        raise StyleError("has no <bibliography> element", None, "use a style with a bibliography")
    result = Rendered(warnings=session.warnings + ignored_features(session.csl.root, "bibliography"))
    rendered = _render_entries(session, progress)
    for number, (cite, html) in enumerate(zip(session.bib.items, rendered, strict=True), 1):
        toks = formats.tokens(str(html))
        text = formats.convert(toks, fmt)
        result.append(Entry(number, session.back[cite.key], text, formats.to_html(toks)))
    return result


PARALLEL_MIN = 500  # from 500 entries two cores render a list in ~0.6x the wall time (docs/formatting.md, Speed)
_forked: list[Any] = []


Progress = Callable[[int], None]
SLICE = 250


def _render_entries(session: _Session, progress: Progress | None = None) -> list[str]:
    """citeproc-py's HTML of every entry; long lists are split between the CPU cores.

    Entries are independent once sorted, numbered and disambiguated (decided before forking), so
    each forked worker renders slices of the already-sorted items; the parent's order is kept.
    ``progress`` is told how many entries each finished slice held.
    """
    items = list(session.bib.items)
    slices = [(start, min(start + SLICE, len(items))) for start in range(0, len(items), SLICE)]
    jobs = _jobs(len(items))
    bibliography = session.csl.root.bibliography
    if bibliography is not None and bibliography.get("subsequent-author-substitute") is not None:
        jobs = 1  # each entry depends on the one before it
    if jobs < 2:
        parts = []
        for bounds in slices:
            with session.run():
                parts.append([str(html) for html in session.csl.render_bibliography(items[bounds[0] : bounds[1]])])
            if progress is not None:
                progress(bounds[1] - bounds[0])
        return [html for part in parts for html in part]
    import multiprocessing

    from trialbib.render.csl import disambiguate

    _forked[:] = [session, items]
    context = multiprocessing.get_context("fork")
    try:
        known = None
        if session.state.disambiguated is None and disambiguate.wanted(session.csl.root):
            # the plain cites are computed by workers, the few collisions by the parent
            with context.Pool(jobs) as pool:
                known = [text for part in pool.imap(_signature_slice, slices) for text in part]
        with session.run():  # decided once, before the entry workers are forked
            disambiguate.ensure(session.csl.root, session.bib, known)
        with context.Pool(jobs) as pool:
            parts = []
            for bounds, part in zip(slices, pool.imap(_render_slice, slices), strict=True):
                parts.append(part)
                if progress is not None:
                    progress(bounds[1] - bounds[0])
    finally:
        _forked.clear()
    return [html for part in parts for html in part]


def _signature_slice(bounds: tuple[int, int]) -> list[str]:
    from trialbib.render.csl import disambiguate

    session, items = _forked
    with session.run(lock=False):
        return disambiguate.signatures(session.csl.root, items[bounds[0] : bounds[1]])


def _render_slice(bounds: tuple[int, int]) -> list[str]:
    session, items = _forked
    with session.run(lock=False):  # a forked worker is single-threaded
        return [str(html) for html in session.csl.render_bibliography(items[bounds[0] : bounds[1]])]


def _jobs(count: int) -> int:
    """How many processes to render ``count`` entries with (``TRIALBIB_JOBS`` overrides)."""
    import os
    import sys

    if count < PARALLEL_MIN or sys.platform == "win32":
        return 1
    wanted = os.environ.get("TRIALBIB_JOBS")
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(int(wanted) if wanted and wanted.isdecimal() else cores, 8))


def render_citation(
    items: Sequence[Item],
    keys: Sequence[str],
    style: str | StyleSource = DEFAULT_STYLE,
    fmt: Format = "text",
    order: Sequence[str] | None = None,
    locale: str | None = None,
) -> CitationText:
    """The in-text citation of ``keys``, numbered as in the reference list of ``items``.

    Cites are disambiguated, grouped and collapsed as the style asks, as CSL 1.0.2 and
    citeproc-js do: ``[1–3,5]`` (runs of three or more), ``(He et al., 2016, 2019)``.
    """
    _check_format(fmt)
    session = _Session(items, style, order, locale)
    unknown = [k for k in keys if k not in session.internal]
    if unknown:
        raise UsageError(f"no reference with key {unknown[0]!r}", None, "check the key against the bibliography")
    citation_element = session.csl.root.citation
    if citation_element is None:
        raise StyleError("has no <citation> element", None, "use a style with in-text citations")
    found = ignored_features(session.csl.root, "citation")
    cites = [session.CitationItem(session.internal[k]) for k in dict.fromkeys(keys)]
    citation = session.Citation(cites)
    with session.run():  # grouping and collapsing happen in the CSL layer (csl/collapse.py)
        citation.bibliography = session.bib
        html = str(session.bib.cite(citation, lambda item: None))
    toks = formats.tokens(html)
    text = formats.to_html(toks) if fmt == "html" else formats.convert(toks, fmt)
    return CitationText(text, formats.to_html(toks), session.warnings + found)


def _prepare(item: Item, internal_id: str) -> Item:
    """A copy of ``item`` for citeproc-py: internal id, protected markup, the truncation flag."""
    data = dict(item)  # protect_item copies every list, dict and string below the top level
    data["id"] = internal_id
    truncated = bool(item.get("custom", {}).get("author-truncated"))
    data.pop("custom", None)
    data.pop("citation-key", None)
    protected: Item = formats.protect_item(data)
    if truncated:
        protected[csl.TRUNCATED] = "true"
    if item.get("id") is not None:
        protected[csl.KEY] = str(item["id"])
    return protected
