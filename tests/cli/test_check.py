"""``trialbib check`` and ``trialbib rules`` end to end: exit codes, formats, config, fixes."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from paths import BAD, DATA, ROOT
from trialbib.cli import cli


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)


@pytest.fixture
def here(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_shipped_data_is_clean(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("check", "--format", "text")
    assert result.output == "All checks passed.\n"
    assert result.exit_code == 0


def test_shipped_data_is_clean_with_every_default_rule_and_the_printed_list_manuscript(monkeypatch):
    monkeypatch.chdir(ROOT)
    # the printed list cites [1]..[24] in order: every entry cited, in order of first citation
    result = run(
        "check", "--no-config", "references.bib", "trials.yaml", "article/reference-list.txt", "--format", "json"
    )
    data = json.loads(result.output)
    assert data["problems"] == []
    assert result.exit_code == 0


def test_corpus_of_correct_entries_is_clean():
    result = run("check", "--no-config", str(DATA / "checks" / "corpus.bib"), "--format", "text")
    assert result.output == "All checks passed.\n"
    assert result.exit_code == 0


BROKEN = """@article{a,
  author = {He, J.},
  title = {One},
  journal = {Nat Med},
  year = {2016},
  pages = {991-993},
}

@article{a,
  title = {Two},
}
"""


def test_findings_exit_1_and_fail_on(here):
    (here / "refs.bib").write_text(BROKEN, "utf-8")
    result = run("check", "refs.bib", "--format", "text", "--extend-select", "page-dash")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "refs.bib:6:3: FMT010 write the page range as '991--993', not '991-993' [a]",
        "refs.bib:9:1: KEY002 duplicate key 'a' (first at line 1); give each entry its own key",
        "Found 2 problems (1 error, 1 warning).",
    ]
    assert run("check", "refs.bib").output.splitlines()[0].startswith("refs.bib:9:1: KEY002")  # FMT010 is opt-in
    style = ("--extend-select", "FMT010", "--ignore", "KEY002")
    assert run("check", "refs.bib", *style).exit_code == 1  # any finding shown fails, as in ruff
    assert run("check", "refs.bib", *style, "--fail-on", "error").exit_code == 0
    assert run("check", "refs.bib", *style, "--exit-zero").exit_code == 0
    assert run("check", "refs.bib", "--exit-zero").exit_code == 0
    assert run("check", "refs.bib", "--fail-on", "never").exit_code == 0
    assert run("check", "refs.bib", "--select", "FMT").output.startswith("refs.bib:6:3: FMT010")


def test_standard_input_output_format_alias_and_statistics(here):
    result = CliRunner().invoke(cli, ["check", "-", "--output-format", "errorformat"], input=BROKEN)
    assert result.output == (
        "-:9:1: error: duplicate key 'a' (first at line 1); give each entry its own key [KEY002]\n"
    )
    assert result.exit_code == 1
    result = CliRunner().invoke(cli, ["check", "-", "--select", "ALL", "--statistics"], input=BROKEN)
    lines = result.output.splitlines()
    assert "1\tKEY002\t[ ] duplicate-key" in lines
    assert "1\tFMT010\t[*] page-dash" in lines
    assert result.exit_code == 1
    assert CliRunner().invoke(cli, ["check", "-", "--fix"], input=BROKEN).exit_code == 2


def test_manuscripts_in_each_syntax(here):
    (here / "refs.bib").write_text(BROKEN.split("\n\n")[0] + "\n", "utf-8")
    (here / "paper.md").write_text("As shown [@a; @b].\n", "utf-8")
    (here / "paper.tex").write_text("As shown \\citep[p.~3]{a,c}.\n", "utf-8")
    (here / "numbers.txt").write_text("As shown [1,2].\n", "utf-8")
    result = run(
        "check", "refs.bib", "paper.md", "paper.tex", "numbers.txt", "--select", "CIT", "--format", "errorformat"
    )
    assert result.output.splitlines() == [
        "numbers.txt:1:13: error: cites [2], but refs.bib has 1 entries [CIT001]",
        "paper.md:1:15: error: cites 'b', which refs.bib does not define [CIT001]",
        "paper.tex:1:25: error: cites 'c', which refs.bib does not define [CIT001]",
    ]
    assert result.exit_code == 1


def test_github_format_is_chosen_inside_actions(here):
    (here / "refs.bib").write_text(BROKEN, "utf-8")
    result = run("check", "refs.bib", env={"GITHUB_ACTIONS": "true"})
    assert result.output.splitlines()[0] == (
        "::error file=refs.bib,line=9,col=1,title=KEY002 duplicate-key::"
        "duplicate key 'a' (first at line 1); give each entry its own key"
    )


def test_sarif_output_file(here):
    (here / "refs.bib").write_text(BROKEN, "utf-8")
    result = run("check", "refs.bib", "--format", "sarif", "-o", "out.sarif", "--extend-select", "FMT010")
    assert result.exit_code == 1
    assert result.output == ""
    log = json.loads((here / "out.sarif").read_text("utf-8"))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["FMT010", "KEY002"]


def test_config_file_is_found_upward_and_used(here, monkeypatch):
    (here / "data").mkdir()
    (here / "data" / "refs.bib").write_text(BROKEN, "utf-8")
    (here / "pyproject.toml").write_text(
        '[tool.trialbib]\nbibliography = "data/refs.bib"\n[tool.trialbib.check]\nignore = ["KEY002"]\n'
        'extend-select = ["FMT010"]\nfail-on = "error"\n',
        "utf-8",
    )
    result = run("check", "--format", "text")
    assert (
        result.output.splitlines()[0]
        == "data/refs.bib:6:3: FMT010 write the page range as '991--993', not '991-993' [a]"
    )
    assert result.exit_code == 0
    (here / "sub").mkdir()
    monkeypatch.chdir(here / "sub")
    result = run("check", "--format", "text")
    # outside the working folder the path stays absolute
    assert result.output.splitlines()[0].startswith(f"{here / 'data' / 'refs.bib'}:6:3: FMT010 ")
    assert run("check", "--no-config", "--format", "text").exit_code == 2


@pytest.mark.parametrize(
    ("config", "message"),
    [
        pytest.param(
            '[check]\nselect = ["NOPE1"]\n',
            "trialbib: error: invalid config: trialbib.toml: unknown rule 'NOPE1'",
            id="rule",
        ),
        pytest.param(
            "[check]\nsevrity = {}\n", "trialbib: error: invalid config: trialbib.toml: unknown key 'sevrity'", id="key"
        ),
        pytest.param(
            "[check.rules.page-dash]\nmax = 3\n",
            "trialbib: error: invalid config: trialbib.toml: rule page-dash has no option 'max'",
            id="option",
        ),
    ],
)
def test_invalid_config_exits_2_with_one_line(here, config, message):
    (here / "trialbib.toml").write_text(config, "utf-8")
    (here / "references.bib").write_text("", "utf-8")
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert len(result.output.splitlines()) == 1


def test_unknown_rule_on_the_command_line_is_a_usage_error(here):
    (here / "references.bib").write_text("", "utf-8")
    result = CliRunner().invoke(cli, ["check", "--select", "NOPE1"])
    assert result.exit_code == 2
    assert "unknown rule 'NOPE1'" in result.output


def test_unreadable_input_exits_2(here):
    result = CliRunner().invoke(cli, ["check", "missing.bib"])
    assert result.exit_code == 2
    assert result.output == "trialbib: error: missing.bib: no such BibTeX file; check the path\n"
    result = CliRunner().invoke(cli, ["check"])
    assert result.exit_code == 2
    assert result.output.startswith("trialbib: error: nothing to check")


def test_reader_errors_are_findings_not_crashes():
    result = run("check", "--no-config", str(BAD / "unbalanced.bib"), "--format", "json")
    assert result.exit_code == 1
    found = [(p["code"], p["line"], p["key"]) for p in json.loads(result.output)["problems"]]
    # the unclosed entry is reported; the entry after it is still read (and lacks author, journal)
    assert found == [("SYN001", 1, None), ("FLD001", 5, "b")]


def test_fix_writes_atomically_with_backup_and_reports(here):
    source = DATA / "checks" / "fixable.bib"
    shutil.copy(source, here / "refs.bib")
    before = (here / "refs.bib").read_text("utf-8")
    style = ["--extend-select", "FMT010,FMT012,FMT013"]
    result = CliRunner().invoke(cli, ["check", "refs.bib", "--diff", *style])
    assert "\n-  pages     = {991-993},\n" in result.output
    assert "\n+  pages     = {991--993},\n" in result.output
    assert result.exit_code == 1  # --diff fails when it would change something, as in ruff
    assert (here / "refs.bib").read_text("utf-8") == before
    assert CliRunner().invoke(cli, ["check", "refs.bib", "--diff", "--select", "KEY"]).exit_code == 0
    result = CliRunner().invoke(cli, ["check", "refs.bib", "--fix", "--format", "text", *style])
    assert "fixed refs.bib:12: FMT010 pages: {991-993} -> {991--993}" in result.output
    assert "6 fixes written; backup in refs.bib~" in result.output
    assert (here / "refs.bib~").read_text("utf-8") == before
    assert "{991--993}" in (here / "refs.bib").read_text("utf-8")
    assert result.output.rstrip().endswith("All checks passed.")
    assert result.exit_code == 0


def test_fix_and_diff_together_is_a_usage_error(here):
    result = CliRunner().invoke(cli, ["check", "--fix", "--diff"])
    assert result.exit_code == 2


def test_rules_lists_and_explains():
    result = run("rules")
    assert result.exit_code == 0
    assert "KEY002  duplicate-key" in result.output
    assert "KEY005  key-rule" in result.output
    assert "(opt-in)" in result.output
    result = run("rules", "page-dash")
    assert result.output.startswith("FMT010 page-dash\nseverity: warning; opt-in; fixable with --fix\n")
    assert "Failing::" in result.output
    assert "Passing::" in result.output
    assert run("rules", "fmt010").output == result.output
    data = json.loads(run("rules", "--format", "json").output)
    assert {r["code"] for r in data} >= {"SYN001", "CIT003", "SUP001"}
    bad = CliRunner().invoke(cli, ["rules", "NOPE"])
    assert bad.exit_code == 2
    assert "no rule 'NOPE'" in bad.output


def test_commands_have_help():
    for command in ("check", "rules"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Usage:" in result.output
