"""Forked mapping gives the serial result, in order, whatever its children do; so does the reader."""

from __future__ import annotations

import os

import pytest

from trialbib.io import bibtex, forked
from trialbib.io.bibtex import parse_bibtex
from trialbib.io.forked import jobs, map_forked


def _square_and_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def test_map_forked_is_the_serial_map_in_order() -> None:
    items = list(range(103))
    results = map_forked(_square_and_pid, items, 3)
    assert [value for value, _ in results] == [x * x for x in items]
    pids = {pid for _, pid in results}
    assert os.getpid() in pids
    assert len(pids) == 3


def _fails_in_a_child(x: int) -> int:
    if os.getpid() != PARENT["pid"]:
        raise RuntimeError("a worker that breaks")
    return x + 1


PARENT = {"pid": os.getpid()}


def test_a_failing_child_costs_only_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(PARENT, "pid", os.getpid())
    assert map_forked(_fails_in_a_child, list(range(50)), 2) == list(range(1, 51))


def _exits_in_a_child(x: int) -> int:
    if os.getpid() != PARENT["pid"]:
        os._exit(3)
    return -x


def test_a_child_that_dies_is_replaced_by_the_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(PARENT, "pid", os.getpid())
    assert map_forked(_exits_in_a_child, list(range(40)), 2) == [-x for x in range(40)]


def test_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRIALBIB_JOBS", raising=False)
    assert jobs(10, 100) == 1
    assert jobs(1000, 100) >= 1
    monkeypatch.setenv("TRIALBIB_JOBS", "2")
    assert jobs(1000, 100) == 2
    monkeypatch.setenv("TRIALBIB_JOBS", "1")
    assert jobs(1000, 100) == 1


ENTRY = """@article{{{key},
  author = {{M{{\\"u}}ller, J{n}rgen and van der Berg, Anna and {{World Health Organization}} and others}},
  title = {{The {{DNA}} of \\emph{{E. coli}} $\\alpha$-{n} and \\unknownmacro{{x}}}},
  journal = jx, year = {{20{n:02d}}}, month = {{{month}}}, pages = {{{n}--{m}}},
}}
"""


def _file(count: int) -> str:
    """Entries with names, LaTeX, an unknown macro, bad months, a repeated key and a crossref."""
    head = "@string{jx = {Journal X}}\n@proceedings{p, title = {Proc}, year = 2001}\n"
    body = "".join(
        ENTRY.format(key=f"k{i if i != 5 else 4}", n=i % 100, m=i % 100 + 5, month=("jan", "13", "May")[i % 3])
        for i in range(count)
    )
    return head + body + "@inproceedings{c, crossref = {p}}\n"


def test_the_reader_gives_the_same_bibliography_on_every_core(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _file(300)
    monkeypatch.setattr(bibtex, "PARALLEL_MIN", 10)
    monkeypatch.setenv("TRIALBIB_JOBS", "2")
    calls: list[int] = []
    original = forked.map_forked

    def counted(func, items, workers):  # type: ignore[no-untyped-def]
        calls.append(workers)
        return original(func, items, workers)

    monkeypatch.setattr(forked, "map_forked", counted)
    both = parse_bibtex(text, source="x.bib")
    monkeypatch.setenv("TRIALBIB_JOBS", "1")
    one = parse_bibtex(text, source="x.bib")
    assert calls == [2, 1]
    assert both.items == one.items
    assert len(one.items) == 301
    assert [(p.code, p.message, p.location) for p in both.problems] == [
        (p.code, p.message, p.location) for p in one.problems
    ]
    codes = {p.code for p in one.problems}
    assert {"TEX001", "SYN001", "KEY002"} <= codes
