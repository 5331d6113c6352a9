"""Reading text files the way users have them, and writing them without ever losing one.

Reads are bounded: only regular files are read (a FIFO, device or socket could block forever
or never end), opened without blocking and checked with ``fstat`` before a byte is read, and
the size cap is counted while reading (``st_size`` is 0 for a device). Writes go through one
path: a temporary file renamed into place, never over something that is not a regular file,
never over an input of the same command, with the umask's mode for a new file and the old
mode for a replaced one. A file changed in place is locked while it is edited and refused if
it changed on disk since this thread read it.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import re
import stat
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from trialbib.errors import InputError, Location

_DECLARED = re.compile(rb"^%\s*encoding\s*:\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE | re.MULTILINE)

MAX_READ_BYTES = 64 * 1024 * 1024
"""The largest input file read (64 MiB; the largest real .bib seen is a few MB)."""
LOCK_TIMEOUT = 60.0
"""Seconds an in-place writer waits for another trialbib editing the same file."""
STDOUT_NAMES = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})
"""Output names that mean standard output (the caller prints instead of writing a file)."""

# Codecs that are not text encodings, or that hide markup in escapes (UTF-7, unicode_escape).
_NOT_TEXT = frozenset({"punycode", "idna", "utf-7", "unicode-escape", "raw-unicode-escape", "undefined"})

_FILE_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words, for an error message."""
    return _FILE_KINDS.get(stat.S_IFMT(mode), "not a regular file")


@dataclass(frozen=True)
class Fingerprint:
    """What a file held when it was read: enough to notice any later change."""

    size: int
    digest: str


_seen = threading.local()


def _read_registry() -> dict[str, Fingerprint]:
    registry = getattr(_seen, "files", None)
    if registry is None:
        registry = _seen.files = {}
    return registry


def _key(path: str | os.PathLike[str]) -> str:
    return os.path.realpath(path)


def _fingerprint(data: bytes) -> Fingerprint:
    return Fingerprint(len(data), hashlib.sha256(data).hexdigest())


