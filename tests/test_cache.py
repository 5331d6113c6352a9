"""The on-disk cache: round trip, corruption ignored, concurrent writers never tear a file."""

from __future__ import annotations

import json
import subprocess
import sys

from trialbib.cache import Store, digest


def test_round_trip_and_keep(tmp_path):
    store = Store("ns", tmp_path)
    store.put("aa1", {"x": 1})
    store.put("aa2", "text")
    store.put("bb1", "other shard")
    store.save()
    again = Store("ns", tmp_path)
    assert again.get("aa1") == {"x": 1}
    assert again.get("aa2") == "text"
    assert again.get("bb1") == "other shard"
    again.put("aa3", "new")
    again.save(keep={"aa1", "aa3"})  # the rewritten shard drops its stale key
    third = Store("ns", tmp_path)
    assert third.get("aa2") is None
    assert third.get("aa3") == "new"
    assert third.get("bb1") == "other shard"


def test_only_changed_shards_are_rewritten(tmp_path):
    store = Store("ns", tmp_path)
    store.put("aa1", 1)
    store.put("bb1", 2)
    store.save()
    before = (tmp_path / "ns" / "bb.json").stat().st_mtime_ns
    again = Store("ns", tmp_path)
    again.put("aa1", 3)
    again.save()
    assert (tmp_path / "ns" / "bb.json").stat().st_mtime_ns == before
    assert json.loads((tmp_path / "ns" / "aa.json").read_text()) == {"aa1": 3}


def test_corrupt_cache_is_ignored_and_rebuilt(tmp_path):
    (tmp_path / "ns").mkdir()
    (tmp_path / "ns" / "aa.json").write_text("{not json")
    store = Store("ns", tmp_path)
    assert store.get("aa1") is None
    store.put("aa1", 1)
    store.save()
    assert json.loads((tmp_path / "ns" / "aa.json").read_text()) == {"aa1": 1}


def test_digest_is_order_independent():
    assert digest({"a": 1, "b": 2}) == digest({"b": 2, "a": 1})
    assert digest({"a": 1}) != digest({"a": 2})


WRITER = """
import sys
from pathlib import Path
from trialbib.cache import Store
for i in range(20):
    store = Store("ns", Path(sys.argv[1]))
    store.put(f"aa{sys.argv[2]}-{i}", "x" * 1000)
    store.save()
"""


def test_concurrent_writers_leave_a_valid_file(tmp_path):
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(n)]) for n in range(4)]
    assert [p.wait(timeout=60) for p in procs] == [0, 0, 0, 0]
    data = json.loads((tmp_path / "ns" / "aa.json").read_text())
    assert isinstance(data, dict)
    assert data
    assert not [p for p in (tmp_path / "ns").iterdir() if p.name.endswith(".tmp")]
