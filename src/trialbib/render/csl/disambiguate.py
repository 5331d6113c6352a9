"""Disambiguation of cites (CSL 1.0.2, "Disambiguation"), decided once per bibliography.

Two items are ambiguous when their cites render the same. In the order CSL gives, for each
group of ambiguous items: more names (``disambiguate-add-names``), then initials and full given
names (``disambiguate-add-givenname``), then ``<if disambiguate="true">``, and last a year
suffix (``disambiguate-add-year-suffix``: 2016a, 2016b, assigned in bibliography order, in the
citations and the list alike). Groups are independent, so the warm cache can key each entry by
its own outcome (:func:`Outcome.tag`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from trialbib.render.csl.state import current
from trialbib.render.styles import CSL_NS


@dataclass(frozen=True)
class Outcome:
    """How one item's cite is disambiguated."""

    names: int = 0  # at least this many names shown in the cite (0: the style's et-al-use-first)
    given: int = 0  # every name: 1 initials, 2 full given names
    condition: int = 0  # how many of the style's <if disambiguate="true">, in order, hold
    suffix: str = ""  # the year suffix, "a", "b", ...
    levels: tuple[int, ...] = ()  # per name, by its place in the list: 1 initials, 2 full given names

    def tag(self) -> str:
        levels = "".join(str(level) for level in self.levels).rstrip("0")
        return f"{self.names}.{self.given}.{int(self.condition)}.{self.suffix}.{levels}"

    def level(self, index: int) -> int:
        """How far the given name of the name at ``index`` is expanded."""
        found = self.levels[index] if index < len(self.levels) else 0
        return max(found, self.given)


def wanted(root: Any) -> bool:
    """True when the style's citation asks for any disambiguation."""
    citation = root.find(f"{{{CSL_NS}}}citation")
    if citation is None:
        return False
    options = ("disambiguate-add-names", "disambiguate-add-givenname", "disambiguate-add-year-suffix")
    if any(citation.get(option) == "true" for option in options):
        return True
    return root.find(f".//{{{CSL_NS}}}if[@disambiguate]") is not None


