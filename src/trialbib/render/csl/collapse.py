"""Cite grouping and collapsing inside citeproc-py's citation layout (CSL 1.0.2).

Cites with the same names are put together and, with ``collapse="year"``, the names are printed
once: ``(He et al., 2016, 2019)``. ``year-suffix`` also drops a repeated year (``2016a, b``),
``year-suffix-ranged`` turns three or more suffixes into a range (``2016a–c``), and
``citation-number`` turns three or more consecutive numbers into a range (``[1–3, 5]``). Groups
are joined by the layout's delimiter, or ``after-collapse-delimiter`` after a collapsed group.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from citeproc import model

from trialbib.render.csl.layouts import layout_for
from trialbib.render.csl.locales import locales_for
from trialbib.render.csl.quotes import typographic
from trialbib.render.csl.state import RenderState

DASH = "\u2013"
_MARKS = ".,;:!?"


@dataclass
class _Cite:
    item: Any
    text: Any
    names: str | None
    year: str


def _render_one(
    layout: Any, item: Any, state: RenderState, suppress: bool, first: bool = True
) -> tuple[Any, str | None]:
    layout.repressed = {}
    chosen = layout_for(layout, item)
    chosen.repressed = layout.repressed
    state.item, state.suffix_shown = item, False
    state.first_names, state.names_seen, state.suppress_names = None, False, suppress
    state.substituted = None
    # a term opening the citation, or following a prefix that ends a sentence, is capitalised
    prefix = str(item.get("prefix", "")).rstrip().rstrip("\"'\u201d\u2019\u00bb)")  # ``said "Go."`` ends a sentence
    # a one-word prefix with a period is an abbreviation (``cf.``), not a sentence (citeproc-js)
    abbreviation = prefix.endswith(".") and not any(c.isspace() for c in prefix)
    state.term_predecessor = (prefix[-1] not in ".?!" or abbreviation) if prefix else not first
    root = layout.get_root()
    default = root.locales
    if state.item_locales and "_tb_default_locales" in root.__dict__:  # 4. terms in the item's language
        locales = locales_for(root, item.reference)
        root.locales = locales if locales is not None else default
    try:
        text = chosen.render_children(item)
    except model.VariableError:
        text = None
    finally:
        state.suppress_names = False
        root.locales = default
    if text is None:
        return None, state.first_names
    prefix, suffix = item.get("prefix", ""), item.get("suffix", "")
    if state.rich:  # the affixes' quotation marks as a field's (citeproc-js)
        prefix, suffix = typographic(prefix, layout, hold=True), typographic(suffix, layout, hold=True)
    return prefix + text + suffix, state.first_names


def _year(item: Any) -> str:
    try:
        issued = item.reference.get("issued")
        return str(issued.year) if issued is not None and hasattr(issued, "year") else ""
    except Exception:  # a literal or unparsed date
        return ""


def render(layout: Any, citation: Any, callback: Any, state: RenderState) -> Any:
    """The citation's text, grouped and collapsed as the style asks."""
    element = layout.getparent()
    bibliography = citation.bibliography
    order = {key: i for i, key in enumerate(bibliography.keys)}
    good = [cite for cite in citation.cites if not cite.is_bad()]
    bad = [cite for cite in citation.cites if cite.is_bad()]
    if element.sort is not None:
        good.sort(key=lambda cite: order[cite.key])
        good = element.sort.sort(good, layout)
    # without a cs:sort the cites keep the order they were given (CSL 1.0.2, citeproc-js)
    cites: list[_Cite] = []
    for index, item in enumerate(good):
        text, names = _render_one(layout, item, state, False, index == 0)
        if text is not None:
            cites.append(_Cite(item, text, names, _year(item)))
            element.cites.append(item)
    delimiter = layout.get("delimiter", "")
    collapse = element.get("collapse")
    grouping = collapse in ("year", "year-suffix", "year-suffix-ranged") or element.get("cite-group-delimiter")
    if collapse == "citation-number":
        pieces = _numbers(cites, delimiter, element)
    elif grouping:
        pieces = _grouped(layout, cites, state, element, collapse, delimiter)
    else:
        pieces = [(cite.text, delimiter) for cite in cites]
    out: Any = None
    pending = ""
    for text, after in pieces:
        out = text if out is None else out + _between(str(out), pending, str(text)) + text
        pending = after
    for item in bad:
        value = callback(item) or f"{item.key}?"
        out = value if out is None else out + delimiter + value
    if out is None:
        return None
    return layout.format(layout.wrap(out))