def read_bytes(path: str | os.PathLike[str], what: str = "file", limit: int = MAX_READ_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit``; a one-line InputError otherwise."""
    where = Location(file=str(path))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = _open(os.fspath(path), flags)
    except FileNotFoundError:
        raise InputError(f"no such {what}", where, "check the path") from None
    except IsADirectoryError:
        raise InputError(f"is a directory, not a {what}", where, "name a file") from None
    except PermissionError:
        raise InputError("cannot be read (permission denied)", where, "check its permissions") from None
    except OSError as exc:  # ENXIO: a socket; ELOOP: a symlink loop
        with contextlib.suppress(OSError):
            mode = os.stat(path).st_mode
            if not stat.S_ISREG(mode):
                raise InputError(f"is {file_kind(mode)}, not a regular file", where, f"name a {what} on disk") from None
        raise InputError(f"cannot be read ({exc.strerror})", where, "name a regular file") from None
    try:
        status = os.fstat(fd)
        mode = status.st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"is a directory, not a {what}", where, "name a file")
        if not stat.S_ISREG(mode):
            raise InputError(f"is {file_kind(mode)}, not a regular file", where, f"name a {what} on disk")
        chunks: list[bytes] = []
        total = 0
        size = min(max(status.st_size + 1, 1 << 20), limit + 1)  # the whole file in one read, as a rule
        while True:
            try:
                chunk = os.read(fd, size)
            except OSError as exc:
                raise InputError(f"cannot be read ({exc.strerror})", where, "check the file") from None
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise InputError(f"is larger than {limit:,} bytes", where, f"split it or name the right {what}")
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


_open = os.open  # one seam, so tests can simulate a file without read permission as root


def read_text(path: str | os.PathLike[str], what: str = "file", limit: int = MAX_READ_BYTES) -> str:
    """The text of ``path`` with line ends as ``\\n``; a one-line InputError if it cannot be read.

    UTF-8 (with or without a BOM) is read, as is any text encoding declared JabRef-style on a
    ``% Encoding: NAME`` line; other bytes that are not UTF-8 are refused with the place. What
    was read is remembered (per thread), so that an in-place write can tell if the file changed.
    """
    data = read_bytes(path, what, limit)
    hashing = _Hashing(data) if len(data) >= HASH_BESIDE else None
    try:
        return decode(data, str(path))
    finally:
        _read_registry()[_key(path)] = hashing.result() if hashing else _fingerprint(data)


# From this size a file's digest is worked out on a thread while its text is decoded (hashlib
# lets other threads run while it hashes): ~4 ms of a 5 MB read.
HASH_BESIDE = 1 << 20


class _Hashing:
    def __init__(self, data: bytes):
        self._data = data
        self._result: Fingerprint | None = None
        self._thread = threading.Thread(target=self._run, name="trialbib-hash", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self._result = _fingerprint(self._data)

    def result(self) -> Fingerprint:
        self._thread.join()
        return self._result or _fingerprint(self._data)  # (the thread failed: here, then)


def read_stdin(name: str = "-", limit: int = MAX_READ_BYTES) -> str:
    """Standard input as text, bounded and checked like a file (``cat /dev/zero | trialbib check -``
    stops at the cap instead of filling memory; NUL bytes and bytes that are not text are refused)."""
    import sys

    stream = getattr(sys.stdin, "buffer", None)
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(1 << 20) if stream is not None else sys.stdin.read(1 << 18).encode("utf-8")
        if not chunk:
            break
        total += len(chunk)
        if total > limit:
            raise InputError(f"is larger than {limit:,} bytes", Location(file=name), "split it or name a file")
        chunks.append(chunk)
    return decode(b"".join(chunks), name)


def decode(data: bytes, name: str) -> str:
    """Decode file bytes to text, refusing what is not text with the line where it stops."""
    where = Location(file=name)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError("is UTF-16 encoded", where, "save it as UTF-8")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(
            "contains a NUL byte; it is not a text file",
            Location(file=name, line=line),
            "save it as plain UTF-8 text",
        )
    declared = _DECLARED.search(data[:4096])
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"declares an unknown encoding {encoding!r}", where, "declare UTF-8 or fix the name") from None
    canonical = info.name.replace("_", "-")
    if (
        not getattr(info, "_is_text_encoding", True)
        or canonical in _NOT_TEXT
        or canonical.startswith(("utf-16", "utf-32"))
    ):
        raise InputError(f"declares {encoding!r}, which is not a text encoding", where, "declare UTF-8 or remove it")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"is not valid {encoding.upper()} (byte 0x{data[exc.start]:02x})",
            Location(file=name, line=line, column=column),
            "save it as UTF-8 or declare its encoding in a '% Encoding: NAME' line",
        ) from None
    plain = canonical == "utf-8"  # its bytes tell what the text holds; a scan of the text is slower
    if not plain or b"\r" in data:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if (
        not plain or codecs.BOM_UTF8 in data
    ) and "\ufeff" in text:  # a BOM at a line start: two exports joined with cat
        text = text.replace("\n\ufeff", "\n")
    _refuse_huge_numbers(text, name)
    return text


MAX_DIGITS = 4300
"""The longest run of digits read: Python's own limit for ``int(str)`` (``sys.get_int_max_str_digits``)."""
_DIGITS = re.compile(r"\d*")


def _refuse_huge_numbers(text: str, name: str) -> None:
    """A number too long for ``int()`` is refused here, once for every reader (YAML, JSON, .bib).

    A run of more than MAX_DIGITS digits covers a multiple of MAX_DIGITS, so only those places
    are looked at (a few hundred in a large file), and a run is measured only where one starts.
    """
    for i in range(0, len(text), MAX_DIGITS):
        if not text[i].isdecimal():
            continue
        back = _DIGITS.match(text[max(0, i - MAX_DIGITS - 1) : i][::-1])
        start = i - (back.end() if back else 0)
        forward = _DIGITS.match(text, i)
        end = forward.end() if forward else i
        if end - start <= MAX_DIGITS:
            continue
        line = text.count("\n", 0, start) + 1
        raise InputError(
            f"has a number {_run_length(text, start):,} digits long (at most {MAX_DIGITS:,})",
            Location(file=name, line=line, column=start - (text.rfind("\n", 0, start) + 1) + 1),
            "shorten it",
        )


def _run_length(text: str, start: int) -> int:
    match = _DIGITS.match(text, start)
    return match.end() - start if match else 0


def is_stdout(path: str | os.PathLike[str] | None) -> bool:
    """True when an output name means standard output (``-``, ``/dev/stdout``)."""
    return path is not None and os.fspath(path) in STDOUT_NAMES


_locks: dict[str, object] = {}
_locks_guard = threading.Lock()


def lock_path(path: str | os.PathLike[str]) -> Path:
    """The lock file of ``path``: ``.NAME.lock`` in its folder, named after the real file."""
    return Path(path).parent.resolve() / f".{Path(_key(path)).name}.lock"


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the edit lock of ``path`` (re-entrant in a thread; exclusive across threads and processes)."""
    from filelock import FileLock, Timeout

    _refuse_target(Path(_key(path)), Location(file=str(path)), (), "name a regular file")  # no lock beside /dev/null
    key = _key(path)
    with _locks_guard:
        lock = _locks.get(key)
        if lock is None:
            lock = _locks[key] = FileLock(str(lock_path(path)), timeout=timeout)
    assert isinstance(lock, FileLock)
    try:
        lock.acquire()
    except Timeout:
        raise InputError(
            f"is being changed by another trialbib (lock {lock_path(path).name} held for {timeout:.0f} s)",
            Location(file=str(path)),
            "wait for it to finish, or remove the lock file if no trialbib is running",
        ) from None
    except OSError as exc:
        raise InputError(f"cannot be locked ({exc.strerror})", Location(file=str(path)), "check the folder") from None
    try:
        yield
    finally:
        lock.release()


def write_text_atomic(
    path: str | os.PathLike[str],
    text: str,
    *,
    backup: bool = False,
    follow_symlinks: bool = False,
    inputs: Iterable[str | os.PathLike[str] | None] = (),
) -> Path | None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) safely: see :func:`write_bytes_atomic`."""
    return write_bytes_atomic(path, text.encode("utf-8"), backup=backup, follow_symlinks=follow_symlinks, inputs=inputs)


def write_bytes_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    backup: bool = False,
    follow_symlinks: bool = False,
    inputs: Iterable[str | os.PathLike[str] | None] = (),
) -> Path | None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place.

    An interrupted write leaves the old file whole. A target that exists but is not a regular
    file (``/dev/null``, a FIFO) is refused, as is one that is the same file as any of
    ``inputs``. ``backup`` marks an in-place edit: the file is locked, refused if it changed
    since this thread read it, and the old file is kept as ``NAME~`` (its path returned). A
    symlink target is replaced as a file, never followed out of its folder, unless
    ``follow_symlinks``.
    """
    where = Location(file=str(path))
    if is_stdout(path):
        raise InputError("names standard output, not a file", where, "print the text instead")
    target = Path(path)
    if follow_symlinks and target.is_symlink():
        target = target.resolve()
    elif target.is_symlink():
        real = target.resolve()
        if real.parent != target.parent.resolve():
            raise InputError(
                "is a symbolic link out of its folder",
                Location(file=str(path)),
                "write to the real file or remove the link",
            )
        target = real
    folder = target.parent if str(target.parent) else Path(".")
    _refuse_target(target, where, inputs)
    if not folder.is_dir():
        raise InputError(f"cannot be written: no folder {str(folder)!r}", where, "create the folder or fix the path")
    try:
        if backup:
            with locked(target):
                _refuse_changed(target, where)
                saved = _write(target, folder, data, backup)
        else:
            saved = _write(target, folder, data, backup)
    except PermissionError:
        raise InputError("cannot be written (permission denied)", where, "check the folder's permissions") from None
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror})", where, "check the path and the free space") from None
    _read_registry()[_key(target)] = _fingerprint(data)
    return saved


def _refuse_target(
    target: Path,
    where: Location,
    inputs: Iterable[str | os.PathLike[str] | None],
    hint: str = "name a file, or '-' for standard output",
) -> None:
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return  # a new file
    if stat.S_ISDIR(mode):
        raise InputError("is a directory; cannot write a file there", where, "name a file")
    if not stat.S_ISREG(mode):
        raise InputError(
            f"is {file_kind(mode)}, not a regular file; trialbib replaces only regular files",
            where,
            hint,
        )
    for named in inputs:
        if named is None or is_stdout(named):
            continue
        with contextlib.suppress(OSError):
            if os.path.samefile(target, named):
                raise InputError(
                    f"is also an input of this command ({named}); writing would destroy it",
                    where,
                    "write to another file",
                )


def _refuse_changed(target: Path, where: Location) -> None:
    seen = _read_registry().get(_key(target))
    if seen is None:
        return
    try:
        now = _fingerprint(target.read_bytes())
    except FileNotFoundError:
        now = None
    if now != seen:
        raise InputError(
            "changed on disk since trialbib read it; nothing was written",
            where,
            "run the command again",
        )


def current_umask() -> int:
    """The process umask, read without changing it where Linux allows (``/proc/self/status``)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    with _locks_guard:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _write(target: Path, folder: Path, data: bytes, backup: bool) -> Path | None:
    saved: Path | None = None
    try:
        old_mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        old_mode = None
    mode = old_mode if old_mode is not None else 0o666 & ~current_umask()
    if backup and old_mode is not None:
        saved = target.with_name(target.name + "~")
        with open(target, "rb") as old, _atomic_handle(saved, mode=mode) as out:
            out.write(old.read())
    import tempfile  # here: it imports shutil and random, which reading a file does not need

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            _chmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return saved


