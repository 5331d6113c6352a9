"""The speed-ups change nothing in the output: parallel rendering, memoised citeproc-py lookups.

(The golden tests run with the memoised lookups in place; they were written before them.)
"""

from __future__ import annotations

import pytest

from trialbib.render import engine


@pytest.mark.parametrize("style", ["gb7714", "apa", "article"])
def test_parallel_render_is_identical(bib, monkeypatch, style):
    serial = engine.render_bibliography(bib.items, style, cache=False)
    monkeypatch.setattr(engine, "PARALLEL_MIN", 4)
    monkeypatch.setattr(engine, "SLICE", 5)
    monkeypatch.setenv("TRIALBIB_JOBS", "2")
    assert engine._jobs(len(bib.items)) == 2
    parallel = engine.render_bibliography(bib.items, style, cache=False)  # cold: nothing from the cache
    assert [(e.number, e.key, e.text, e.html) for e in parallel] == [(e.number, e.key, e.text, e.html) for e in serial]


def test_citation_numbers_follow_registration(bib):
    order = list(reversed(bib.keys))
    entries = engine.render_bibliography(bib.items, "gb7714", order=order)
    assert [e.key for e in entries] == order
    assert entries[0].text.startswith("[1] ") and entries[23].text.startswith("[24] ")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_progress_counts_every_entry(bib, monkeypatch, jobs):
    monkeypatch.setattr(engine, "PARALLEL_MIN", 4)
    monkeypatch.setattr(engine, "SLICE", 5)
    monkeypatch.setenv("TRIALBIB_JOBS", jobs)
    seen: list[int] = []
    entries = engine.render_bibliography(bib.items, "gb7714", cache=False, progress=seen.append)
    assert sum(seen) == len(entries) == 24 and len(seen) == 5
