"""Every bad input of the corpus gets its exact one-line error; unusual but valid files are read.

The cases are in one file, tests/data/bad/EXPECTED.tsv (file, command, error). Each command runs
through the CLI in a copy of the corpus folder, so messages name files as a user typed them.
Three inputs are made here rather than committed: a 10 MB field, a directory where a file is
expected, and a file without read permission (simulated, as the tests may run as root).
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import trialbib.io.files as files
from paths import BAD, DATA
from trialbib.cli import cli

GENERATED = {"big-field.bib", "a-folder.bib", "unreadable.bib"}


def cases() -> list[tuple[str, str, str]]:
    rows = []
    for line in (BAD / "EXPECTED.tsv").read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("file\t"):
            continue
        name, command, error = line.split("\t")
        rows.append((name, command, error))
    return rows


CASES = cases()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    for path in BAD.iterdir():
        shutil.copy(path, folder / path.name)
    (folder / "big-field.bib").write_text(
        "@article{a,\n  title = {" + "x" * (10 * 1024 * 1024) + "},\n  year = {2020}}\n"
    )
    (folder / "a-folder.bib").mkdir()
    (folder / "unreadable.bib").write_text((BAD / "one.bib").read_text("utf-8"))
    (folder / "unreadable.bib").chmod(0)
    return folder


def run_in(folder: Path, command: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(folder)
    real_open = files._open  # noqa: SLF001  (the one os.open the readers go through, patched)

    def denied(path: str, flags: int) -> int:
        if Path(path).name == "unreadable.bib":
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags)

    monkeypatch.setattr(files, "_open", denied)
    return CliRunner().invoke(cli, shlex.split(command))


def test_every_corpus_file_has_a_case():
    named = {name for name, _, _ in CASES}
    on_disk = {p.name for p in BAD.iterdir() if p.name != "EXPECTED.tsv"}
    assert on_disk <= named, f"no case for {sorted(on_disk - named)}"
    assert named - on_disk == GENERATED
    assert len(CASES) >= 35


@pytest.mark.parametrize(
    ("name", "command", "error"), [pytest.param(*c, id=f"{c[0]}:{c[1].split()[0]}") for c in CASES]
)
def test_bad_input_gets_its_one_line_error(corpus, monkeypatch, name, command, error):
    result = run_in(corpus, command, monkeypatch)
    assert result.exit_code == 2, result.output
    assert result.stderr == f"trialbib: error: {error}\n"
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert name in error or "--locale" in command  # the error names the file it is about


def test_no_write_happened(corpus):
    """Refused imports and renders change nothing in the corpus (import ran with --dry-run too)."""
    for path in BAD.iterdir():
        assert (corpus / path.name).read_bytes() == path.read_bytes()
    assert not [p.name for p in corpus.iterdir() if p.name.endswith(("~", ".tmp"))]


@pytest.mark.parametrize("name", ["bom.bib", "crlf.bib", "cr.bib", "latin1-declared.bib"])
def test_unusual_but_valid_files_are_read(monkeypatch, name):
    monkeypatch.chdir(DATA / "ok")
    result = CliRunner().invoke(cli, ["render", "--bib", name])
    assert result.exit_code == 0, result.output
    assert result.stdout == "[1] Müller A. Fine[J]. J，2020.\n"
    assert result.stderr == ""
