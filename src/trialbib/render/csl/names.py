"""A ``cs:name`` list rendered the way CSL 1.0.2 describes and citeproc-js does it.

citeproc-py 0.11 formats a name by joining its parts with spaces and then applying each
``cs:name-part`` to the joined given or family string, so particles take the family name's case
(``VAN DER MEER``), affixes miss the suffix (``(de La Fontaine) III``), ``comma-suffix`` and
``d'``-particles are ignored (``Doe Jr.``, ``d’ Jones``), and ``and`` is always joined with
``", "``. Here each part is formatted on its own (family formatting on the family name and the
non-dropping particle, given formatting on the given name and the dropping particle) and the
affixes enclose the parts the specification names:

- display order: given, then dropping particle, non-dropping particle, family name and suffix
  (the family affixes enclose all four);
- inverted (``name-as-sort-order``): family (with the non-dropping particle unless it is
  demoted), sort separator, given name with its particles, sort separator, suffix;
- sort keys: particles without apostrophes, the family name first.

The list is joined with the name delimiter, the ``and`` term (its spacing depends on whether it
is a word: the Hebrew ``and`` joins without spaces), et al. or the ellipsis of ``et-al-use-last``.
Hand-written from the specification and citeproc-js's documented output; no library does this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from citeproc.string import String, join

from trialbib.render.csl.initials import _STARTS_ROMANESQUE as STARTS_ROMANESQUE
from trialbib.render.csl.particles import GLUE, split_suffix

_JOINING = ("'", "\u02bc", "\u2019", "-")
_SPACE_END = re.compile(r"[\s\u00a0\u2000-\u200b\u202f]$")
_SPACE_START = re.compile(r"^[\s\u00a0\u2000-\u200b\u202f]")


@dataclass
class Parts:
    """One name's parts as rendered (``family`` holds a literal name)."""

    given: str | None
    family: str | None
    dropping: str | None
    non_dropping: str | None
    suffix: str | None
    comma_suffix: bool
    literal: bool


def parts_of(name: Any) -> Parts:
    """The parts of a citeproc-py ``Name`` (through trialbib's session-aware ``parts``)."""
    literal = "literal" in name
    given, family, dropping, non_dropping, suffix = name.parts()
    comma = bool(name.get("comma-suffix"))
    raw = name.get("given")
    if not comma and isinstance(raw, str) and not name.get("suffix") and "," in raw:
        comma = split_suffix(raw)[2]
    return Parts(given, family, dropping, non_dropping, suffix, comma, literal)


def _text(value: Any) -> bool:
    return value is not None and str(value) != ""


def space_join(parts: list[Any], delimiter: str = " ") -> Any:
    """``parts`` (empty ones dropped) joined by ``delimiter``; a space delimiter is left out
    where a part already ends or the next begins with white space (a non-breaking affix)."""
    present = [p for p in parts if _text(p)]
    if not present:
        return None
    out = present[0]
    for part in present[1:]:
        if delimiter == " " and (_SPACE_END.search(str(out)) or _SPACE_START.match(str(part))):
            out = out + part
        else:
            out = out + String(delimiter) + part
    return out


