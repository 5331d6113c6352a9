"""Reading text files the way users have them, and writing them without ever losing one."""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import tempfile
from pathlib import Path

from trialbib.errors import InputError, Location

_DECLARED = re.compile(rb"^%\s*encoding\s*:\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE | re.MULTILINE)


def read_text(path: str | os.PathLike[str], what: str = "file") -> str:
    """The text of ``path`` with line ends as ``\\n``; a one-line InputError if it cannot be read.

    UTF-8 (with or without a BOM) is read, as is any encoding declared JabRef-style on a
    ``% Encoding: NAME`` line; other bytes that are not UTF-8 are refused with the place.
    """
    p = Path(path)
    where = Location(file=str(path))
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such {what}", where, "check the path") from None
    except IsADirectoryError:
        raise InputError(f"is a directory, not a {what}", where, "name a file") from None
    except PermissionError:
        raise InputError("cannot be read (permission denied)", where, "check its permissions") from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror})", where, "check the path") from None
    return decode(data, str(path))


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
        codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"declares an unknown encoding {encoding!r}", where, "declare UTF-8 or fix the name") from None
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
    return text.replace("\r\n", "\n").replace("\r", "\n")


def write_text_atomic(
    path: str | os.PathLike[str], text: str, *, backup: bool = False, follow_symlinks: bool = False
) -> Path | None:
    """Write ``text`` to a temporary file beside ``path`` and rename it into place.

    An interrupted write leaves the old file whole. With ``backup`` the old file is kept as
    ``NAME~`` first, and its path returned. A symlink target is replaced as a file, never
    followed out of its folder, unless ``follow_symlinks``.
    """
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
    where = Location(file=str(path))
    if target.is_dir():
        raise InputError("is a directory; cannot write a file there", where, "name a file")
    if not folder.is_dir():
        raise InputError(f"cannot be written: no folder {str(folder)!r}", where, "create the folder or fix the path")
    try:
        return _write(target, folder, text, backup)
    except PermissionError:
        raise InputError("cannot be written (permission denied)", where, "check the folder's permissions") from None
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror})", where, "check the path and the free space") from None


def _write(target: Path, folder: Path, text: str, backup: bool) -> Path | None:
    saved: Path | None = None
    if backup and target.exists():
        saved = target.with_name(target.name + "~")
        with open(target, "rb") as old, _atomic_handle(saved, binary=True) as out:
            out.write(old.read())
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return saved


@contextlib.contextmanager
def _atomic_handle(path: Path, binary: bool = False):
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb" if binary else "w") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
