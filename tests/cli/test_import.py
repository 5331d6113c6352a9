"""``trialbib import`` end to end: report, dry run, backup, overwrite, errors."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from paths import DATA, ROOT
from trialbib.cli import cli

ZOTERO = DATA / "interchange"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def bib(tmp_path):  # type: ignore[no-untyped-def]
    target = tmp_path / "references.bib"
    shutil.copy(ROOT / "references.bib", target)
    return target


def test_own_export_imports_as_unchanged(tmp_path, bib):
    exported = tmp_path / "refs.json"
    assert run("export", "--bib", str(bib), "--to", "csl-json", "-o", str(exported)).exit_code == 0
    result = run("import", str(exported), "--into", str(bib))
    assert result.exit_code == 0
    assert result.stdout == f"0 new, 0 updated, 0 conflict, 24 unchanged; {bib} unchanged\n"
    assert bib.read_bytes() == (ROOT / "references.bib").read_bytes()
    assert not (tmp_path / "references.bib~").exists()


@pytest.mark.parametrize("fmt", ["ris", "biblatex", "bibtex"])
def test_each_format_of_our_own_export_imports_cleanly(tmp_path, bib, fmt):
    exported = tmp_path / f"refs.{ {'ris': 'ris'}.get(fmt, 'bib') }"
    assert run("export", "--bib", str(bib), "--to", fmt, "-o", str(exported)).exit_code == 0
    result = run("import", str(exported), "--into", str(bib))
    assert result.exit_code == 0
    assert "0 new, 0 updated, 0 conflict, 24 unchanged" in result.stdout
    assert bib.read_bytes() == (ROOT / "references.bib").read_bytes()


def test_modified_zotero_export_dry_run_then_merge(tmp_path, bib):
    dry = run("import", str(ZOTERO / "zotero-modified.json"), "--into", str(bib), "--dry-run")
    assert dry.exit_code == 0
    out = dry.stdout.splitlines()
    assert out[0].startswith("updated   he2019efficacy [matched by DOI]: added issue, page, volume")
    assert out[1].startswith("conflict  miao2018shortterm")
    assert "+@article{klatzmann2015promise," in out
    assert "+  volume    = {79}," in out
    assert "1 new, 2 updated, 1 conflict, 2 unchanged (dry run: " in dry.stdout
    assert bib.read_bytes() == (ROOT / "references.bib").read_bytes()

    done = run("import", str(ZOTERO / "zotero-modified.json"), "--into", str(bib))
    assert done.exit_code == 0
    assert f"1 new, 2 updated, 1 conflict, 2 unchanged; wrote {bib}; the old file is {bib}~" in done.stdout
    assert "use --overwrite to take the imported values" in done.stdout
    assert (tmp_path / "references.bib~").read_bytes() == (ROOT / "references.bib").read_bytes()
    assert "primary Sjögren’s syndrome" in bib.read_text("utf-8")  # the conflict kept the file's value

    again = run("import", str(ZOTERO / "zotero-modified.json"), "--into", str(bib), "--overwrite")
    assert again.stdout.splitlines()[0] == (
        "updated   miao2018shortterm [matched by title, year and first author]: replaced title;"
        " trial links: table1 row 2: SS"
    )
    from trialbib.io.bibtex import read_bibtex

    assert read_bibtex(bib).get("miao2018shortterm")["title"].endswith("primary Sjögren's syndrome")
    assert "primary {Sjögren's} syndrome}," in bib.read_text("utf-8")  # replaced where it stood


def test_import_into_a_new_file(tmp_path):
    target = tmp_path / "new.bib"
    result = run("import", str(ZOTERO / "zotero-export.json"), "--into", str(target))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:5] == [
        "new       he2019efficacy: trial links: table1 row 1: SLE",
        "new       he2016lowdose: trial links: table1 row 1: SLE",
        "new       mizel1979revised",
        "new       miao2018shortterm: trial links: table1 row 2: SS",
        "new       an2019absolute: trial links: table1 row 3: AS",
    ]
    assert target.read_text("utf-8").count("@article{") == 5


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        pytest.param("[{", "bad.json", "bad.json:1: is not valid JSON", id="bad-json"),
        pytest.param("hello", "notes.txt", "notes.txt: is not BibTeX, CSL-JSON, CSL YAML or RIS", id="unknown-format"),
        pytest.param("@article{a, title={x}\n", "bad.bib", "bad.bib:1: unbalanced braces", id="bad-bib"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path, bib, content, name, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("import", str(path), "--into", str(bib))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"trialbib: error: {path.parent}/{message}") or message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert bib.read_bytes() == (ROOT / "references.bib").read_bytes()


def test_missing_file():
    result = run("import", "nowhere.json", "--into", "x.bib")
    assert result.exit_code == 2
    assert result.stderr == "trialbib: error: nowhere.json: no such file to import; check the path\n"
