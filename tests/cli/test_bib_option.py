"""``--bib`` in every command that reads a bibliography: any format, repeatable, merged."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from paths import ROOT
from trialbib.cli import cli


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def exports(tmp_path_factory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("exports")
    paths = {}
    for fmt, name in (("csl-json", "refs.json"), ("ris", "refs.ris"), ("biblatex", "refs.bib")):
        paths[fmt] = folder / name
        result = run("export", "--bib", str(ROOT / "references.bib"), "--to", fmt, "-o", str(paths[fmt]))
        assert result.exit_code == 0
    return paths


@pytest.mark.parametrize("fmt", ["csl-json", "ris", "biblatex"])
@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["render", "--style", "vancouver"], id="render"),
        pytest.param(["cite", "he2019efficacy", "--style", "vancouver"], id="cite"),
        pytest.param(["export", "--to", "csl-json"], id="export"),
        pytest.param(["check", "--select", "KEY002"], id="check"),
    ],
)
def test_every_command_reads_every_format(exports, fmt, command):
    result = run(*command, "--bib", str(exports[fmt]))
    assert result.exit_code == 0, result.output
    assert result.stdout or command[0] == "check"


def test_render_of_own_csljson_export_equals_render_of_the_bib(exports):
    direct = run("render", "--style", "vancouver", "--bib", str(ROOT / "references.bib"))
    again = run("render", "--style", "vancouver", "--bib", str(exports["csl-json"]))
    assert again.stdout == direct.stdout


def test_repeated_bib_merges_and_a_shared_key_is_reported(tmp_path, exports):
    extra = tmp_path / "extra.bib"
    extra.write_text("@book{extra2020, title = {An Extra Book}, author = {Roe, Ann}, year = {2020}}\n")
    result = run("cite", "extra2020", "he2019efficacy", "--style", "vancouver",
                 "--bib", str(ROOT / "references.bib"), "--bib", str(extra))  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout.strip() == "(1,25)"  # the extra entry is number 25, after the 24 of the first file
    clash = run("render", "--bib", str(ROOT / "references.bib"), "--bib", str(exports["csl-json"]))
    assert clash.exit_code == 0  # as bibtex and biber: reported on stderr, the first definition used
    assert "duplicate key 'he2019efficacy' (first in " in clash.stderr
    strict = run("render", "--strict", "--bib", str(ROOT / "references.bib"), "--bib", str(exports["csl-json"]))
    assert strict.exit_code == 2
    assert "duplicate key 'he2019efficacy' (first in " in strict.stderr


def test_check_reports_a_key_shared_by_two_bibliographies(exports):
    result = run("check", "--select", "KEY002", "--format", "text",
                 "--bib", str(ROOT / "references.bib"), "--bib", str(exports["ris"]))  # fmt: skip
    assert result.exit_code == 1
    assert "KEY002" in result.stdout
    assert str(exports["ris"]) in result.stdout


def test_check_names_the_file_of_each_entry_when_merging(tmp_path, exports):
    second = tmp_path / "second.bib"
    second.write_text("@article{bad2020,\n  title = {T},\n  pages = {one to two},\n}\n", encoding="utf-8")
    result = run("check", "--select", "FMT009", "--format", "text",
                 "--bib", str(exports["csl-json"]), "--bib", str(second))  # fmt: skip
    assert f"{second}:3: FMT009" in result.stdout
