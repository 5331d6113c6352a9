"""A small on-disk cache of derived data (parsed entries, rendered entries).

Values are JSON, one file per namespace in the user's cache folder (``$TRIALBIB_CACHE_DIR``,
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

MAX_ENTRIES = 500_000


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
    """A namespace of the cache: a dict of hash -> JSON value, loaded once, saved once."""

    def __init__(self, namespace: str, directory: Path | None = None):
        self.path = (directory or cache_dir()) / f"{namespace}.json"
        self._data: dict[str, Any] | None = None
        self._dirty = False

    @property
    def data(self) -> dict[str, Any]:
        if self._data is None:
            self._data = self._load()
        return self._data

    def _load(self) -> dict[str, Any]:
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str) -> Any | None:
        return self.data.get(key)

    def put(self, key: str, value: Any) -> None:
        if self.data.get(key) != value:
            self.data[key] = value
            self._dirty = True

    def save(self, keep: set[str] | None = None) -> None:
        """Write the namespace if it changed; with ``keep``, drop every other key first."""
        data = self.data
        if keep is not None and len(data) > len(keep):
            data = {k: v for k, v in data.items() if k in keep}
            self._dirty = self._dirty or len(data) != len(self.data)
        if not self._dirty:
            return
        if len(data) > MAX_ENTRIES:
            data = dict(list(data.items())[-MAX_ENTRIES:])
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
                os.replace(tmp, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        self._dirty = False
