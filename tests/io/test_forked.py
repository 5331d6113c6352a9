"""Forked mapping gives the serial result, in order, whatever its children do; so does the reader."""

from __future__ import annotations

import os

import pytest

from trialbib.io import bibtex, forked
from trialbib.io.bibtex import parse_bibtex
from trialbib.io.forked import Shares, finish_call, jobs, map_forked, start_call
from trialbib.io.inherit import RawEntry


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


LATE_ENTRIES = """@article{k1, title = {A key used before}, year = 2001}
@article{bad, title = {Bad month}, year = {2001}, month = {13}}
@article{late, author = {Roe, Jane}, title = {Uses \\addat{} and jx}, journal = jx, crossref = {p}}
@inproceedings{c2, crossref = {c}, pages = {1--2}}
@article{k7, title = {A key again}}
@book{mv, title = {Volume}, xdata = {missing}}
@proceedings{LateProc, title = {Late Proc}, publisher = {Pub}, year = 2002}
@proceedings{proc, title = {Local}}
"""


def _large_file(late_string: bool) -> str:
    """Many pieces: @preamble and @string first, keys repeated and entries inheriting across them."""
    head = (
        '@preamble{"\\providecommand{\\addat}{@}"}\n@inproceedings{early, crossref = {lateproc}}\n'
        "@proceedings{PROC, title = {Global}}\n@inproceedings{early2, crossref = {Proc}}\n"
    )
    tail = LATE_ENTRIES + ("@string{jy = {Journal Y}}\n@article{z, journal = jy}\n" if late_string else "")
    return head + _file(300) + tail


def _read(text: str, keep_sources: bool = True) -> tuple[list, list]:
    bib = parse_bibtex(text, source="x.bib", keep_sources=keep_sources)
    return bib.items, [(p.code, p.message, p.location, p.severity) for p in bib.problems]


@pytest.mark.parametrize(("late_string", "keep_sources"), [(False, True), (False, False), (True, False)])
def test_a_large_file_is_read_in_two_processes_with_the_same_result(
    monkeypatch: pytest.MonkeyPatch, late_string: bool, keep_sources: bool
) -> None:
    text = _large_file(late_string)
    monkeypatch.setattr(bibtex, "CHUNK_CHARS", 3000)
    monkeypatch.setattr(bibtex, "PARALLEL_MIN", 10)
    monkeypatch.setattr(bibtex, "LATE_PARALLEL_MIN", 10)
    forks: list[int] = []
    original = bibtex.start_call

    def counted(func):  # type: ignore[no-untyped-def]
        forks.append(1)
        return original(func)

    monkeypatch.setattr(bibtex, "start_call", counted)
    monkeypatch.setenv("TRIALBIB_JOBS", "2")
    both = _read(text, keep_sources)
    monkeypatch.setenv("TRIALBIB_JOBS", "1")
    one = _read(text, keep_sources)
    assert forks == ([] if late_string else [1])  # a @string near the end: read in one process
    assert both == one
    items = {item["id"]: item for item in one[0]}
    assert items["late"]["container-title"] == "Journal X"
    assert "@" in items["late"]["title"]
    assert items["c2"]["container-title"] == "Proc"  # through c, from p
    assert items["early"]["container-title"] == "Late Proc"  # a parent the child read, named only here
    assert items["early2"]["container-title"] == "Local"  # no key is Proc: the last in any case wins
    codes = [code for code, *_ in one[1]]
    assert codes.count("KEY002") == 3
    assert {"XRF001", "SYN001"} <= set(codes)


