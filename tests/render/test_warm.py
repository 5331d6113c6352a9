"""The warm render: the same output as a cold one, and only changed entries formatted again."""

from __future__ import annotations

import copy
import json

import pytest

from paths import DATA
from trialbib.render import engine, warm


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIALBIB_CACHE_DIR", str(tmp_path))
    return tmp_path


def triples(entries):  # type: ignore[no-untyped-def]
    return [(e.number, e.key, e.text, e.html) for e in entries]


@pytest.mark.parametrize("style", ["gb7714", "apa", "article", "vancouver"])
@pytest.mark.parametrize("fmt", ["text", "html"])
def test_warm_equals_cold(bib, cache_dir, style, fmt):
    test_items = json.loads((DATA / "render" / "items.json").read_text("utf-8"))
    items = bib.items + [i for i in test_items if isinstance(i, dict) and "id" in i]
    cold = engine.render_bibliography(items, style, fmt, cache=False)
    first = engine.render_bibliography(items, style, fmt)
    again = engine.render_bibliography(items, style, fmt)
    assert triples(first) == triples(cold) == triples(again)


def count_formatted(monkeypatch):  # type: ignore[no-untyped-def]
    calls: list[int] = []
    original = engine._render_entries  # noqa: SLF001  (counts the engine's entry renders)

    def counting(session, progress=None):  # type: ignore[no-untyped-def]
        calls.append(len(session.bib.items))
        return original(session, progress)

    monkeypatch.setattr(engine, "_render_entries", counting)
    return calls


@pytest.mark.parametrize("style", ["gb7714", "apa"])
def test_only_changed_entries_are_formatted(bib, cache_dir, monkeypatch, style):
    cold = triples(engine.render_bibliography(bib.items, style, cache=False))
    engine.render_bibliography(bib.items, style)
    calls = count_formatted(monkeypatch)
    assert triples(engine.render_bibliography(bib.items, style)) == cold
    assert calls == []  # all 24 from the cache
    changed = copy.deepcopy(bib.items)
    changed[5]["title"] = "Zzz a changed title"
    changed[5]["author"] = [{"family": "Aaron", "given": "A."}]
    calls.clear()
    warm_out = engine.render_bibliography(changed, style)
    assert calls == [1]
    monkeypatch.undo()
    assert triples(warm_out) == triples(engine.render_bibliography(changed, style, cache=False))


def test_numbers_shift_when_order_changes(bib, cache_dir):
    engine.render_bibliography(bib.items, "gb7714")
    order = list(reversed(bib.keys))
    assert triples(engine.render_bibliography(bib.items, "gb7714", order=order)) == triples(
        engine.render_bibliography(bib.items, "gb7714", order=order, cache=False)
    )


def test_corrupt_cache_is_ignored(bib, cache_dir):
    engine.render_bibliography(bib.items, "gb7714")
    for path in cache_dir.glob("*/*.json"):
        path.write_text('{"broken": ')
    assert triples(engine.render_bibliography(bib.items, "gb7714")) == triples(
        engine.render_bibliography(bib.items, "gb7714", cache=False)
    )


def test_no_cache_env_writes_nothing(bib, cache_dir, monkeypatch):
    monkeypatch.setenv("TRIALBIB_NO_CACHE", "1")
    engine.render_bibliography(bib.items, "gb7714")
    assert list(cache_dir.iterdir()) == []


def test_item_digest_changes_with_the_item():
    item = {"id": "a", "citation-key": "a", "title": "T"}
    assert warm.item_digest(item) == warm.item_digest(dict(item))
    assert warm.item_digest(item) != warm.item_digest({**item, "title": "U"})
