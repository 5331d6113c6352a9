"""Reading files as users have them, and writing without ever losing one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

import trialbib.io.files as files
from paths import BAD, DATA
from trialbib.errors import InputError
from trialbib.io.files import read_text, write_text_atomic


@pytest.mark.parametrize("name", ["bom.bib", "crlf.bib", "cr.bib", "latin1-declared.bib"])
def test_unusual_files_are_read(name):
    text = read_text(DATA / "ok" / name)
    assert "Müller" in text
    assert "\r" not in text and not text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("invalid-utf8.bib", "invalid-utf8.bib:2:15: is not valid UTF-8 (byte 0xe9); save it as UTF-8"),
        ("utf16.bib", "utf16.bib: is UTF-16 encoded; save it as UTF-8"),
        ("nul.bib", "nul.bib:2: contains a NUL byte; it is not a text file"),
    ],
)
def test_undecodable_files_refused_with_place(name, expected):
    with pytest.raises(InputError) as info:
        read_text(BAD / name)
    assert str(info.value).endswith(expected) or expected in str(info.value)


def test_missing_directory_and_unreadable(tmp_path, monkeypatch):
    with pytest.raises(InputError, match="no such file; check the path"):
        read_text(tmp_path / "nope.bib")
    with pytest.raises(InputError, match="is a directory, not a file; name a file"):
        read_text(tmp_path)

    def denied(path: str, flags: int) -> int:
        raise PermissionError(13, "Permission denied")

    (tmp_path / "locked.bib").write_text("x")
    monkeypatch.setattr(files, "_open", denied)
    with pytest.raises(InputError, match="permission denied"):
        read_text(tmp_path / "locked.bib")


def test_unknown_declared_encoding(tmp_path):
    path = tmp_path / "x.bib"
    path.write_bytes(b"% Encoding: klingon\n@article{a, title={x}}\n")
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        read_text(path)


def test_atomic_write_replaces_and_keeps_backup(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text("old\n")
    saved = write_text_atomic(path, "new\n", backup=True)
    assert path.read_text() == "new\n"
    assert saved is not None and saved.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".refs.bib.lock", "refs.bib", "refs.bib~"]


def test_atomic_write_refuses_symlink_out_of_folder(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "target.bib").write_text("keep\n")
    inside = tmp_path / "inside"
    inside.mkdir()
    (inside / "link.bib").symlink_to(outside / "target.bib")
    with pytest.raises(InputError, match="symbolic link out of its folder"):
        write_text_atomic(inside / "link.bib", "new\n")
    assert (outside / "target.bib").read_text() == "keep\n"
    write_text_atomic(inside / "link.bib", "asked\n", follow_symlinks=True)
    assert (outside / "target.bib").read_text() == "asked\n"


KILLED_WRITER = """
import os, sys, time
import trialbib.io.files as files
def slow_fsync(fd):
    print("written", flush=True)
    time.sleep(30)
files.os.fsync = slow_fsync
files.write_text_atomic(sys.argv[1], "half-written data\\n" * 100000)
"""


def test_killed_writer_leaves_original_intact(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text("original\n")
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "written"  # the new text is on disk, not yet renamed
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    time.sleep(0.05)
    assert path.read_text() == "original\n"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "refs.bib"]
    assert all(name.startswith(".refs.bib.") and name.endswith(".tmp") for name in leftovers)