def suffix(index: int) -> str:
    """``a`` ... ``z``, ``aa``, ``ab``, ... as citeproc-js numbers year suffixes."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def signature(layout: Any, item: Any, outcome: Outcome) -> str:
    """The cite of ``item`` as the citation layout renders it, markers off."""
    state = current()
    assert state is not None
    saved = state.disambig.get(item.key)
    state.disambig[item.key] = outcome
    mode, parts = state.mode, state.parts
    state.mode, state.parts = "citation", False
    try:
        layout.repressed = {}
        state.substituted = None
        try:
            text = layout.render_children(item)
        except Exception:  # a cite that cannot render is its own signature
            return f"\x00{item.key}"
        return str(text) if text is not None else ""
    finally:
        state.mode, state.parts = mode, parts
        if saved is None:
            del state.disambig[item.key]
        else:
            state.disambig[item.key] = saved


def signatures(root: Any, items: Sequence[Any]) -> list[str]:
    """The plain cite of each item (what decides which items are ambiguous)."""
    citation = root.citation
    if citation is None:
        return []
    return [signature(citation.layout, item, Outcome()) for item in items]


def resolve(root: Any, items: Sequence[Any], known: Sequence[str] | None = None) -> dict[str, Outcome]:
    """The outcome of every ambiguous item among ``items`` (in bibliography order); ``known``
    are their plain cites when computed elsewhere (by the parallel render's workers)."""
    citation = root.citation
    if citation is None:
        return {}
    layout = citation.layout
    render: Callable[[Any, Outcome], str] = lambda item, outcome: signature(layout, item, outcome)  # noqa: E731
    plain = list(known) if known is not None else signatures(root, items)
    groups: dict[str, list[Any]] = {}
    for item, text in zip(items, plain, strict=True):
        groups.setdefault(text, []).append(item)
    result: dict[str, Outcome] = {}
    for group in groups.values():
        if len(group) > 1:
            result.update(resolve_group(citation, group, render))
    return result


def resolve_group(citation: Any, group: list[Any], render: Callable[[Any, Outcome], str]) -> dict[str, Outcome]:
    """Disambiguate one group of items whose cites render the same.

    ``by-cite`` given names are stepped as citeproc-js steps them (:func:`_resolve_by_cite`).
    Otherwise names are added one at a time to the cites still ambiguous; a cite that stays
    ambiguous keeps the fewest names that left it with the fewest others alike (citeproc-js).
    Then ``<if disambiguate="true">``, then year suffixes, ``a``, ``b``, ... within each set of
    cites still alike, in bibliography order."""
    if citation.get("disambiguate-add-givenname") == "true" and _rule(citation) == "by-cite":
        return _resolve_by_cite(citation, group, render)
    state = _Group(group, render)
    if citation.get("disambiguate-add-names") == "true":
        for count in range(2, max(_names(item) for item in group) + 1):
            clashes = state.alike()
            if not clashes:
                break
            for item in group:
                if item.key in clashes and count <= _names(item):
                    state.outcomes[item.key] = replace(state.outcomes[item.key], names=count)
            state.record()
    state.settle()
    clashes = state.alike()
    for count in range(1, len(conditions(citation.getroottree().getroot())) + 1):
        if not clashes:
            break
        for key in clashes:  # one condition more at a time (citeproc-js)
            state.outcomes[key] = replace(state.outcomes[key], condition=count)
        clashes = state.alike()
    if clashes and citation.get("disambiguate-add-year-suffix") == "true":
        state.suffixes(clashes)
    return {key: o for key, o in state.outcomes.items() if o != Outcome()}


def _resolve_by_cite(citation: Any, group: list[Any], render: Callable[[Any, Outcome], str]) -> dict[str, Outcome]:
    """``by-cite`` names and given names stepped as citeproc-js steps them (:mod:`.bycite`),
    then year suffixes for the cites still alike."""
    from trialbib.render.csl import bycite

    def outcome(settings: bycite.Settings) -> Outcome:
        return Outcome(names=settings.names, levels=tuple(settings.givens), condition=settings.condition)

    root = citation.getroottree().getroot()
    suffixes = citation.get("disambiguate-add-year-suffix") == "true"
    total = len(conditions(root))
    steps = bycite.methods(bool(total), suffixes)
    add_names = citation.get("disambiguate-add-names") == "true"
    settled = bycite.walk(
        group, _people, _name_form(citation), lambda item, s: render(item, outcome(s)), steps, add_names, total
    )
    outcomes = {key: outcome(settings) for key, settings in settled.items()}
    if suffixes:  # the cites still alike take year suffixes
        state = _Group(group, render)
        state.outcomes.update(outcomes)
        clashes = state.alike()
        if clashes:
            state.suffixes(clashes)
        outcomes = state.outcomes
    return {key: o for key, o in outcomes.items() if o != Outcome()}


class _Group:
    """The outcomes of one group of ambiguous items while they are decided."""

    def __init__(self, group: list[Any], render: Callable[[Any, Outcome], str]) -> None:
        self.group, self.render = group, render
        self.outcomes = {item.key: Outcome() for item in group}
        self.rendered: dict[tuple[str, Outcome], str] = {}
        self.best = {item.key: (len(group), self.outcomes[item.key]) for item in group}
        self.record()

    def cite(self, item: Any) -> str:
        key = (item.key, self.outcomes[item.key])
        if key not in self.rendered:
            self.rendered[key] = self.render(item, self.outcomes[item.key])
        return self.rendered[key]

    def alike(self) -> dict[str, list[Any]]:
        """Each item whose cite is not unique -> the items whose cites are the same as its."""
        seen: dict[str, list[Any]] = {}
        for item in self.group:
            seen.setdefault(self.cite(item), []).append(item)
        return {item.key: same for same in seen.values() if len(same) > 1 for item in same}

    def record(self) -> None:
        """Remember, per item, the first outcome that left it the fewest others alike."""
        clashes = self.alike()
        for item in self.group:
            count = len(clashes.get(item.key, [item])) - 1
            if count < self.best[item.key][0]:
                self.best[item.key] = (count, self.outcomes[item.key])

    def settle(self) -> None:
        """A cite still ambiguous goes back to the fewest names that helped most."""
        clashes = self.alike()
        for item in self.group:
            if item.key in clashes:
                self.outcomes[item.key] = self.best[item.key][1]

    def suffixes(self, clashes: dict[str, list[Any]]) -> None:
        done: set[str] = set()
        for item in self.group:  # bibliography order
            if item.key in clashes and item.key not in done:
                for index, same in enumerate(clashes[item.key]):
                    self.outcomes[same.key] = replace(self.outcomes[same.key], suffix=suffix(index))
                    done.add(same.key)


def conditions(root: Any) -> list[Any]:
    """The ``disambiguate`` conditions cites can meet (not the list's own), in document order
    (kept on the root)."""
    found: list[Any] | None = root.__dict__.get("_tb_conditions")
    if found is None:
        bibliography = root.find(f"{{{CSL_NS}}}bibliography")
        inside = set(bibliography.iter()) if bibliography is not None else set()
        found = [
            e for e in root.iter(f"{{{CSL_NS}}}if", f"{{{CSL_NS}}}else-if") if e.get("disambiguate") and e not in inside
        ]
        root.__dict__["_tb_conditions"] = found
    return found


def _rule(citation: Any) -> str:
    return str(citation.get("givenname-disambiguation-rule", "by-cite"))


def _names(item: Any) -> int:
    return len(_people(item))


def _people(item: Any) -> list[Any]:
    return list(item.reference.get("author") or item.reference.get("editor") or [])


def person_key(name: Any) -> tuple[Any, Any]:
    """Who a name is, as disambiguation compares people: the family name with its
    non-dropping particle, and the given name without its spacing (``J.J.`` is ``J. J.``)."""
    family = name.get("family") or name.get("literal")
    particle = name.get("non-dropping-particle")
    if family and particle:
        family = f"{particle} {family}"
    given = name.get("given")
    return family, re.sub(r"\.\s*", ". ", given).strip() if isinstance(given, str) else given


def _initials(given: Any) -> str:
    from trialbib.render.csl.initials import initialize_with

    return initialize_with(str(given or ""), ".", False)


def _needed(person: tuple[Any, Any], others: list[tuple[Any, Any]], cap: int = 2) -> int:
    """The given-name level that tells ``person`` from the ``others`` of the same family name:
    1 (initials) when its initials are its own, else 2 (the full given name) up to ``cap``."""
    rivals = [other for other in others if other[0] == person[0] and other[1] != person[1]]
    if not rivals or person[0] is None:
        return 0
    if all(_initials(other[1]) != _initials(person[1]) for other in rivals):
        return 1
    return 2 if cap >= 2 else 0


def _name_form(citation: Any) -> Any:
    """The given-name and et-al options of the citation's first cs:name (:mod:`.bycite`)."""
    from trialbib.render.csl.bycite import NameForm

    option = _name_options(citation)

    def number(attribute: str) -> int:
        try:
            return int(option(attribute) or 0)
        except ValueError:
            return 0

    return NameForm(
        short=option("form") == "short",
        initials=option("initialize-with") is not None,
        et_al_min=number("et-al-min"),
        use_first=number("et-al-use-first"),
    )


def _name_options(citation: Any) -> Callable[[str], str | None]:
    """An option of the citation's first cs:name, inherited from the citation and the style."""
    ns = f"{{{CSL_NS}}}"
    root = citation.getroottree().getroot()
    name = citation.find(f".//{ns}name")
    if name is None:
        for text in citation.iter(f"{ns}text"):
            macro = root.find(f"{ns}macro[@name='{text.get('macro')}']") if text.get("macro") else None
            name = macro.find(f".//{ns}name") if macro is not None else None
            if name is not None:
                break

    def option(attribute: str) -> str | None:
        for element in (name, citation, root):
            if element is not None and element.get(attribute) is not None:
                return str(element.get(attribute))
        return None

    return option


def name_levels(root: Any, lists: Sequence[Sequence[Any]]) -> dict[tuple[Any, Any], int]:
    """The global given-name rules (``all-names``, ``primary-name``, and their ``-with-initials``):
    every person whose family name another person of the list shares, expanded as far as tells
    them apart; ``primary-name`` rules look at first names only (the map holds those)."""
    citation = root.find(f"{{{CSL_NS}}}citation")
    if citation is None or citation.get("disambiguate-add-givenname") != "true":
        return {}
    rule = _rule(citation)
    if rule == "by-cite":
        return {}
    people: set[tuple[Any, Any]] = set()
    for names in lists:
        chosen = list(names)[:1] if rule.startswith("primary-name") else list(names)
        people.update(person_key(name) for name in chosen)
    cap = 1 if rule.endswith("-with-initials") else 2
    everyone = sorted(people, key=str)
    levels = {person: _needed(person, everyone, cap) for person in everyone}
    return {person: level for person, level in levels.items() if level}


def set_name_levels(root: Any, lists: Sequence[Sequence[Any]]) -> None:
    """Put the global given-name expansions of the bibliography into the running session."""
    state = current()
    assert state is not None
    state.name_levels = name_levels(root, lists)
    citation = root.find(f"{{{CSL_NS}}}citation")
    state.primary_levels = citation is not None and _rule(citation).startswith("primary-name")


def ensure(root: Any, bibliography: Any, known: Sequence[str] | None = None) -> None:
    """Disambiguate the items of ``bibliography`` once per session, before its first render.

    A session whose outcomes were decided elsewhere (the warm cache's, over the whole list)
    has ``disambiguated`` set: only the year suffixes are given to its references.
    """
    state = current()
    if state is None or bibliography is None or state.disambiguated is bibliography:
        return
    ns = f"{{{CSL_NS}}}"
    state.explicit_suffix = root.find(f".//{ns}text[@variable='year-suffix']") is not None
    if state.disambiguated is None and wanted(root):
        state.disambiguated = bibliography
        apply(root, bibliography.items, known)
        return
    state.disambiguated = bibliography
    for item in bibliography.items:
        outcome = state.disambig.get(item.key)
        if outcome is not None and outcome.suffix:
            item.reference["year_suffix"] = outcome.suffix


def apply(root: Any, items: Sequence[Any], known: Sequence[str] | None = None) -> dict[str, Outcome]:
    """Resolve ``items`` in the running session and give each item its year suffix."""
    state = current()
    assert state is not None
    plain = list(known) if known is not None else signatures(root, items)  # grouped before expansion
    set_name_levels(root, [_people(item) for item in items])
    outcomes = resolve(root, items, plain)
    state.disambig.update(outcomes)
    for item in items:
        outcome = outcomes.get(item.key)
        if outcome is not None and outcome.suffix:
            item.reference["year_suffix"] = outcome.suffix
    return outcomes
