"""Disambiguation of cites (CSL 1.0.2, "Disambiguation"), decided once per bibliography.

Two items are ambiguous when their cites render the same. In the order CSL gives, for each
group of ambiguous items: more names (``disambiguate-add-names``), then initials and full given
names (``disambiguate-add-givenname``), then ``<if disambiguate="true">``, and last a year
suffix (``disambiguate-add-year-suffix``: 2016a, 2016b, assigned in bibliography order, in the
citations and the list alike). Groups are independent, so the warm cache can key each entry by
its own outcome (:func:`Outcome.tag`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from trialbib.render.csl.state import current
from trialbib.render.styles import CSL_NS


@dataclass(frozen=True)
class Outcome:
    """How one item's cite is disambiguated."""

    names: int = 0  # names shown in the cite (0: the style's et-al-use-first)
    given: int = 0  # 1: initials, 2: full given names
    condition: bool = False  # <if disambiguate="true"> holds
    suffix: str = ""  # the year suffix, "a", "b", ...

    def tag(self) -> str:
        return f"{self.names}.{self.given}.{int(self.condition)}.{self.suffix}"


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
    """Disambiguate one group of items whose cites render the same."""
    outcomes = {item.key: Outcome() for item in group}
    rendered: dict[tuple[str, Outcome], str] = {}

    def cite(item: Any) -> str:
        key = (item.key, outcomes[item.key])
        if key not in rendered:
            rendered[key] = render(item, outcomes[item.key])
        return rendered[key]

    def ambiguous() -> list[Any]:
        seen: dict[str, list[Any]] = {}
        for item in group:
            seen.setdefault(cite(item), []).append(item)
        return [item for same in seen.values() if len(same) > 1 for item in same]

    def keep_if_helped(before: dict[str, Outcome]) -> None:
        # an expansion that left an item ambiguous is taken back (CSL: only what disambiguates)
        for item in ambiguous():
            outcomes[item.key] = before[item.key]

    if citation.get("disambiguate-add-names") == "true" and _differ(ambiguous(), False):
        before = dict(outcomes)
        _add_names(group, outcomes, ambiguous)
        keep_if_helped(before)
    if citation.get("disambiguate-add-givenname") == "true" and _differ(ambiguous(), True):
        before = dict(outcomes)
        _add_given_names(citation, outcomes, ambiguous)
        keep_if_helped(before)
    left = ambiguous()
    if left and citation.getroottree().getroot().find(f".//{{{CSL_NS}}}if[@disambiguate]") is not None:
        for item in left:
            o = outcomes[item.key]
            outcomes[item.key] = Outcome(names=o.names, given=o.given, condition=True)
        left = ambiguous()
    if left and citation.get("disambiguate-add-year-suffix") == "true":
        for index, item in enumerate(left):  # bibliography order
            o = outcomes[item.key]
            outcomes[item.key] = Outcome(o.names, o.given, o.condition, suffix(index))
    return {key: o for key, o in outcomes.items() if o != Outcome()}


def _add_names(group: list[Any], outcomes: dict[str, Outcome], ambiguous: Callable[[], list[Any]]) -> None:
    """More names for the items still ambiguous, one at a time (disambiguate-add-names)."""
    most = max(_names(item) for item in group)
    for count in range(2, most + 1):
        left = ambiguous()
        if not left or count > max(_names(item) for item in left):
            break
        for item in left:
            outcomes[item.key] = Outcome(names=count)


def _add_given_names(citation: Any, outcomes: dict[str, Outcome], ambiguous: Callable[[], list[Any]]) -> None:
    """Initials, then full given names, for the items still ambiguous (disambiguate-add-givenname)."""
    rule = citation.get("givenname-disambiguation-rule", "by-cite")
    for level in (1,) if rule.endswith("-with-initials") else (1, 2):
        left = ambiguous()
        if not left:
            break
        for item in left:
            o = outcomes[item.key]
            outcomes[item.key] = Outcome(names=o.names, given=level)


def _names(item: Any) -> int:
    return len(item.reference.get("author") or item.reference.get("editor") or [])


def _differ(items: list[Any], given: bool) -> bool:
    # more names or given names can only tell apart items whose name lists differ
    # (same authors, same year: straight to the year suffix)
    lists = set()
    for item in items:
        people = item.reference.get("author") or item.reference.get("editor") or []
        lists.add(tuple((p.get("family"), p.get("given") if given else None, p.get("literal")) for p in people))
    return len(lists) > 1


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
    outcomes = resolve(root, items, known)
    state.disambig.update(outcomes)
    for item in items:
        outcome = outcomes.get(item.key)
        if outcome is not None and outcome.suffix:
            item.reference["year_suffix"] = outcome.suffix
    return outcomes