def test_a_failing_reader_child_costs_only_time(monkeypatch: pytest.MonkeyPatch) -> None:
    text = _large_file(False)
    monkeypatch.setattr(bibtex, "CHUNK_CHARS", 3000)
    monkeypatch.setattr(bibtex, "PARALLEL_MIN", 10)
    monkeypatch.setenv("TRIALBIB_JOBS", "1")
    one = _read(text)
    monkeypatch.setenv("TRIALBIB_JOBS", "2")
    monkeypatch.setitem(PARENT, "pid", os.getpid())
    flat = bibtex._flat  # noqa: SLF001  (the events a child sends are what this test breaks)

    def breaks(events):  # type: ignore[no-untyped-def]
        if os.getpid() != PARENT["pid"]:
            os._exit(3)
        return flat(events)

    monkeypatch.setattr(bibtex, "_flat", breaks)
    assert _read(text) == one


def test_shares_give_each_piece_once_from_both_ends() -> None:
    shares = Shares(200)

    def back() -> list[int]:
        taken = []
        while (n := shares.take(front=False)) is not None:
            taken.append(n)
        return taken

    started = start_call(back)
    assert started is not None
    mine = []
    while (n := shares.take(front=True)) is not None:
        mine.append(n)
    theirs = finish_call(started)
    shares.close()
    assert mine == list(range(len(mine)))  # this process: a run from the front
    assert sorted(theirs) == list(range(len(mine), 200))  # the child: the rest, from the back
    assert theirs == sorted(theirs, reverse=True)


def test_a_guess_resolves_copies_and_leaves_the_entries_read_unchanged() -> None:
    parent = RawEntry("p", "proceedings", {"title": "P"}, 1)
    before_guessed = RawEntry("a", "inproceedings", {"crossref": "p"}, 2)  # guessed in an earlier round
    fresh = RawEntry("b", "inproceedings", {"crossref": "p"}, 3)
    before = [("e", "p", 1, [], parent, None), ("e", "a", 2, [], before_guessed, ["later", {}, None])]
    out = bibtex._guessed(before, [("e", "b", 3, [], fresh, "later")])  # noqa: SLF001  (the guess is the subject)
    assert before_guessed.fields == {"crossref": "p"}
    assert fresh.fields == {"crossref": "p"}
    assert out[0][5][1]["booktitle"] == "P"
    assert out[0][5][2][0]["container-title"] == "P"


def test_shares_work_with_descriptors_beyond_select_s_limit() -> None:
    """A long-running host may hold over 1,024 open files; select.select refuses such descriptors."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 1100:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(2048, hard), hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        shares = Shares(3)
        try:
            assert [shares.take(front=True) for _ in range(4)] == [0, 1, 2, None]
        finally:
            shares.close()
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_posted_results_arrive_in_order_and_what_finds_no_room_is_refused() -> None:
    shares = Shares(1, room=1000)

    def child() -> list[bool]:
        return [shares.post(bytes([n]) * (50 + n)) for n in range(20)]

    started = start_call(child)
    assert started is not None
    posted = finish_call(started)
    got = shares.received()
    shares.close()
    assert posted[:3] == [True] * 3  # 8 bytes of size each, 1,000 bytes of room
    assert not all(posted)
    assert got == [bytes([n]) * (50 + n) for n, ok in enumerate(posted) if ok]


@pytest.mark.parametrize("size", [0, 3000, 1 << 22])
def test_a_child_whose_results_find_no_room_sends_them_at_the_end(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    text = _large_file(False)
    monkeypatch.setattr(bibtex, "CHUNK_CHARS", 3000)
    monkeypatch.setattr(bibtex, "PARALLEL_MIN", 10)
    monkeypatch.setenv("TRIALBIB_JOBS", "1")
    one = _read(text, keep_sources=False)

    class Small(forked.Shares):
        def __init__(self, count: int, room: int = 0):
            assert room > 0
            super().__init__(count, size)

        def received(self) -> list[bytes]:
            frames = super().received()
            taken.extend(frames)
            return frames

    taken: list[bytes] = []
    monkeypatch.setattr(forked, "Shares", Small)
    monkeypatch.setenv("TRIALBIB_JOBS", "2")
    assert _read(text, keep_sources=False) == one
    assert (len(taken) > 3) == (size > 3000)  # with room, each piece and each guess comes as posted
