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
    assert "\r" not in text
    assert not text.startswith("\ufeff")


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
    assert saved is not None
    assert saved.read_text() == "old\n"
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


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "pipe.bib")
    with pytest.raises(InputError) as info:
        read_text(tmp_path / "pipe.bib", "BibTeX file")  # would block forever if opened for reading
    assert str(info.value).endswith("pipe.bib: is a FIFO (named pipe), not a regular file; name a BibTeX file on disk")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_before_a_byte_is_read(device):
    with pytest.raises(InputError, match=f"^{device}: is a character device, not a regular file"):
        files.read_bytes(device, "CSL style")


def test_the_size_cap_is_counted_while_reading(tmp_path, monkeypatch):
    """st_size is 0 for devices and may lie for special files: the cap counts bytes read."""
    path = tmp_path / "big.bib"
    path.write_bytes(b"x" * (3 << 20))
    real_fstat = os.fstat
    monkeypatch.setattr(
        files.os, "fstat", lambda fd: os.stat_result((*tuple(real_fstat(fd))[:6], 0, *tuple(real_fstat(fd))[7:]))
    )
    with pytest.raises(InputError, match=r"big.bib: is larger than 2,097,152 bytes"):
        files.read_bytes(path, "BibTeX file", limit=2 << 20)
    assert len(files.read_bytes(path, "BibTeX file", limit=4 << 20)) == 3 << 20


@pytest.mark.parametrize(
    "encoding", ["rot13", "hex", "base64", "zlib", "uu", "bz2", "quopri", "punycode", "utf-7", "idna"]
)
def test_only_text_encodings_are_declared(tmp_path, encoding):
    path = tmp_path / "x.bib"
    path.write_bytes(f"% Encoding: {encoding}\n@misc{{a, title={{x}}}}\n".encode())
    with pytest.raises(InputError, match=f"declares '{encoding}', which is not a text encoding"):
        read_text(path)


def test_a_byte_order_mark_at_a_line_start_is_dropped(tmp_path):
    path = tmp_path / "joined.ris"
    path.write_bytes(b"\xef\xbb\xbfTY  - JOUR\nER  - \n\xef\xbb\xbfTY  - BOOK\nER  - \n")
    assert read_text(path) == "TY  - JOUR\nER  - \nTY  - BOOK\nER  - \n"


def test_a_number_too_long_for_int_is_refused_with_its_place(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\nb: " + "7" * 4301 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"x.yaml:2:4: has a number 4,301 digits long \(at most 4,300\)"):
        read_text(path)
    path.write_text("b: " + "7" * 4300 + "\n", encoding="utf-8")
    assert read_text(path).startswith("b: 777")


def test_globs_and_walks_do_not_follow_directory_links(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "paper" / "sub").mkdir(parents=True)
    (tmp_path / "paper" / "a.md").write_text("a")
    (tmp_path / "paper" / "sub" / "b.md").write_text("b")
    (tmp_path / "paper" / "sub" / "loop").symlink_to("..")
    (tmp_path / "secret.md").write_text("s")
    (tmp_path / "paper" / "leak.md").symlink_to(tmp_path / "secret.md")
    assert files.glob_files("paper/**/*.md") == ["paper/a.md", "paper/sub/b.md"]
    assert files.glob_files("paper/*.md") == ["paper/a.md"]
    assert files.walk_files("paper", (".md",)) == ["paper/a.md", "paper/sub/b.md"]
    assert files.glob_files("paper/a.md") == ["paper/a.md"]  # no wildcard: the path as given
