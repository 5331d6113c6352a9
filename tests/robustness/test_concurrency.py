"""Two imports into the same .bib at once: both land, or one is refused out loud; none is lost.

Before the lock, two ``trialbib import ... --into same.bib`` read the same old file and the
second rename dropped the first one's entry (3 rounds in 10), both reporting success. Each
round here starts two importers together, in threads and in processes, on a small file.
"""

from __future__ import annotations

import json
import multiprocessing
import threading
from pathlib import Path
from typing import Any

import pytest

from trialbib.errors import InputError
from trialbib.merge import import_into

START = "@article{old2019,\n  author = {Old, A.},\n  title = {Old one},\n  journal = {J},\n  year = {2019}\n}\n"


def incoming(folder: Path, key: str) -> Path:
    path = folder / f"{key}.json"
    item = {"id": key, "type": "article-journal", "title": f"Title of {key}", "issued": {"date-parts": [[2020]]}}
    path.write_text(json.dumps([item]), encoding="utf-8")
    return path


def import_one(source: str, into: str) -> str:
    try:
        return "written" if import_into(source, into).written else "unchanged"
    except InputError as exc:  # refused with a one-line message: allowed, as long as it is said
        return f"refused: {exc}"


KEYS = ("first2020", "second2020")


def test_two_importing_threads_lose_nothing(tmp_path):
    sources = {key: incoming(tmp_path, key) for key in KEYS}
    outcomes: dict[str, str] = {}
    for round_ in range(50):
        bib = tmp_path / f"round{round_}.bib"
        bib.write_text(START, encoding="utf-8")
        barrier = threading.Barrier(2)

        def run(key: str, bib: Path = bib, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            outcomes[key] = import_one(str(sources[key]), str(bib))

        threads = [threading.Thread(target=run, args=(key,)) for key in KEYS]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        text = bib.read_text("utf-8")
        assert "@article{old2019," in text
        for key in KEYS:
            if outcomes[key] == "written":
                assert f"@article{{{key}," in text, f"round {round_}: {key} was reported written but is lost"
            else:
                assert outcomes[key].startswith("refused: ")
                assert "\n" not in outcomes[key]
        # with the lock the second importer waits and merges into the first one's result
        assert list(outcomes.values()) == ["written", "written"], outcomes


def _process(source: str, into: str, start: Any, queue: Any) -> None:
    start.wait()
    queue.put(import_one(source, into))


@pytest.mark.parametrize("round_", range(5))
def test_two_importing_processes_lose_nothing(tmp_path, round_):
    context = multiprocessing.get_context("fork")
    sources = [incoming(tmp_path, key) for key in KEYS]
    bib = tmp_path / "refs.bib"
    bib.write_text(START, encoding="utf-8")
    start, queue = context.Event(), context.Queue()
    workers = [context.Process(target=_process, args=(str(s), str(bib), start, queue)) for s in sources]
    for worker in workers:
        worker.start()
    start.set()
    outcomes = [queue.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert outcomes == ["written", "written"]
    text = bib.read_text("utf-8")
    assert "@article{first2020," in text
    assert "@article{second2020," in text
