"""The hostile corpus: inputs an attacker (a pull request in CI) or a careless user would give.

Each case is a row of tests/data/hostile/EXPECTED.tsv and runs through the CLI in a copy of that
folder. What cannot be committed is made here: FIFOs, a socket, links (a hard link and a
symbolic link to an input, directory links that loop, a link out of the folder), files whose
names hold a line feed or start a workflow command, numbers of 5,000 digits and a chain of
5,000 macros. Every run must end (a FIFO would block a reader that does not check first),
without a traceback, with no raw control or bidi character and no line starting ``::``.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from paths import DATA
from trialbib.cli import cli

HOSTILE = DATA / "hostile"
PLACEHOLDERS = {"{NL}": "\n", "{CR}": "\r", "{TAB}": "\t"}
GENERATED = {
    "devnull", "out.fifo", "hardlink.bib", "samelink.bib", "stdout-dash", "stdout-dev", "stdout-csv", "nl-name",
    "nl-manuscript", "colon-name", "usage-newline", "fifo.bib", "fifo.csl", "fifo.yaml", "fifo.md", "fifo.txt",
    "fifo.json", "fifo.toml", "dev-zero", "dev-urandom", "socket.bib", "paper-loop", "paper", "chain-5000.csl",
    "chain-40.csl", "bigyear.bib", "bignum.json", "bignum.yaml", "etc-passwd", "cite-key", "dev-null-into",
    "null-link.txt", "fifo.docx", "samelink.md", "bomb.docx", "xxe.docx", "zipbomb.docx", "ris-bom-cr.ris",
    "dev-zero-docx", "out-dir",
}  # fmt: skip
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def cases() -> list[tuple[str, str, int, str, str]]:
    rows = []
    for line in (HOSTILE / "EXPECTED.tsv").read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip() or line.startswith("case\t"):
            continue
        case, command, code, expect, error = line.split("\t")
        rows.append((case, command, int(code), expect, error))
    return rows


CASES = cases()


def chain_style(length: int) -> str:
    """A style whose bibliography calls macro m0, which calls m1, ... down to the title."""
    macros = "".join(f'<macro name="m{i}"><text macro="m{i + 1}"/></macro>\n' for i in range(length))
    macros += f'<macro name="m{length}"><text variable="title"/></macro>\n'
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">\n'
        "<info><title>Chain</title><id>chain</id><updated>2020-01-01T00:00:00+00:00</updated></info>\n"
        f"{macros}"
        '<citation><layout><text variable="title"/></layout></citation>\n'
        '<bibliography><layout><text macro="m0"/></layout></bibliography>\n</style>\n'
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder, server = make_corpus(tmp_path_factory.mktemp("hostile"))
    yield folder
    server.close()


def make_corpus(top: Path) -> tuple[Path, socket.socket]:
    """A copy of the corpus in ``top/project``, with the generated cases; the socket's server."""
    folder = top / "project"
    shutil.copytree(HOSTILE, folder)
    (top / "secret.md").write_text("SECRET-KEY [@SECRET-KEY-2020]\n", encoding="utf-8")
    (top / "outside.bib").write_text((HOSTILE / "one.bib").read_text("utf-8"), encoding="utf-8")
    fifos = (
        "fifo.bib",
        "fifo.csl",
        "fifo.yaml",
        "fifo.md",
        "fifo.txt",
        "fifo.json",
        "fifo.toml",
        "fifo.docx",
        "out.fifo",
    )
    for name in fifos:
        os.mkfifo(folder / name)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(folder / "socket.bib"))
    os.link(folder / "one.bib", folder / "hardlink.bib")
    (folder / "samelink.bib").symlink_to("one.bib")
    (folder / "samelink.md").symlink_to("cites.md")
    (folder / "link-out.bib").symlink_to(top / "outside.bib")
    (folder / "null-link.txt").symlink_to("/dev/null")
    (folder / "nl\n::error::forged.md").write_text("See [@nokey2020].\n", encoding="utf-8")
    (folder / "::error title=forged::x.md").write_text("See [@nokey2020].\n", encoding="utf-8")
    loop = folder / "paper-loop"
    (loop / "sub").mkdir(parents=True)
    (loop / "a.md").write_text("A claim [@he2016lowdose].\n", encoding="utf-8")
    (loop / "sub" / "self").symlink_to("..")
    (loop / "sub" / "up").symlink_to("../..")
    (loop / "here").symlink_to(".")
    paper = folder / "paper"
    paper.mkdir()
    (paper / "a.md").write_text("A claim [@he2016lowdose].\n", encoding="utf-8")
    (paper / "leak.md").symlink_to(top / "secret.md")
    (paper / "outside").symlink_to(top)
    (folder / "chain-5000.csl").write_text(chain_style(5000), encoding="utf-8")
    (folder / "chain-40.csl").write_text(chain_style(40), encoding="utf-8")
    digits = "9" * 5000
    one = (HOSTILE / "one.bib").read_text("utf-8")
    (folder / "bigyear.bib").write_text(one.replace("2016", digits), encoding="utf-8")
    (folder / "bignum.json").write_text(f'[{{"id": "x", "type": "book", "volume": {digits}}}]\n', encoding="utf-8")
    (folder / "bignum.yaml").write_text(
        "table2:\n  records:\n    - disease: RA\n      year: 2016\n      type: single-center\n"
        f"      patients: {digits}\n      countries: [China]\n",
        encoding="utf-8",
    )
    (top / "secret.tex").write_text("SECRET-KEY\n", encoding="utf-8")
    (top / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\nSECRET-KEY")
    (folder / "link-out.png").symlink_to(top / "secret.png")
    (folder / "out-dir.md").mkdir()
    (folder / "ris-bom-cr.ris").write_bytes(
        b"\xef\xbb\xbfTY  - JOUR\rAU  - He, J.\rTI  - First\rPY  - 2016\rER  - \r\r"
        b"\xef\xbb\xbfTY  - BOOK\rTI  - Second\rPY  - 2017\rER  - \r"
    )
    make_docx_attacks(folder)
    return folder, server


def make_docx_attacks(folder: Path) -> None:
    """A .docx whose document declares a billion-laughs entity, one naming /etc/passwd as an
    external entity, and one with a part that unpacks to 65 MiB of spaces (a zip bomb)."""
    import io
    import zipfile

    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("A claim [@he2016lowdose].")
    document.save(buffer)
    source = zipfile.ZipFile(buffer)
    body = source.read("word/document.xml").decode("utf-8")
    start = body.index("?>") + 2
    laughs = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    variants = {
        "bomb.docx": body[:start]
        + f"<!DOCTYPE w:document [{laughs}]>"
        + body[start:].replace("A claim", "&i; A claim"),
        "xxe.docx": body[:start]
        + '<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + body[start:].replace("A claim", "&x; A claim"),
    }
    for name, xml in variants.items():
        with zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED) as out:
            for info in source.infolist():
                out.writestr(info.filename, xml if info.filename == "word/document.xml" else source.read(info))
    with zipfile.ZipFile(folder / "zipbomb.docx", "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, source.read(info))
        with out.open("word/padding.xml", "w") as part:
            for _ in range(65):
                part.write(b" " * (1 << 20))


def unplace(text: str) -> str:
    for name, char in PLACEHOLDERS.items():
        text = text.replace(name, char)
    return text


def run(folder: Path, command: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(folder)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    args = [unplace(arg) for arg in shlex.split(command)]
    return CliRunner().invoke(cli, args)


def test_every_case_is_listed_once_per_command_and_enough():
    on_disk = {p.name for p in HOSTILE.iterdir() if p.name != "EXPECTED.tsv"}
    named = {case for case, *_ in CASES}
    assert on_disk <= named, f"no case for {sorted(on_disk - named)}"
    assert named - on_disk == GENERATED
    assert len({(case, command) for case, command, *_ in CASES}) == len(CASES)
    assert len(CASES) >= 60


@pytest.mark.parametrize(
    ("case", "command", "code", "expect", "error"),
    [pytest.param(*c, id=f"{c[0]}:{c[1].split()[0]}:{i}") for i, c in enumerate(CASES)],
)
def test_hostile_input_gets_its_outcome(corpus, monkeypatch, case, command, code, expect, error):
    result = run(corpus, command, monkeypatch)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == code, result.output
    if expect == "error":
        assert result.stderr == f"trialbib: error: {error}\n"
        assert result.stdout == ""
    for part in expect.split(" ;; ") if expect != "error" else ():
        kind, _, text = part.partition(": ")
        text = unplace(text)
        if kind == "out":
            assert text in result.stdout
        elif kind == "err":
            assert text in result.stderr
        elif kind.startswith(("file ", "nofile ")):  # what a written file holds (or must not)
            written = (corpus / kind.split(" ", 1)[1]).read_text("utf-8")
            assert (text in written) == kind.startswith("file "), written
            assert_inert(written, github=False)
        else:
            assert kind == "no", part
            assert text not in result.stdout
            assert text not in result.stderr
    raw = RAW.findall(result.stderr + ("" if "csv" in command else result.stdout))
    assert raw == []
    assert_inert(result.stderr + result.stdout, github="--format github" in command, controls=False)


def assert_inert(text: str, github: bool, controls: bool = True) -> None:
    """No raw control or bidi character, and no line that starts a workflow command (``--format
    github`` prints its own) or holds ``##[``; a ``:::`` Markdown div fence is not a command."""
    assert not controls or RAW.findall(text) == []
    for line in text.splitlines():
        stripped = line.lstrip()
        command = stripped.startswith("::") and not stripped.startswith(":::")
        assert not command or (github and line.startswith(("::error ", "::warning ", "::notice ")))
        assert "##[" not in line


def test_no_write_went_through(corpus):
    """What the refused writes pointed at is as it was: the inputs, the FIFO, /dev/null."""
    for name in ("one.bib", "trials-inject.yaml", "cites.md"):
        assert (corpus / name).read_bytes() == (HOSTILE / name).read_bytes()
    assert stat.S_ISFIFO(os.stat(corpus / "out.fifo").st_mode)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not [p.name for p in corpus.iterdir() if p.name.endswith(("~", ".tmp", ".lock"))]
    assert not Path("/dev/.null.lock").exists()  # no lock file was made beside a device


_UTF8 = "save it as UTF-8 or declare its encoding in a '% Encoding: NAME' line"
STDIN_CASES = [
    pytest.param(
        b" " * (64 * 1024 * 1024 + 1), "-: is larger than 67,108,864 bytes; split it or name a file", id="huge"
    ),
    pytest.param(
        b"@article{a,\n title={x\x00},\n}\n",
        "-:2: contains a NUL byte; it is not a text file; save it as plain UTF-8 text",
        id="nul",
    ),
    pytest.param(b"@article{a,\n title={\xff},\n}\n", f"-:2:9: is not valid UTF-8 (byte 0xff); {_UTF8}", id="utf8"),
]


@pytest.mark.parametrize(("data", "error"), STDIN_CASES)
def test_standard_input_is_read_like_a_file(monkeypatch, tmp_path, data, error):
    """``cat /dev/zero | trialbib check -`` stops at the cap; bytes that are not text are refused."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "--no-config", "-"], input=data)
    assert (result.exit_code, result.stderr, result.stdout) == (2, f"trialbib: error: {error}\n", "")


def test_hostile_key_from_standard_input_stays_inert(monkeypatch, tmp_path):
    data = (HOSTILE / "keys-hostile.json").read_bytes()
    monkeypatch.chdir(tmp_path)
    for fmt in ("junit", "gitlab", "text", "errorformat"):
        result = CliRunner().invoke(cli, ["check", "--no-config", "-", "--format", fmt], input=data)
        assert result.exit_code == 1
        assert "KEY004" in result.stdout
        assert_inert(result.stdout + result.stderr, github=False)


def test_an_image_beside_the_manuscript_is_still_embedded(monkeypatch, tmp_path):
    """The image rule refuses files out of the manuscript's folder, not images in it."""
    import zipfile

    paper = tmp_path / "paper"
    paper.mkdir()
    shutil.copy(HOSTILE / "one.bib", paper / "one.bib")
    (paper / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (paper / "m.md").write_text("A claim [@he2016lowdose].\n\n![figure](figure.png)\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["format", "paper/m.md", "--bib", "paper/one.bib", "--style", "apa", "-o", "o.docx"]
    result = CliRunner().invoke(cli, args)
    assert (result.exit_code, result.stderr) == (0, "")
    assert any(name.startswith("word/media/") for name in zipfile.ZipFile(tmp_path / "o.docx").namelist())
