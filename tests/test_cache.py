"""The on-disk cache: round trip, corruption ignored, concurrent writers never tear a file."""

from __future__ import annotations

import json
import subprocess
import sys

from trialbib.cache import Store, digest


def test_round_trip_and_keep(tmp_path):
    store = Store("ns", tmp_path)
    store.put("a", {"x": 1})
    store.put("b", "text")
    store.save()
    again = Store("ns", tmp_path)
    assert again.get("a") == {"x": 1} and again.get("b") == "text"
    again.save(keep={"a"})
    assert Store("ns", tmp_path).get("b") is None


def test_corrupt_cache_is_ignored_and_rebuilt(tmp_path):
    (tmp_path / "ns.json").write_text("{not json")
    store = Store("ns", tmp_path)
    assert store.get("a") is None
    store.put("a", 1)
    store.save()
    assert json.loads((tmp_path / "ns.json").read_text()) == {"a": 1}


def test_digest_is_order_independent():
    assert digest({"a": 1, "b": 2}) == digest({"b": 2, "a": 1})
    assert digest({"a": 1}) != digest({"a": 2})


WRITER = """
import sys
from pathlib import Path
from trialbib.cache import Store
for i in range(20):
    store = Store("ns", Path(sys.argv[1]))
    store.put(f"{sys.argv[2]}-{i}", "x" * 1000)
    store.save()
"""


def test_concurrent_writers_leave_a_valid_file(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(n)]) for n in range(4)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0, 0, 0]
    data = json.loads((tmp_path / "ns.json").read_text())
    assert isinstance(data, dict) and data
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
