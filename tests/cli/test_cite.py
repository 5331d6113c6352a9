"""``trialbib cite``: in-text citations numbered as in the reference list."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from paths import ROOT
from trialbib.cli import cli

BIB = str(ROOT / "references.bib")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["cite", "--bib", BIB, *args])


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(["zhang2018low", "zhang2018therapeutic"], "[19，20]", id="pair"),
        pytest.param(["--style", "gb7714-2015", "zhang2018low", "zhang2018therapeutic"], "[19,20]", id="pair-2015"),
        pytest.param(["he2019efficacy", "he2016lowdose"], "[1，2]", id="one-two"),
        pytest.param(
            [
                "--style",
                "article",
                "mizel1979revised",
                "he2016lowdose",
                "he2019efficacy",
                "rosenzwajg2019immunological",
            ],
            "[1-3,5]",
            id="collapsed-range",
        ),
        pytest.param(["--style", "apa", "morgan1976selective"], "(Morgan et al., 1976)", id="author-date"),
        pytest.param(["--style", "vancouver", "kim2017pten"], "(10)", id="vancouver"),
    ],
)
def test_cite(args, expected):
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == expected


def test_html_citation_is_superscript():
    assert run("--format", "html", "kim2017pten").stdout.strip() == "<sup>[10]</sup>"


def test_unknown_key_one_line_exit_2():
    result = run("he2019efficacy", "nosuchkey")
    assert result.exit_code == 2
    assert result.output.strip() == (
        "trialbib: error: no reference with key 'nosuchkey'; check the key against the bibliography"
    )


def test_apa_names_what_it_cannot_do():
    result = run("--style", "apa", "he2019efficacy")
    assert result.stderr == ""  # APA's disambiguation and cite collapsing are implemented