def _between(left: str, delimiter: str, right: str) -> str:
    """The delimiter between two cites as citeproc-js joins them: none before a cite whose prefix
    starts with punctuation (``, cited in``), and without its own mark after a cite ending in
    a comma, semicolon or colon (a suffix ``is one source,``)."""
    if right[:1] in _MARKS:
        return ""
    if left[-1:] in ",;:" and delimiter[:1] in _MARKS:
        return delimiter[1:]
    return delimiter


def _grouped(
    layout: Any, cites: list[_Cite], state: RenderState, element: Any, collapse: str | None, delimiter: str
) -> list[tuple[Any, str]]:
    groups: dict[str, list[_Cite]] = {}
    for cite in cites:
        key = cite.names or ""  # cites that print no names are one group (citeproc-js compares the text)
        groups.setdefault(key, []).append(cite)
    # citeproc-js: an explicit cite-group-delimiter also separates year suffixes; without one,
    # cites of a group are joined by ", " in in-text styles and by the layout's delimiter in others
    explicit = element.get("cite-group-delimiter")
    in_text = element.get_root().get("class") == "in-text"
    group_delimiter = explicit if explicit is not None else (", " if in_text else delimiter)
    after = element.get("after-collapse-delimiter", delimiter)
    suffix_delimiter = explicit if explicit is not None else element.get("year-suffix-delimiter", delimiter)
    pieces: list[tuple[Any, str]] = []
    for group in groups.values():
        if len(group) == 1 or collapse is None:
            for i, cite in enumerate(group):
                pieces.append((cite.text, group_delimiter if i < len(group) - 1 else delimiter))
            continue
        parts: list[tuple[Any, str]] = [(group[0].text, group_delimiter)]
        for previous, cite in pairwise(group):
            if previous.item.has_locator:  # a cite with a locator ends what is collapsed (citeproc-js)
                parts[-1] = (parts[-1][0], after)
            suffix = getattr(state.disambig.get(cite.item.key), "suffix", "")
            before = getattr(state.disambig.get(previous.item.key), "suffix", "")
            same_year = bool(cite.year) and cite.year == previous.year and suffix and before
            if collapse in ("year-suffix", "year-suffix-ranged") and same_year:
                parts[-1] = (parts[-1][0], suffix_delimiter)
                parts.append((suffix, group_delimiter))
                continue
            text, _ = _render_one(layout, cite.item, state, True, False)
            parts.append((text if text is not None else cite.text, group_delimiter))
        if collapse == "year-suffix-ranged":
            parts = _ranged_suffixes(parts, state, group)
        parts[-1] = (parts[-1][0], after)
        pieces.extend(parts)
    return pieces


def _ranged_suffixes(parts: list[tuple[Any, str]], state: RenderState, group: list[_Cite]) -> list[tuple[Any, str]]:
    """``a, b, c`` -> ``a–c`` for three or more consecutive suffixes."""
    letters = [state.disambig[c.item.key].suffix if c.item.key in state.disambig else "" for c in group]
    out: list[tuple[Any, str]] = []
    i = 0
    while i < len(parts):
        j = i
        while (
            j + 1 < len(parts)
            and str(parts[j + 1][0]) == letters[j + 1]
            and letters[j]
            and len(letters[j + 1]) == 1
            and ord(letters[j + 1][-1]) == ord(letters[j][-1]) + 1
        ):
            j += 1
        if j - i >= 2:
            out.append((parts[i][0] + DASH + parts[j][0], parts[j][1]))
            i = j + 1
        else:
            out.append(parts[i])
            i += 1
    return out


def _numbers(cites: list[_Cite], delimiter: str, element: Any) -> list[tuple[Any, str]]:
    """Runs of three or more consecutive citation numbers as ``first–last``."""
    after = element.get("after-collapse-delimiter", delimiter)
    term = element.layout.get_term("citation-range-delimiter")
    dash = str(term.single) if term is not None else DASH
    pieces: list[tuple[Any, str]] = []
    i = 0
    while i < len(cites):
        j = i
        while (
            j + 1 < len(cites)
            and _number_only(cites[j + 1])
            and _number_only(cites[j])
            and cites[j + 1].item.number == cites[j].item.number + 1
        ):
            j += 1
        if j - i >= 2:
            pieces.append((cites[i].text + dash + cites[j].text, after))
            i = j + 1
        else:
            pieces.append((cites[i].text, delimiter))
            i += 1
    return pieces


def _number_only(cite: _Cite) -> bool:
    """The cite prints its citation number and only punctuation around it (``1``, ``[1]``),
    so a run of such cites can be shown as ``[1]–[3]`` (citeproc-js)."""
    text, number = str(cite.text), str(cite.item.number)
    if number not in text:
        return False
    return not any(char.isalnum() for char in text.replace(number, "", 1))
