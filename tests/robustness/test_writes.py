"""No data lost: every command that writes a user's file does it atomically, keeps a backup when
it changes a file in place, and never follows a symbolic link out of the target's folder.

A failing write is simulated by making the final rename fail (``os.replace`` in
trialbib.io.files): a command that wrote its output in any other way would change the target.
The SIGKILL-mid-write test is in tests/io/test_files.py.
"""

from __future__ import annotations

import os
import shutil
import stat
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


# -- one output path: what a write may replace, with which mode --------------------------------


@pytest.mark.parametrize("name", [*WRITERS])
def test_dash_and_dev_stdout_print(here, name):
    for target in ("-", "/dev/stdout"):
        result = CliRunner().invoke(cli, args_for(name, target))
        assert result.exit_code in (0, 1), result.output
        assert result.stdout.strip()
    assert not (here / "-").exists()


@pytest.mark.parametrize("name", [*WRITERS])
def test_a_fifo_target_is_refused_and_stays_a_fifo(here, name):
    os.mkfifo(here / "out.fifo")
    result = CliRunner().invoke(cli, args_for(name, "out.fifo"))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (  # export warns first about what RIS or CSL-JSON cannot hold
        "trialbib: error: out.fifo: is a FIFO (named pipe), not a regular file; trialbib replaces only regular files; "
        "name a file, or '-' for standard output"
    )
    assert stat.S_ISFIFO(os.stat(here / "out.fifo").st_mode)


def test_a_character_device_target_is_refused(here, monkeypatch):
    """A device node cannot be made without root; its stat is, and it is what the write checks."""
    import trialbib.io.files as files

    real_stat = os.stat

    def device(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        result = real_stat(path, *args, **kwargs)
        if Path(path).name == "tty.txt":
            return os.stat_result((stat.S_IFCHR | 0o666, *tuple(result)[1:]))
        return result

    (here / "tty.txt").write_text(OLD, encoding="utf-8")
    monkeypatch.setattr(files.os, "stat", device)
    result = CliRunner().invoke(cli, args_for("export -o", "tty.txt"))
    assert result.exit_code == 2
    assert "tty.txt: is a character device, not a regular file" in result.stderr
    assert (here / "tty.txt").read_text("utf-8") == OLD


def test_dev_null_stays_a_character_device(here):
    """As root (usual in CI) a rename over /dev/null would replace the system's null device."""
    result = CliRunner().invoke(cli, ["check", "--no-config", "refs.bib", "-o", "/dev/null"])
    assert result.exit_code == 2
    assert result.stderr.startswith("trialbib: error: /dev/null: is a character device, not a regular file")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("name", [*WRITERS])
def test_a_new_file_gets_the_umask_mode(here, name):
    old = os.umask(0o027)
    try:
        result = CliRunner().invoke(cli, args_for(name, "new.txt"))
    finally:
        os.umask(old)
    assert result.exit_code in (0, 1), result.output
    assert stat.S_IMODE(os.stat(here / "new.txt").st_mode) == 0o640


@pytest.mark.parametrize("name", [*WRITERS, *IN_PLACE])
def test_a_replaced_file_and_its_backup_keep_their_mode(here, name):
    target = here / f"out{suffix(name)}"
    target.write_text(target_text(name, here), encoding="utf-8")
    target.chmod(0o664)
    result = CliRunner().invoke(cli, args_for(name, target.name))
    assert result.exit_code in (0, 1), result.output
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o664
    if name in IN_PLACE:
        assert stat.S_IMODE(os.stat(f"{target}~").st_mode) == 0o664


@pytest.mark.parametrize("padding", [0, 1 << 21], ids=["small", "large"])  # a large file is hashed on a thread
def test_an_in_place_write_is_refused_if_the_file_changed_since_it_was_read(tmp_path, padding):
    from trialbib.errors import InputError
    from trialbib.io.files import read_text, write_text_atomic

    path = tmp_path / "refs.bib"
    first = "@misc{a}\n" + "%" * padding + "\n"
    path.write_text(first, encoding="utf-8")
    assert read_text(path) == first
    path.write_text(first.replace("{a}", "{b}"), encoding="utf-8")  # someone else's edit, the same size
    with pytest.raises(InputError) as info:
        write_text_atomic(path, "@misc{a, title={x}}\n", backup=True)
    assert str(info.value) == (
        f"{path}: changed on disk since trialbib read it; nothing was written; run the command again"
    )
    assert path.read_text("utf-8") == first.replace("{a}", "{b}")
    read_text(path)
    write_text_atomic(path, "@misc{a, title={x}}\n", backup=True)  # read again: written
    assert path.read_text("utf-8") == "@misc{a, title={x}}\n"


def test_check_fix_refuses_a_file_changed_while_it_ran(here, monkeypatch):
    """`check --fix` reads, checks, then writes: an edit in between is not overwritten."""
    import trialbib.checks.engine as engine

    real_run = engine.run_checks

    def edit_meanwhile(config, ctx):  # type: ignore[no-untyped-def]
        report = real_run(config, ctx)
        (here / "fixable.bib").write_text(ctx.bib_text + "\n% an edit made meanwhile\n", encoding="utf-8")
        return report

    monkeypatch.setattr(engine, "run_checks", edit_meanwhile)
    before = (here / "fixable.bib").read_text("utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-config", "fixable.bib", "--fix"])
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "trialbib: error: fixable.bib: changed on disk since trialbib read it; nothing was written; "
        "run the command again\n"
    )
    assert (here / "fixable.bib").read_text("utf-8") == before + "\n% an edit made meanwhile\n"
