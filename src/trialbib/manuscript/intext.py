"""In-text citations of a manuscript, formatted by the style, as format-neutral tokens.

One citeproc-py session serves a whole document (one per citation would cost ~20 ms each), with
the items registered in the list's order so that numbers are the first-citation numbers.
Numeric styles that ask for ``collapse="citation-number"`` get ``[1-3,5]`` as
:func:`trialbib.render.engine.render_citation` gives it; a group with a locator, prefix or suffix is
left to citeproc-py, uncollapsed. The author of author-date citations is marked by the renderer's
repairs, which is how ``[-@a]`` drops it and ``@a`` moves it out of the parentheses.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from trialbib import escape
from trialbib.errors import UsageError
from trialbib.io.citations import CiteGroup, CiteItem
from trialbib.model import Item
from trialbib.render import formats
from trialbib.render.formats import Token
from trialbib.render.styles import CSL_NS, StyleSource, resolve_style


def is_numeric(style: str | StyleSource) -> bool:
    """True when the style's citations are numbers (its ``<citation>`` prints citation-number)."""
    import xml.etree.ElementTree as ET

    source = style if isinstance(style, StyleSource) else resolve_style(style)
    root = ET.fromstring(source.data)
    citation = root.find(f"{{{CSL_NS}}}citation")
    if citation is None:
        return False
    return any(el.get("variable") == "citation-number" for el in citation.iter())


class Citer:
    """Formats the citation groups of one document against one numbered reference list.

    ``order`` is the list's order (first citation for numeric styles); only its keys can be cited.
    """

    def __init__(
        self, items: Sequence[Item], order: Sequence[str], style: str | StyleSource, locale: str | None = None
    ):
        from trialbib.render.engine import _Session  # the render package's session: one per document

        self.style = style if isinstance(style, StyleSource) else resolve_style(style)
        self.numeric = is_numeric(self.style)
        self.session = _Session(items, self.style, order, locale)
        self.by_key = {item["id"]: item for item in items}
        element = self.session.csl.root.citation
        if element is None:
            raise UsageError("the style has no <citation> element", None, "use a style with in-text citations")
        self.element = element
        self.warnings = list(self.session.warnings)

    def _running(self) -> Any:
        """The render session's context, where the renderer's repairs act (when it has one)."""
        import contextlib

        run = getattr(self.session, "run", None)
        return run() if run is not None else contextlib.nullcontext()

    def number(self, key: str) -> int:
        """The key's number in the list."""
        return int(self.session.bib.keys.index(self.session.internal[key]) + 1)

    def group(self, group: CiteGroup) -> list[Token]:
        """The tokens of one citation group (``[@a; @b, p. 3]``, ``\\citet{a}``, ``@a``), with
        control and bidi characters from fields and notes shown as escapes (escape.terminal)."""
        toks = self._group(group)
        return [(kind, escape.terminal(value)) if kind == "text" else (kind, value) for kind, value in toks]

    def _group(self, group: CiteGroup) -> list[Token]:
        items = list(group.items)
        if not items:
            return []
        for item in items:
            if item.key not in self.session.internal:
                raise UsageError(f"no reference with key {item.key!r}", None, "check the key against the bibliography")
        if any(item.mode == "author-in-text" for item in items):
            out: list[Token] = []
            for i, item in enumerate(items):
                if i:
                    out.append(("text", "; "))
                out.extend(self._author_in_text(item))
            return out
        toks = self._cite(items)
        return self._superscript(toks) if group.superscript and self.numeric else toks

    def _superscript(self, toks: list[Token]) -> list[Token]:
        """``\\supercite`` as biblatex sets it: the numbers raised, without the layout's brackets."""
        if ("open", "sup") in toks:
            return toks
        layout = self.element.layout
        prefix, suffix = layout.get("prefix", ""), layout.get("suffix", "")
        texts = [i for i, t in enumerate(toks) if t[0] == "text" and t[1]]
        out = list(toks)
        if texts and prefix and out[texts[0]][1].startswith(prefix):
            out[texts[0]] = ("text", out[texts[0]][1][len(prefix) :])
        if texts and suffix and out[texts[-1]][1].endswith(suffix):
            out[texts[-1]] = ("text", out[texts[-1]][1][: -len(suffix)])
        return [("open", "sup"), *out, ("close", "sup")]

    def _cite(self, items: list[CiteItem]) -> list[Token]:
        plain = all(not (i.prefix or i.suffix or i.locator) for i in items)
        suppress = {i.key for i in items if i.mode == "suppress-author"}
        if self.numeric and plain and self.element.get("collapse") == "citation-number":
            citation = self._citation(items)
            citation.bibliography = self.session.bib  # the CSL layer collapses runs of numbers
            with self._running():
                return formats.tokens(str(self.session.bib.cite(citation, lambda item: None)))
        runs = [items] if self.numeric else self._runs(items)
        html = "".join(self._html(run) for run in runs) if len(runs) == 1 else self._joined(runs)
        toks = formats.tokens(html)
        return _drop_author(toks) if suppress and not self.numeric else toks

    def _html(self, items: list[CiteItem]) -> str:
        citation = self._citation(items)
        with self._running():
            return str(self.session.bib.cite(citation, lambda item: None))

    def _runs(self, items: list[CiteItem]) -> list[list[CiteItem]]:
        """The runs the style may sort within, as pandoc's citeproc cuts them.

        citeproc-py sorts a whole citation (by the list, then by the style's ``<sort>``), which
        moves a prefix such as "see" off the item it belongs to, and reorders citations whose
        style has no ``<sort>``. As in pandoc: a prefix starts a run and a suffix ends one; without
        ``<sort>`` every item is its own run, so the written order stays.
        """
        if getattr(self.element, "sort", None) is None:
            return [[item] for item in items]
        runs: list[list[CiteItem]] = []
        for item in items:
            if runs and not runs[-1][-1].suffix and not item.prefix:
                runs[-1].append(item)
            else:
                runs.append([item])
        return runs

    def _joined(self, runs: list[list[CiteItem]]) -> str:
        """Runs rendered one by one, unwrapped from the layout's affixes, joined by its delimiter."""
        layout = self.element.layout
        prefix: str = layout.get("prefix", "")
        suffix: str = layout.get("suffix", "")
        delimiter: str = layout.get("delimiter", "; ")
        parts = []
        for run in runs:
            html = self._html(run)
            if not (html.startswith(prefix) and html.endswith(suffix)):  # affixes inside markup: one citation
                return self._html([item for run in runs for item in run])
            parts.append(html[len(prefix) : len(html) - len(suffix)])
        return prefix + delimiter.join(parts) + suffix

    def _citation(self, items: list[CiteItem]) -> Any:
        from citeproc.source import Locator

        s = self.session
        cites = []
        for item in dict((i.key, i) for i in items).values():
            extra: dict[str, Any] = {}
            if item.locator:
                extra["locator"] = Locator(item.label, item.locator)
            if item.prefix:
                extra["prefix"] = item.prefix + " "
            if item.suffix:
                extra["suffix"] = item.suffix if item.suffix[0] in ",;.:" else " " + item.suffix
            cites.append(s.CitationItem(s.internal[item.key], **extra))
        citation = s.Citation(cites)
        citation.bibliography = s.bib
        return citation

    def _author_in_text(self, item: CiteItem) -> list[Token]:
        """``He et al. (2019, p. 3)`` in author-date styles, ``He et al. [3]`` in numeric ones."""
        rest = self._cite([CiteItem(item.key, item.prefix, item.suffix, item.locator, item.label)])
        if self.numeric:
            space = "" if rest and rest[0] == ("open", "sup") else " "
            return [("text", short_author(self.by_key[item.key]) + space), *rest]
        author = _author_tokens(rest)
        if not author:
            return rest
        year = _drop_author(rest)
        full_width = next((v for k, v in year if k == "text" and v), "").startswith("（")
        return [*author, *([] if full_width else [("text", " ")]), *year]  # 张三（2019）, He (2019)


