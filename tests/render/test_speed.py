"""The speed-ups change nothing in the output: parallel rendering, memoised citeproc-py lookups,
the fast paths that skip citeproc-py's work where it changes nothing.

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


def _seam_cases() -> list[tuple[object, object]]:
    from citeproc.formatter.html import Italic
    from citeproc.string import MixedString, NoCase, String

    lefts = [
        "",
        "Smith.",
        String("Smith "),
        NoCase("Smith,"),
        MixedString([String("A"), String("")]),
        MixedString([MixedString([String("Title.")]), String(""), MixedString([])]),
        MixedString([Italic("Nature"), String(" ")]),
        MixedString([]),
    ]
    others = ["", ".", " ", ", ", String(". "), String("x"), MixedString([String(""), String(", 2016")]), Italic("J")]
    return [(left, other) for left in lefts for other in others]


def test_seam_from_the_meeting_characters_is_citeprocs_seam():
    """The seam decided from the two characters that meet equals citeproc-py's, which joins
    both sides whole: same text, same type, same segments."""
    from citeproc import string

    from trialbib.render.csl import gated

    gated.install()
    upstream = string.normalize_seam.__wrapped__
    stripped = 0
    for left, other in _seam_cases():
        ours, theirs = gated.plain_seam(upstream, left, other), upstream(left, other)
        assert (type(ours), str(ours)) == (type(theirs), str(theirs)), (left, other)
        assert list(ours) == list(theirs) if isinstance(theirs, list) else ours == theirs
        stripped += str(theirs) != str(other)
    assert stripped >= 4  # the cases include doubled marks and spaces, which are stripped


def test_element_fast_paths_equal_citeprocs_methods():
    """format, wrap and quote skip citeproc-py's work only where it changes nothing."""
    from citeproc import formatter, model
    from citeproc.formatter.html import Italic
    from citeproc.string import MixedString, NoCase, String

    from trialbib.render import csl
    from trialbib.render.engine import resolve_style

    style = csl.parse_style(resolve_style("apa").data, None)
    style.root.formatter = formatter.html
    texts = list(style.root.iter("{http://purl.org/net/xbiblio/csl}text"))
    attrs = ("font-style", "prefix", "suffix", "quotes", "text-case")
    assert {a for t in texts for a in attrs if t.get(a)} == set(attrs)  # plain and decorated ones
    values = [String("a."), MixedString([String("b"), String("")]), "c", NoCase("d"), Italic("e"), 7, None]
    for text in texts:
        for value in values:
            if value is not None:
                assert str(text.format(value)) == str(model.Formatted.format(text, value))
                assert type(text.format(value)) is type(model.Formatted.format(text, value))
            if not isinstance(value, int):
                ours, theirs = text.wrap(value), model.Affixed.wrap(text, value)
                assert (type(ours), str(ours)) == (type(theirs), str(theirs)), (text.attrib, value)
                ours, theirs = text.quote(value), model.Quoted.quote(text, value)
                assert (type(ours), str(ours)) == (type(theirs), str(theirs)), (text.attrib, value)
