"""CIT004's fix (renumber a numeric manuscript and reorder its .bib) and checks that follow the manuscript."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from trialbib.cli import cli
from trialbib.io.bibtex import parse_bibtex
from trialbib.manuscript.renumber import first_citation_mapping, plan_renumbering, renumber_text

BIB = """% header

@article{a, title={A}, author={X, Y}, journal={J}, year={2000}}

% trialbib: ignore[FMT013] kept with its entry
@article{b, title={B}, author={X, Y}, journal={J}, year={2001}}

@article{c, title={C}, author={X, Y}, journal={J}, year={2002}}
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("First [3], then [1-3] and [2].", "First [1], then [1-3] and [3].", id="brackets-range"),
        pytest.param("See ^3^ and ^1,2^.", "See ^1^ and ^2,3^.", id="superscript"),
        pytest.param("See [3] and [1, 2] `[2]`.", "See [1] and [2, 3] `[2]`.", id="spaces-kept-code-untouched"),
    ],
)
def test_renumber_text(text, expected):
    mapping = first_citation_mapping([text], 3)
    assert renumber_text(text, mapping) == expected


def test_uncited_keep_their_order_after():
    assert first_citation_mapping(["[4] [2]"], 5) == {4: 1, 2: 2, 1: 3, 3: 4, 5: 5}


def test_bib_reordered_with_comments_moving_with_their_entry():
    bib = parse_bibtex(BIB, source="r.bib")
    changes = plan_renumbering([("m.md", "[3] then [2] then [1]")], "r.bib", BIB, bib)
    assert [c.path for c in changes] == ["m.md", "r.bib"]
    assert changes[0].new == "[1] then [2] then [3]"
    assert changes[1].new == (
        "% header\n\n"
        "@article{c, title={C}, author={X, Y}, journal={J}, year={2002}}\n\n"
        "% trialbib: ignore[FMT013] kept with its entry\n"
        "@article{b, title={B}, author={X, Y}, journal={J}, year={2001}}\n\n"
        "@article{a, title={A}, author={X, Y}, journal={J}, year={2000}}\n"
    )


def test_already_in_order_changes_nothing():
    bib = parse_bibtex(BIB, source="r.bib")
    assert plan_renumbering([("m.md", "[1] [2] [3]")], "r.bib", BIB, bib) == []


def test_check_fix_renumbers_then_passes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "references.bib").write_text(BIB, "utf-8")
    (tmp_path / "paper.md").write_text("First [3], then [1-3] and [2].\n", "utf-8")
    args = ["check", "--no-config", "references.bib", "paper.md", "--select", "CIT004"]
    assert CliRunner().invoke(cli, [*args, "--fail-on", "warning"]).exit_code == 1
    result = CliRunner().invoke(cli, [*args, "--fix", "--fail-on", "warning"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "paper.md").read_text("utf-8") == "First [1], then [1-3] and [3].\n"
    assert (tmp_path / "paper.md~").exists()
    assert (tmp_path / "references.bib~").exists()
    keys = parse_bibtex((tmp_path / "references.bib").read_text("utf-8")).keys
    assert keys == ["c", "a", "b"]


def test_check_numbers_map_through_the_manuscripts_first_citation_order(tmp_path, monkeypatch):
    """paper.md cites keys c, a; the formatted paper.out.md says [1] and [2]: both mean c and a, not a and b."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "references.bib").write_text(BIB, "utf-8")
    (tmp_path / "paper.md").write_text("[@c] and [@a]\n", "utf-8")
    (tmp_path / "paper.out.md").write_text("[1] and [2]\n", "utf-8")
    result = CliRunner().invoke(
        cli, ["check", "--no-config", "references.bib", "paper.md", "paper.out.md", "--select", "CIT002"]
    )
    assert result.stdout.splitlines()[0] == "references.bib:6:1: CIT002 entry 'b' is never cited; cite it or remove it"
    assert "'a'" not in result.stdout
    assert "'c'" not in result.stdout


def test_check_without_a_bibliography_is_an_input_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "paper.md").write_text("[@a]\n", "utf-8")
    result = CliRunner().invoke(cli, ["check", "--no-config", "paper.md"])
    assert result.exit_code == 2
    assert result.stderr.startswith("trialbib: error: no bibliography to check the manuscripts against")
    assert "trialbib check refs.bib paper.md" in result.stderr