class NameFormatter:
    """The options of one ``cs:name`` for one render, and the rendering of each name."""

    def __init__(self, element: Any, context: Any, options: Any, sorting: bool, literal_as_written: bool) -> None:
        self.element = element

        def option(name: str) -> Any:
            return element.get_option(name, context, options)

        self.option = option
        self.form = option("form")
        self.order = option("name-as-sort-order")
        self.sort_separator = option("sort-separator")
        self.initialize_with = option("initialize-with")
        self.demote = element.get_root().get("demote-non-dropping-particle", "display-and-sort").lower()
        self.sorting = sorting
        self.literal_as_written = literal_as_written
        self.family_part = self.given_part = None
        for part in element.findall("cs:name-part", element.nsmap):
            if part.get("name") == "family":
                self.family_part = part
            elif part.get("name") == "given":
                self.given_part = part

    def _decorate(self, part: Any, text: str | None) -> Any:
        if not text:
            return None
        value = String(text)
        if part is None or self.sorting:
            return value
        return part.format(part.case(value))

    def _affixed(self, part: Any, text: Any) -> Any:
        if text is None or part is None or self.sorting:
            return text
        return part.wrap(text)

    def inverted(self, index: int, parts: Parts) -> bool:
        """Whether the name at ``index`` is printed family name first."""
        if parts.literal or parts.given is None or not parts.family:
            return False
        return self.order == "all" or (self.order == "first" and index == 0)

    def render(self, index: int, parts: Parts, initialize: Any) -> Any:
        """One name: a literal as written, else its parts in the order its position asks for."""
        if parts.literal:
            if self.literal_as_written:
                return String(parts.family or "")
            return self._affixed(self.family_part, self._decorate(self.family_part, parts.family))
        given = parts.given
        if given and parts.family and self.initialize_with is not None and self.form == "long":
            given = initialize(given)
        non_dropping, glued = parts.non_dropping, False
        if non_dropping and non_dropping.endswith(GLUE):
            non_dropping, glued = non_dropping[: -len(GLUE)], True
        glued = glued or bool(non_dropping and non_dropping.endswith(_JOINING))
        dropping = parts.dropping
        if self.sorting:
            non_dropping = non_dropping and re.sub("['\u2019]", "", non_dropping, count=1)
            dropping = dropping and re.sub("['\u2019]", "", dropping, count=1)
        if not parts.family:  # a given name alone (Banksy) is printed whole
            return self._affixed(self.given_part, self._decorate(self.given_part, parts.given))
        family = self._decorate(self.family_part, parts.family)
        ndp = self._decorate(self.family_part, non_dropping)
        if self.form == "short" or (not _text(given) and not self.sorting):
            short = ndp + family if glued and ndp is not None and family is not None else space_join([ndp, family])
            if self.form != "short" and not _text(given):
                short = space_join([short, parts.suffix])
            return self._affixed(self.family_part, short)
        giv = self._decorate(self.given_part, given)
        dp = self._decorate(self.given_part, dropping)
        suffix = String(parts.suffix) if parts.suffix else None
        separator = ", " if given in ("Lord", "Lady") else self.sort_separator
        head = ndp + family if glued and ndp is not None else space_join([ndp, family])
        if self.sorting:
            if self.demote == "never":
                return space_join([space_join([space_join([head, dp]), giv], separator), suffix])
            return space_join([space_join([family, space_join([giv, dp, ndp])], separator), suffix])
        if self.inverted(index, parts):
            if self.demote in ("always", "display-and-sort"):
                first = self._affixed(self.family_part, family)
                second = self._affixed(self.given_part, space_join([space_join([giv, dp]), ndp]))
            else:
                first = self._affixed(self.family_part, head)
                second = self._affixed(self.given_part, space_join([giv, dp]))
            return space_join([space_join([first, second], separator), suffix], separator)
        return self._display(parts, giv, dp, ndp, family, suffix, glued, dropping)

    def _display(self, parts: Parts, *pieces: Any) -> Any:
        """A name in display order; a dropping particle ending in an apostrophe joins the family
        name (``d’Jones``), except ``de’``."""
        giv, dp, ndp, family, suffix, glued, dropping = pieces
        if dp is not None and not ndp and str(dropping).endswith(_JOINING) and str(dropping)[:-1] != "de":
            family, dp = dp + family, None
        second = space_join([dp, ndp + family]) if glued and ndp is not None else space_join([dp, ndp, family])
        second = space_join([second, suffix], ", " if parts.comma_suffix else " ")
        return space_join([self._affixed(self.given_part, giv), self._affixed(self.family_part, second)])