def _chmod(fd: int, mode: int) -> None:
    if hasattr(os, "fchmod"):  # POSIX; Windows keeps its own permissions
        os.fchmod(fd, mode)


@contextlib.contextmanager
def _atomic_handle(path: Path, binary: bool = True, mode: int | None = None) -> Iterator[BinaryIO]:
    """A binary handle on a temporary file renamed to ``path`` when closed (``mode``: the new
    file's permissions, default from the umask); prefer :func:`write_bytes_atomic`."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            _chmod(handle.fileno(), 0o666 & ~current_umask() if mode is None else mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def walk_files(folder: str | os.PathLike[str], suffixes: Iterable[str] | None = None, hidden: bool = True) -> list[str]:
    """Files under ``folder``, sorted, without following a directory link (no loops) and without
    files whose real path lies outside ``folder`` (a link out of a pull request's tree); without
    ``hidden``, names starting with ``.`` are skipped, as glob does."""
    root = os.path.realpath(folder)
    wanted = tuple(s.lower() for s in suffixes) if suffixes is not None else None
    found: list[str] = []
    for here, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if hidden or not d.startswith("."))
        for name in names:
            if not hidden and name.startswith("."):
                continue
            path = os.path.join(here, name)
            if wanted is not None and not name.lower().endswith(wanted):
                continue
            if _inside(os.path.realpath(path), root) and os.path.isfile(path):
                found.append(path)
    return sorted(found)


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def glob_files(pattern: str) -> list[str]:
    """Paths matching ``pattern`` (``*``, ``?``, ``[...]``, and ``**`` for any folders), like
    ``glob.glob(recursive=True)`` but without following directory links, so a link loop cannot
    make it hang, and without files whose real path leaves the pattern's fixed folder."""
    import glob

    if not glob.has_magic(pattern):
        return [pattern]
    parts = Path(pattern).parts
    first = next(i for i, p in enumerate(parts) if glob.has_magic(p))
    base = str(Path(*parts[:first])) if first else "."
    rest = parts[first:]
    if not os.path.isdir(base):
        return []
    found = []
    for path in walk_files(base, hidden=any(part.startswith(".") for part in rest)):
        relative = Path(os.path.relpath(path, base)).parts
        if _match(relative, rest):
            found.append(os.path.normpath(path))
    return sorted(found)


def _match(parts: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Segment-wise glob match; ``**`` takes zero or more segments (iteratively, no recursion)."""
    import fnmatch

    states = {0}
    for part in parts:
        following: set[int] = set()
        for i in _closure(states, pattern):
            if i < len(pattern):
                if pattern[i] == "**":
                    following.add(i)
                elif fnmatch.fnmatchcase(part, pattern[i]) and (pattern[i].startswith(".") or not part.startswith(".")):
                    following.add(i + 1)
        states = following
        if not states:
            return False
    return len(pattern) in _closure(states, pattern)


def _closure(states: set[int], pattern: tuple[str, ...]) -> set[int]:
    result = set(states)
    for i in sorted(states):
        while i < len(pattern) and pattern[i] == "**":
            i += 1
            result.add(i)
    return result


def yaml_loader(base: Any = None) -> Any:
    """A yaml loader class (``SafeLoader`` by default: no tags) that refuses aliases (``*name``).

    Bibliographies, trials and front matter need none, and a chain of them ("billion laughs")
    takes a few hundred bytes to expand to gigabytes. Refused while composing, before any
    expansion, with the alias's line (a ``yaml.YAMLError``, reported as the reader reports syntax).
    """
    import yaml

    class NoAliasLoader(base or yaml.SafeLoader):  # type: ignore[misc,valid-type,unused-ignore]
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                raise yaml.composer.ComposerError(
                    None, None, f"uses the alias *{event.anchor}; write the value out", event.start_mark
                )
            return super().compose_node(parent, index)

    return NoAliasLoader


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(data: Any) -> str | None:
    """The first lone surrogate (``"\\ud800"`` in JSON or YAML, half of a broken pair) in the
    strings of loaded ``data``, shown as an escape; None if there is none. Such a string cannot be
    written as UTF-8, so every writer would fail on it: readers refuse it instead."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            found = _SURROGATE.search(value)
            if found:
                return f"\\u{ord(found.group(0)):04x}"
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list | tuple):
            stack.extend(value)
    return None
