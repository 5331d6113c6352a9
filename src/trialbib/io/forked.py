"""A list mapped on every core: forked workers, results back in order, the parent's own work as fallback.

Reading a large bibliography is mostly turning independent entries into items; with two cores
that part takes half the wall-clock time. The work is mapped in slices: the parent maps the
first, one forked child each of the others, which sends its results back through a pipe,
marshalled (results are plain data: dicts, lists, strings, numbers; marshal reads them back
four times faster than pickle). A child that fails (or a platform without ``fork``, or a
process with other threads, which a fork could leave holding a lock) costs nothing but time:
the parent maps that slice itself, so the result is always ``[func(x) for x in items]``.
"""

from __future__ import annotations

import marshal
import mmap
import os
import select
import struct
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def jobs(count: int, minimum: int) -> int:
    """How many processes to map ``count`` items with: 1 below ``minimum`` items, else the cores
    this process may use (``TRIALBIB_JOBS`` overrides; 1 turns forking off)."""
    if count < minimum or sys.platform == "win32" or not hasattr(os, "fork"):
        return 1
    wanted = os.environ.get("TRIALBIB_JOBS", "")
    if wanted.isdecimal() and int(wanted) > 0:
        return min(int(wanted), count)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, count))


def map_forked(func: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """``[func(x) for x in items]``, computed in ``workers`` processes when more than one."""
    if workers < 2 or threading.active_count() > 1:
        return [func(item) for item in items]
    size = -(-len(items) // workers)
    bounds = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
    children: list[tuple[int, int, tuple[int, int]]] = []
    for start, end in bounds[1:]:
        started = _start(func, items[start:end])
        if started is None:
            break
        children.append((*started, (start, end)))
    results = [func(item) for item in items[bounds[0][0] : bounds[0][1]]]
    for pid, fd, (start, end) in children:
        part: list[R] | None = _collect(pid, fd, end - start)
        results.extend(part if part is not None else [func(item) for item in items[start:end]])
    done = bounds[0][1] if not children else children[-1][2][1]
    results.extend(func(item) for item in items[done:])  # slices no child was started for
    return results


def start_call(func: Callable[[], R]) -> tuple[int, int] | None:
    """Fork a child computing ``func()`` (its value must be plain data); None when no child
    could be started (no ``fork``, other threads): then the caller computes it itself."""
    if sys.platform == "win32" or not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    return _start(lambda _: func(), [None])


def finish_call(started: tuple[int, int]) -> Any:
    """The value of a :func:`start_call` child, or None when it failed (the caller computes it)."""
    part: list[Any] | None = _collect(*started, 1)
    return None if part is None else part[0]


class Shares:
    """Pieces ``0..count-1`` shared out between this process, which takes them from the front,
    and one forked child, which takes them from the back: whoever is free takes the next, so
    both finish together whatever else the machine runs. Two counters in memory shared with the
    child, under a lock that is a byte in a pipe (taking it is reading it). With ``room``, the
    child may also :meth:`post` results there as it makes them, which this process takes
    (:meth:`received`) while it works: a pipe would hold the child up once full. Only the child
    posts (each process keeps its own place in the room)."""

    def __init__(self, count: int, room: int = 0):
        self._counters = mmap.mmap(-1, 24)  # anonymous and shared: a forked child sees the same bytes
        self._counters[:] = struct.pack("qqq", 0, count, 0)
        # What the child posts for this process (see post): shared pages, touched only as written.
        self._room = mmap.mmap(-1, room) if room > 0 else None
        self._posted = self._received = 0
        self._lock, self._unlock = os.pipe()
        os.write(self._unlock, b"x")
        self._waiting = select.poll()  # not select.select: it refuses descriptors from 1,024 on
        self._waiting.register(self._lock, select.POLLIN)

    def take(self, front: bool) -> int | None:
        """The next piece from the front (or the back), or None when none is left (or the lock
        was not free for LOCK_WAIT seconds: a child that died holding it)."""
        if not self._acquire():
            return None
        try:
            low, high = struct.unpack("qq", self._counters[:16])
            if low >= high:
                return None
            taken: int = low if front else high - 1
            self._counters[:16] = struct.pack("qq", low + front, high - (not front))
            return taken
        finally:
            self._release()

    def post(self, data: bytes) -> bool:
        """Leave ``data`` for the other process (the child's results as it makes them, so that
        they are not all sent and read at the end); False when there is no room for it."""
        room, start = self._room, self._posted
        end = start + 8 + len(data)
        if room is None or end > len(room) or not self._acquire():
            return False
        try:
            room[start : start + 8] = struct.pack("q", len(data))
            room[start + 8 : end] = data
            self._counters[16:] = struct.pack("q", end)  # under the lock: written, then announced
            self._posted = end
            return True
        finally:
            self._release()

    def received(self) -> list[bytes]:
        """What the other process posted since the last call, in the order posted."""
        if self._room is None or not self._acquire():
            return []
        try:
            (end,) = struct.unpack("q", self._counters[16:])
        finally:
            self._release()
        out, at = [], self._received
        while at < end:
            (size,) = struct.unpack("q", self._room[at : at + 8])
            out.append(self._room[at + 8 : at + 8 + size])
            at += 8 + size
        self._received = at
        return out

    def _acquire(self) -> bool:
        """Take the lock (a system call each way, so the shared bytes are seen as written)."""
        if not self._waiting.poll(LOCK_WAIT * 1000):
            return False
        os.read(self._lock, 1)
        return True

    def _release(self) -> None:
        os.write(self._unlock, b"x")

    def left(self) -> int:
        """How many pieces nobody has taken yet (read without the lock: a hint, not a promise)."""
        low, high = struct.unpack("qq", self._counters[:16])
        return max(0, int(high) - int(low))

    def close(self) -> None:
        os.close(self._lock)
        os.close(self._unlock)
        self._counters.close()
        if self._room is not None:
            self._room.close()


LOCK_WAIT = 10.0


def _start(func: Callable[[T], R], part: Sequence[T]) -> tuple[int, int] | None:
    """Fork a child mapping ``part``; its pid and the pipe its marshalled results come through."""
    try:
        read, write = os.pipe()
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:  # the child: map, send, and leave without running any of the parent's exit code
        status = 1
        try:
            os.close(read)
            data = marshal.dumps([func(item) for item in part])
            with os.fdopen(write, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _collect(pid: int, fd: int, count: int) -> list[R] | None:
    """The child's results, or None when it failed (then the parent maps its part)."""
    with os.fdopen(fd, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    if status != 0:
        return None
    try:
        results = marshal.loads(data)
    except (ValueError, EOFError, TypeError):  # a child that died while writing: its part is mapped again
        return None
    return results if isinstance(results, list) and len(results) == count else None
