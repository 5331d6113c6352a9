"""A small on-disk cache of derived data (rendered entries, sort keys).

Values are JSON, in a folder per namespace in the user's cache folder (``$TRIALBIB_CACHE_DIR``,
else ``$XDG_CACHE_HOME/trialbib``, else ``~/.cache/trialbib``; written by hand rather than
with platformdirs, to avoid a dependency for one path). JSON rather than pickle, so that a
cache file can never run code. Writes are atomic renames, so concurrent runs never see half a
file (the last writer wins, which a cache may); a file that does not parse is ignored and
rebuilt. Keys are content hashes, so a stale entry is never returned, only unused.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

MAX_ENTRIES = 100_000  # per shard


def cache_dir() -> Path:
    """The folder trialbib caches in."""
    env = os.environ.get("TRIALBIB_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "trialbib"


def enabled() -> bool:
    """False when ``TRIALBIB_NO_CACHE`` is set (to anything but empty)."""
    return not os.environ.get("TRIALBIB_NO_CACHE")


def digest(*parts: Any) -> str:
    """A stable hash of JSON-able parts (dict key order does not matter)."""
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class Store:
    """A namespace of the cache: hash -> JSON value, in shards by the key's first two characters.

    A shard is read when a key in it is first asked for and rewritten only when one of its keys
    changed, so a re-render after one edit rewrites one small file, not the whole cache.
    """

    def __init__(self, namespace: str, directory: Path | None = None):
        self.folder = (directory or cache_dir()) / namespace
        self._shards: dict[str, dict[str, Any]] = {}
        self._dirty: set[str] = set()

    def _shard(self, key: str) -> dict[str, Any]:
        name = key[:2]
        shard = self._shards.get(name)
        if shard is None:
            shard = self._shards[name] = self._load(self.folder / f"{name}.json")
        return shard

    @staticmethod
    def _load(path: Path) -> dict[str, Any]:
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.loads(handle.read())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str) -> Any | None:
        return self._shard(key).get(key)

    def put(self, key: str, value: Any) -> None:
        shard = self._shard(key)
        if shard.get(key) != value:
            shard[key] = value
            self._dirty.add(key[:2])

    def save(self, keep: set[str] | None = None) -> None:
        """Write the shards that changed; with ``keep``, drop their other keys (stale entries)."""
        for name in sorted(self._dirty):
            shard = self._shards[name]
            if keep is not None:
                shard = {k: v for k, v in shard.items() if k in keep}
            if len(shard) > MAX_ENTRIES:
                shard = dict(list(shard.items())[-MAX_ENTRIES:])
            self._write(self.folder / f"{name}.json", shard)
        self._dirty.clear()

    def _write(self, path: Path, data: dict[str, Any]) -> None:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))  # C encoder
                os.replace(tmp, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
