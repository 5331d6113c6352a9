"""The speed-ups change nothing in the output: parallel rendering, memoised citeproc-py lookups.

Both sides of a comparison are rendered cold (``cache=False``): a render served from the
on-disk cache would not run the path under test.

(The golden tests run with the memoised lookups in place; they were written before them.)
"""

from __future__ import annotations

import pytest

from trialbib.render import engine


def _cold(bib, style):  # type: ignore[no-untyped-def]
    """A sequential render with the on-disk cache off: every entry formatted here and now."""
    return engine.render_bibliography(bib.items, style, cache=False)


@pytest.mark.parametrize(
    "style",
    [
        pytest.param("china-national-standard-gb-t-7714-2015-numeric", id="gb7714-2015"),
        pytest.param("apa", id="apa"),
        pytest.param("article", id="article"),
    ],
)
def test_parallel_render_is_identical_to_a_cold_sequential_one(bib, monkeypatch, style):
    import multiprocessing

    monkeypatch.setenv("TRIALBIB_JOBS", "1")
    serial = _cold(bib, style)
    pools: list[str] = []
    real = multiprocessing.get_context

    def counted(method=None):  # type: ignore[no-untyped-def]
        pools.append(method)
        return real(method)

    monkeypatch.setattr(multiprocessing, "get_context", counted)
    monkeypatch.setattr(engine, "PARALLEL_MIN", 4)
    monkeypatch.setattr(engine, "SLICE", 5)
    monkeypatch.setenv("TRIALBIB_JOBS", "2")
    parallel = _cold(bib, style)
    assert pools == ["fork"], "the parallel path was not taken"
    assert [(e.number, e.key, e.text, e.html) for e in parallel] == [(e.number, e.key, e.text, e.html) for e in serial]
    assert len({e.text for e in serial}) == len(bib.items) == 24


def test_citation_numbers_follow_registration(bib):
    order = list(reversed(bib.keys))
    entries = engine.render_bibliography(bib.items, "gb7714", order=order)
    assert [e.key for e in entries] == order
    assert entries[0].text.startswith("[1] ")
    assert entries[23].text.startswith("[24] ")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_progress_counts_every_entry(bib, monkeypatch, jobs):
    monkeypatch.setattr(engine, "PARALLEL_MIN", 4)
    monkeypatch.setattr(engine, "SLICE", 5)
    monkeypatch.setenv("TRIALBIB_JOBS", jobs)
    seen: list[int] = []
    entries = engine.render_bibliography(bib.items, "gb7714", cache=False, progress=seen.append)
    assert sum(seen) == len(entries) == 24
    assert len(seen) == 5