def short_author(item: Item) -> str:
    """The first author's family name, "and" the second, or "et al." (等 for Chinese items)."""
    names = item.get("author") or item.get("editor") or []
    chinese = str(item.get("language", "")).lower().startswith("zh")
    families = [
        (n.get("family", "") + n.get("given", "")) if chinese else (n.get("family") or n.get("literal") or "")
        for n in names
    ]
    families = [f for f in families if f]
    if not families:
        return str(item.get("title", ""))
    if len(families) == 1:
        return families[0]
    if len(families) == 2:
        return f"{families[0]}和{families[1]}" if chinese else f"{families[0]} and {families[1]}"
    return f"{families[0]}等" if chinese else f"{families[0]} et al."


def _author_tokens(toks: list[Token]) -> list[Token]:
    out: list[Token] = []
    inside = False
    for kind, value in toks:
        if (kind, value) == ("open", "part:author"):
            inside = True
        elif inside and (kind, value) == ("close", "part"):
            return out
        elif inside:
            out.append((kind, value))
    return []


def _drop_author(toks: list[Token]) -> list[Token]:
    """The tokens without the marked author and the separator after it (``(He, 2019)`` -> ``(2019)``)."""
    out: list[Token] = []
    inside = False
    strip_next = False
    for kind, value in toks:
        if (kind, value) == ("open", "part:author"):
            inside = True
            continue
        if inside:
            if (kind, value) == ("close", "part"):
                inside, strip_next = False, True
            continue
        if strip_next and kind == "text":
            value = value.lstrip(",，").lstrip()  # GB/T 7714-2025 separates with a full-width comma
            strip_next = False
            if not value:
                continue
        out.append((kind, value))
    return out
