"""No data lost: every command that writes a user's file does it atomically, keeps a backup when
it changes a file in place, and never follows a symbolic link out of the target's folder.

A failing write is simulated by making the final rename fail (``os.replace`` in
trialbib.io.files): a command that wrote its output in any other way would change the target.
The SIGKILL-mid-write test is in tests/io/test_files.py.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from paths import DATA, ROOT
from trialbib.cli import cli

OLD = "the user's old file\n"

# command -> (args writing to OUT, where the written file goes); OUT is replaced by the target name
WRITERS = {
    "export -o": ["export", "--bib", "refs.bib", "--to", "csl-json", "-o", "OUT"],
    "tables -o": ["tables", "--bib", "refs.bib", "--trials", "trials.yaml", "-o", "OUT"],
    "trials --export-csv": ["trials", "--bib", "refs.bib", "--trials", "trials.yaml", "--export-csv", "OUT"],
    "check -o": ["check", "--no-config", "refs.bib", "-o", "OUT"],
}
IN_PLACE = {
    "import --into": ["import", "new.json", "--into", "OUT"],
    "check --fix": ["check", "--no-config", "OUT", "--fix"],
}


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(ROOT / "references.bib", tmp_path / "refs.bib")
    shutil.copy(ROOT / "trials.yaml", tmp_path / "trials.yaml")
    (tmp_path / "new.json").write_text(
        '[{"id": "new2020", "type": "article-journal", "title": "A new one", "issued": {"date-parts": [[2020]]}}]\n',
        encoding="utf-8",
    )
    shutil.copy(DATA / "checks" / "fixable.bib", tmp_path / "fixable.bib")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def args_for(name: str, target: str) -> list[str]:
    return [target if a == "OUT" else a for a in {**WRITERS, **IN_PLACE}[name]]


def target_text(name: str, here: Path) -> str:
    """What the target holds before the run: an old file of its kind for in-place commands."""
    if name == "check --fix":
        return (here / "fixable.bib").read_text("utf-8")
    if name == "import --into":
        return (here / "refs.bib").read_text("utf-8")
    return OLD


def suffix(name: str) -> str:
    """In-place commands change a .bib file; the others write any file."""
    return ".bib" if name in IN_PLACE else ".txt"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("name", [*WRITERS, *IN_PLACE])
def test_a_successful_write_replaces_the_target(here, name):
    old = target_text(name, here)
    (here / f"out{suffix(name)}").write_text(old, encoding="utf-8")
    result = CliRunner().invoke(cli, args_for(name, f"out{suffix(name)}"))
    assert result.exit_code in (0, 1), result.output  # check exits 1 when it reports problems
    assert (here / f"out{suffix(name)}").read_text("utf-8") != old
    assert leftovers(here) == []
    if name in IN_PLACE:  # an in-place change keeps the old file as NAME~
        assert (here / f"out{suffix(name)}~").read_text("utf-8") == old
    else:
        assert not (here / f"out{suffix(name)}~").exists()


@pytest.mark.parametrize("name", [*WRITERS, *IN_PLACE])
def test_a_failing_write_leaves_the_original_intact(here, monkeypatch, name):
    import trialbib.io.files as files

    old = target_text(name, here)
    (here / f"out{suffix(name)}").write_text(old, encoding="utf-8")
    real_replace = os.replace

    def failing_replace(src: str, dst: str) -> None:
        if Path(dst).name == f"out{suffix(name)}":
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", failing_replace)
    result = CliRunner().invoke(cli, args_for(name, f"out{suffix(name)}"))
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[-1] == (
        f"trialbib: error: out{suffix(name)}: cannot be written (No space left on device); "
        "check the path and the free space"
    )
    assert (here / f"out{suffix(name)}").read_text("utf-8") == old
    assert leftovers(here) == []


@pytest.mark.parametrize("name", [*WRITERS, *IN_PLACE])
def test_a_write_never_follows_a_symlink_out_of_the_folder(here, name):
    outside = here / "elsewhere"
    outside.mkdir()
    old = target_text(name, here)
    (outside / "real.txt").write_text(old, encoding="utf-8")
    (here / f"link{suffix(name)}").symlink_to(outside / "real.txt")
    result = CliRunner().invoke(cli, args_for(name, f"link{suffix(name)}"))
    assert result.exit_code == 2, result.output
    assert result.stderr.endswith(
        f"link{suffix(name)}: is a symbolic link out of its folder; write to the real file or remove the link\n"
    )
    assert (outside / "real.txt").read_text("utf-8") == old
    assert (here / f"link{suffix(name)}").is_symlink()
    assert sorted(p.name for p in outside.iterdir()) == ["real.txt"]


def test_a_symlink_inside_the_folder_is_written_through(here):
    """A link to a file beside it is the user's own arrangement: the real file is updated."""
    (here / "real.json").write_text(OLD, encoding="utf-8")
    (here / "link.json").symlink_to(here / "real.json")
    result = CliRunner().invoke(cli, args_for("export -o", "link.json"))
    assert result.exit_code == 0, result.output
    assert (here / "link.json").is_symlink()
    assert (here / "real.json").read_text("utf-8").startswith("[")
