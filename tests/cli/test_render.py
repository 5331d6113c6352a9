"""``trialbib render`` and ``trialbib trials`` end to end, and their errors on bad input."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from paths import BAD, ROOT
from trialbib.cli import cli


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_render_prints_24_numbered_entries():
    result = run("render", "--bib", str(ROOT / "references.bib"), "--trials", str(ROOT / "trials.yaml"))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 24
    assert all(line.startswith(f"[{n}]") for n, line in enumerate(lines, 1))


def test_render_html_and_other_style():
    result = run("render", "--bib", str(ROOT / "references.bib"), "--style", "apa", "--format", "html")
    assert result.exit_code == 0
    assert '<i><span class="csl-container-title">Nat Med</span></i>' in result.output


@pytest.mark.parametrize(
    ("fmt", "first", "last"),
    [
        pytest.param("html", '<div class="csl-bib-body">', "</div>", id="html"),
        pytest.param("latex", "\\begin{thebibliography}{99}", "\\end{thebibliography}", id="latex"),
        pytest.param("json", "[", "]", id="json"),
        pytest.param("markdown", "\\[1\\] He J，Zhang R，Shao M，et al.", "\\[24\\] An H", id="markdown"),
    ],
)
def test_render_formats(fmt, first, last):
    result = run("render", "--bib", str(ROOT / "references.bib"), "--format", fmt)
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith(first)
    assert lines[-1].startswith(last)


def test_render_article_style_matches_printed_first_entries():
    result = run("render", "--bib", str(ROOT / "references.bib"), "--style", "article")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == (
        "[2] He J, Zhang X, Wei Y, et al. Low-dose interleukin-2 treatment selectively modulates CD4(+) T cell "
        "subsets in patients with systemic lupus erythematosus[J]. Nat Med, 2016,22(9):991-993."
    )


def test_render_warns_once_on_stderr_about_ignored_features():
    result = run("render", "--bib", str(ROOT / "references.bib"), "--style", "apa-annotated-bibliography")
    assert result.exit_code == 0
    warnings = result.stderr.splitlines()
    assert len(warnings) == 1
    assert warnings[0].startswith('trialbib: warning: style apa-annotated-bibliography: display="block"')
    assert "warning" not in result.stdout


def test_render_locale_forces_terms(tmp_path):
    bib = tmp_path / "zh.bib"
    bib.write_text(
        "@article{zhang2019,\n  author = {张, 三 and 李, 四 and 王, 五 and others},\n  title = {标题},\n"
        "  journal = {北京大学学报},\n  year = {2019},\n  volume = {51},\n  pages = {1--2},\n"
        "  langid = {chinese},\n}\n",
        "utf-8",
    )
    own = run("render", "--bib", str(bib))
    forced = run("render", "--bib", str(bib), "--locale", "en-US")
    assert own.stdout.strip() == "[1] 张三，李四，王五，等. 标题[J]. 北京大学学报，2019，51：1-2."
    assert forced.stdout.strip() == "[1] 张三，李四，王五，et al. 标题[J]. 北京大学学报，2019，51：1-2."


def test_trials_prints_both_tables_with_numbers():
    result = run("trials", "--bib", str(ROOT / "references.bib"), "--trials", str(ROOT / "trials.yaml"))
    assert result.exit_code == 0
    assert "He et al. (2016, 2019) [1,2]" in result.output
    assert "Zhang et al. (2018) [19,20]" in result.output
    assert "Amyotrophic lateral sclerosis | 2015 | Single-center | 36 | France" in result.output


@pytest.mark.parametrize(
    ("name", "warning", "rendered"),
    [
        pytest.param("unbalanced.bib", "unbalanced.bib:1: SYN001 unbalanced braces", "Fine", id="unbalanced"),
        pytest.param(
            "duplicate-key.bib", "duplicate-key.bib:3 [a]: KEY002 duplicate key 'a'", "[1]", id="duplicate-key"
        ),
        pytest.param("unknown-type.bib", "unknown-type.bib:2 [b]: SYN004 unknown entry type", "[1]", id="unknown-type"),
    ],
)
def test_bad_entry_is_reported_and_the_rest_rendered(name, warning, rendered):
    """Issue 12: one bad entry never sinks the file; without --strict the problem is a warning."""
    result = CliRunner().invoke(cli, ["render", "--style", "gb7714", "--bib", str(BAD / name)])
    assert result.exit_code == 0, result.output
    assert f"trialbib: warning: {BAD / name}" in result.stderr or f"trialbib: warning: {BAD}/{name}" in result.stderr
    assert warning.split(":", 1)[1] in result.stderr
    assert rendered in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["--bib", "missing.bib"], "missing.bib: no such BibTeX file; check the path", id="missing-file"),
        pytest.param(
            ["--strict", "--bib", str(BAD / "unbalanced.bib")], "unbalanced.bib:1: unbalanced braces", id="unbalanced"
        ),
        pytest.param(
            ["--strict", "--bib", str(BAD / "duplicate-key.bib")],
            "duplicate-key.bib:3 [a]: duplicate key 'a' (first at line 1)",
            id="duplicate-key",
        ),
        pytest.param(["--bib", str(BAD / "no-key.bib")], "no-key.bib:1: entry has no citation key", id="no-key"),
        pytest.param(
            ["--strict", "--bib", str(BAD / "unknown-type.bib")],
            "unknown-type.bib:2 [b]: unknown entry type @foobar",
            id="unknown-type",
        ),
        pytest.param(
            ["--bib", str(BAD / "one.bib"), "--trials", str(BAD / "unknown-key.yaml")],
            "unknown-key.yaml:3 [nosuchkey2020]: table1 row 1 (X) cites unknown key 'nosuchkey2020'",
            id="trial-unknown-key",
        ),
        pytest.param(
            ["--bib", str(BAD / "one.bib"), "--trials", str(BAD / "malformed.yaml")],
            "malformed.yaml:4: table1 record 1: dose.values[1]: 'one' is not of type 'number'",
            id="malformed-trials",
        ),
        pytest.param(
            ["--bib", str(BAD / "one.bib"), "--style", "no-such-style"],
            "unknown style 'no-such-style'",
            id="unknown-style",
        ),
        pytest.param(
            ["--bib", str(BAD / "one.bib"), "--style", str(BAD / "xml-error.csl")],
            "xml-error.csl:3:",
            id="csl-xml-error",
        ),
        pytest.param(
            ["--bib", str(BAD / "one.bib"), "--style", str(BAD / "billion-laughs.csl")],
            "billion-laughs.csl:2: declares a DTD",
            id="csl-entities",
        ),
        pytest.param(["--bib", str(BAD / "one.bib"), "--locale", "xx-YY"], "xx-YY", id="unknown-locale"),
    ],
)
def test_bad_input_one_line_exit_2(args, expected):
    result = CliRunner().invoke(cli, ["render", *args])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("trialbib: error: ")
    assert expected in lines[0]
    assert "Traceback" not in result.output


def test_every_command_has_help():
    from trialbib.cli import LazyGroup

    group = cli
    assert isinstance(group, LazyGroup)
    for name in group.list_commands(None):  # type: ignore[arg-type]
        result = run(name, "--help")
        assert result.exit_code == 0
        assert "Usage:" in result.output


@pytest.mark.parametrize(
    "command",
    [
        pytest.param(["render", "--style", "gb7714"], id="render"),
        pytest.param(["cite", "b", "--style", "gb7714"], id="cite"),
        pytest.param(["export", "--to", "csl-json"], id="export"),
    ],
)
def test_strict_turns_a_bad_entry_into_exit_2(command):
    bad = str(BAD / "unbalanced.bib")
    lenient = CliRunner().invoke(cli, [*command, "--bib", bad])
    assert lenient.exit_code == 0
    assert "SYN001 unbalanced braces" in lenient.stderr
    strict = CliRunner().invoke(cli, [*command, "--bib", bad, "--strict"])
    assert strict.exit_code == 2
    assert strict.stderr.startswith("trialbib: error: ")
    assert len(strict.stderr.splitlines()) == 1