def and_joiner(element: Any, context: Any, options: Any, delimiter: str, count: int, last_literal: bool) -> Any:
    """The text between the last two names (``None``: the name delimiter)."""
    mode = element.get_option("and", context, options)
    if mode == "text":
        term = element.get_single_term(name="and")
    elif mode == "symbol":
        term = element.preformat("&")
    else:
        return None
    if term is None:
        return None
    precedes = element.get_option("delimiter-precedes-last", context, options)
    word = bool(STARTS_ROMANESQUE.match(str(term)))
    single, multiple, after = (" ", delimiter, " ") if word else ("", "", "")
    if precedes == "always":
        single = delimiter
    elif precedes == "never":
        multiple = " " if multiple else multiple
    elif precedes == "after-inverted-name" and not last_literal:
        single = delimiter if single else single
        multiple = " " if multiple else multiple
    return single if count == 2 else multiple, term, after


def render_list(element: Any, item: Any, variable: str, context: Any, options: Any, formatter: NameFormatter) -> Any:
    """The names of ``variable`` as ``cs:name`` ``element`` prints them (an int for ``count``)."""
    option = formatter.option
    names = list(item.reference.get(variable, []) or [])
    et_al_min = option("et-al-min")
    use_first = option("et-al-use-first")
    use_last = option("et-al-use-last")
    truncate = bool(et_al_min) and len(names) >= et_al_min and use_first < len(names)
    if formatter.form == "count":
        return use_first if truncate else len(names)
    delimiter = option("delimiter")
    shown = names[:use_first] if truncate else names
    ellipsis = truncate and use_last and use_first >= 1 and use_first <= et_al_min - 2 and len(names) > use_first + 1
    if ellipsis:
        shown = [*shown, names[-1]]
    initialize = _initializer(element, context, formatter.initialize_with)
    parts = [parts_of(name) for name in shown]
    rendered = [formatter.render(i, p, initialize) for i, p in enumerate(parts)]
    kept = [(p, r) for p, r in zip(parts, rendered, strict=True) if _text(r)]
    if not kept:
        return None
    texts = [r for _, r in kept]
    _record_shown(shown, rendered)
    inverted = [formatter.inverted(i, p) for i, (p, _) in enumerate(kept)]
    if ellipsis:
        mark = element.unicode_character("horizontal ellipsis")
        return join(texts[:-1], delimiter) + String(f"{delimiter}{mark} ") + texts[-1]
    if truncate and not formatter.sorting:
        et_al = element.et_al()
        body = join(texts, delimiter)
        if not _text(et_al):
            return body
        precedes = option("delimiter-precedes-et-al")
        if precedes == "after-inverted-name":
            use = inverted[-1]
        else:
            use = precedes == "always" or (precedes == "contextual" and len(texts) >= 2)
        return body + String(delimiter if use else " ") + et_al
    if len(texts) < 2 or formatter.sorting:
        return join(texts, delimiter)
    joiner = and_joiner(element, context, options, delimiter, len(texts), kept[-1][0].literal)
    if joiner is None:
        return join(texts, delimiter)
    prefix, term, after = joiner
    precedes = option("delimiter-precedes-last")
    if precedes == "after-inverted-name" and inverted[-2]:
        prefix = delimiter
    head = join(texts[:-1], delimiter)
    return head + String(prefix) + term + String(after) + texts[-1]


def _record_shown(shown: list[Any], rendered: list[Any]) -> None:
    """Note who the entry's first names show (``subsequent-author-substitute`` compares people
    shown, as citeproc-js does: an et-al. list that shows the previous author repeats it)."""
    from trialbib.render.csl.state import current

    state = current()
    if state is None or state.shown_people is None:
        return
    for name, text in zip(shown, rendered, strict=True):
        if _text(text):
            keys = ("non-dropping-particle", "family", "given", "dropping-particle", "suffix", "literal")
            state.shown_people.append("".join(str(name.get(key) or "") for key in keys))


def _initializer(element: Any, context: Any, mark: Any) -> Any:
    def initialize(given: str) -> Any:
        return element.initialize(given, mark, context)

    return initialize
