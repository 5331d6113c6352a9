"""Rendered entries and sort keys remembered between runs, so a re-render costs ~nothing.

After one entry of a 10,000-entry list changes, only that entry is formatted again. Each entry
is cached under a hash of (its item, its number when the style prints numbers, the style's
bytes, the locale, the output format, trialbib's and citeproc-py's versions); a sorting style's
sort keys are cached per item, so the order is recomputed without formatting anything. Entries
are independent once disambiguated (each entry is keyed by its own disambiguation, decided over
the whole list from cached cites, see :func:`_disambiguation`); an entry is formatted in a small
citeproc-py session of the changed items only, numbered as in the whole list.
See :mod:`trialbib.cache` for where the cache lives and why it is safe.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from trialbib.cache import Store, digest
from trialbib.model import Item
from trialbib.render import csl, formats
from trialbib.render.csl import disambiguate
from trialbib.render.features import ignored_features
from trialbib.render.styles import CSL_NS, StyleSource


class _Fake:
    """Stands for an item whose sort keys are all cached: only its key is ever read."""

    __slots__ = ("key",)

    def __init__(self, key: str):
        self.key = key


class _SortKeys:
    """Cached sort keys by item (one value per ``cs:key``), and the ones computed now."""

    def __init__(self, store: Store, digests: dict[str, str], width: int):
        self.store, self.digests, self.width = store, digests, width
        self.fresh: dict[str, list[Any]] = {}

    def cached(self, internal_id: str) -> list[Any] | None:
        value = self.store.get(self.digests[internal_id])
        return value if isinstance(value, list) and len(value) == self.width else None

    def record(self, internal_id: str, slot: int, value: Any) -> None:
        self.fresh.setdefault(internal_id, [None] * self.width)[slot] = value


def style_tag(source: StyleSource, locale: str | None, fmt: str) -> str:
    """What besides an item decides its entry: style bytes, locale, format, versions."""
    from trialbib._version import __version__

    style_hash = hashlib.blake2b(source.data, digest_size=16).hexdigest()
    return digest(style_hash, locale, fmt, __version__, csl.citeproc_version(), csl.REPAIRS)[:24]


def item_digest(item: Item) -> str:
    """A hash of the whole item. ``repr`` is exact for the JSON-like values of an item and twice
    as fast as JSON; an item whose key or key order changed only misses the cache."""
    return hashlib.blake2b(repr(item).encode("utf-8"), digest_size=16).hexdigest()


def render(
    items: Sequence[Item],
    source: StyleSource,
    fmt: str,
    order: Sequence[str] | None,
    locale: str | None,
    progress: Any = None,
) -> Any:
    """The same entries as :func:`engine.render_bibliography`, from the cache where it can."""
    from trialbib.render import engine

    style, warnings = engine.prepared_style(source, locale)
    bibliography = style.root.bibliography
    if bibliography is not None and bibliography.get("subsequent-author-substitute") is not None:
        # an entry depends on the one before it: rendered whole, never from the cache
        return engine.render_bibliography(items, source, fmt, order, locale, cache=False, progress=progress)  # type: ignore[arg-type]
    by_key, keys = engine.keyed(items, order)
    internal = {key: f"item{i}" for i, key in enumerate(keys)}
    back = {v: k for k, v in internal.items()}
    digests = {internal[k]: item_digest(by_key[k]) for k in keys}
    tag = style_tag(source, locale, fmt)

    sort = bibliography.find(f"{{{CSL_NS}}}sort") if bibliography is not None else None
    final = keys
    sort_store = None
    if sort is not None:
        sort_store = Store(f"sortkeys-{tag}")
        width = len(sort.findall(f"{{{CSL_NS}}}key"))
        sort_keys = _SortKeys(sort_store, digests, width)
        unknown = [k for k in keys if sort_keys.cached(internal[k]) is None]
        real: dict[str, Any] = {}
        if unknown:
            session = engine._Session(  # noqa: SLF001  (warm is the engine's own cache layer, in the same package)
                [by_key[k] for k in unknown], source, unknown, locale, internal=internal, sort=False
            )
            session.bib.keys = [internal[k] for k in keys]
            real = {cite.key: cite for cite in session.bib.items}
        cites = [real.get(internal[k]) or _Fake(internal[k]) for k in keys]
        state = csl.RenderState(item_locales=locale is None, sort_cache=sort_keys)
        with csl.session(style.root, state):
            ordered = bibliography.sort(cites)
        final = [back[cite.key] for cite in ordered]
        for internal_id, values in sort_keys.fresh.items():
            sort_store.put(digests[internal_id], values)

    numbered = b"citation-number" in source.data
    numbers = {k: (n if numbered else "") for n, k in enumerate(final, 1)}
    outcomes: dict[str, Any] = {}
    if disambiguate.wanted(style.root):
        outcomes = _disambiguation(source, locale, by_key, final, internal, digests, numbers, tag)
    entry_store = Store(f"entries-{tag}")
    entry_keys = {k: f"{digests[internal[k]]}:{numbers[k]}:{_tag(outcomes, internal[k])}" for k in final}
    found = {k: entry_store.get(entry_keys[k]) for k in final}
    misses = [k for k in final if not isinstance(found[k], list)]
    if misses:
        session = engine._Session([by_key[k] for k in misses], source, misses, locale, internal=internal, sort=False)  # noqa: SLF001  (warm is the engine's own cache layer, in the same package)
        session.bib.keys = [internal[k] for k in final]
        session.state.disambig, session.state.disambiguated = dict(outcomes), True
        for key, html in zip(misses, engine._render_entries(session, progress), strict=True):  # noqa: SLF001  (warm is the engine's own cache layer, in the same package)
            toks = formats.tokens(str(html))
            found[key] = [formats.convert(toks, fmt), formats.to_html(toks)]
            entry_store.put(entry_keys[key], found[key])

    result = engine.Rendered(warnings=warnings + ignored_features(style.root, "bibliography"))
    for number, key in enumerate(final, 1):
        text, html = found[key]  # type: ignore[misc]
        result.append(engine.Entry(number, key, text, html))
    entry_store.save(keep=set(entry_keys.values()))
    if sort_store is not None:
        sort_store.save(keep=set(digests.values()))
    return result


def _people(item: Item) -> list[Any]:
    """The names disambiguation compares (as :func:`disambiguate._people` reads a reference)."""
    return list(item.get("author") or item.get("editor") or [])


def _tag(outcomes: dict[str, Any], internal_id: str) -> str:
    outcome = outcomes.get(internal_id)
    return outcome.tag() if outcome is not None else ""


def _disambiguation(
    source: StyleSource,
    locale: str | None,
    by_key: dict[str, Item],
    final: list[str],
    internal: dict[str, str],
    digests: dict[str, str],
    numbers: dict[str, Any],
    tag: str,
) -> dict[str, Any]:
    """The disambiguation of the whole list, exactly as a cold render decides it.

    Each item's plain cite (its signature) is cached like its entry; only items whose cites
    collide are rendered again, together, to decide their added names or year suffixes.
    """
    from trialbib.render import engine

    store = Store(f"cites-{tag}")
    keys = {k: f"{digests[internal[k]]}:{numbers[k]}" for k in final}
    signatures = {k: store.get(keys[k]) for k in final}
    unknown = [k for k in final if not isinstance(signatures[k], str)]
    if unknown:
        session = engine._Session([by_key[k] for k in unknown], source, unknown, locale, internal=internal, sort=False)  # noqa: SLF001  (warm is the engine's own cache layer, in the same package)
        session.bib.keys = [internal[k] for k in final]
        session.state.disambiguated = True
        layout = session.csl.root.citation.layout
        with session.run():
            for key, cite in zip(unknown, session.bib.items, strict=True):
                signatures[key] = disambiguate.signature(layout, cite, disambiguate.Outcome())
                store.put(keys[key], signatures[key])
    store.save(keep=set(keys.values()))
    groups: dict[str, list[str]] = {}
    for key in final:
        groups.setdefault(str(signatures[key]), []).append(key)
    ambiguous = [key for group in groups.values() if len(group) > 1 for key in group]
    if not ambiguous:
        return {}
    session = engine._Session([by_key[k] for k in ambiguous], source, ambiguous, locale, internal=internal, sort=False)  # noqa: SLF001  (warm is the engine's own cache layer, in the same package)
    session.bib.keys = [internal[k] for k in final]
    session.state.disambiguated = True
    citation = session.csl.root.citation
    cites = {back: cite for back, cite in zip(ambiguous, session.bib.items, strict=True)}
    outcomes: dict[str, Any] = {}
    with session.run():
        disambiguate.set_name_levels(session.csl.root, [_people(by_key[k]) for k in final])
        for group in groups.values():
            if len(group) > 1:
                members = [cites[k] for k in group]
                outcomes.update(
                    disambiguate.resolve_group(
                        citation, members, lambda item, o: disambiguate.signature(citation.layout, item, o)
                    )
                )
    return outcomes
