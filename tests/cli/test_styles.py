"""``trialbib styles``: every usable style by name, aliases first."""

from __future__ import annotations

from click.testing import CliRunner

from trialbib.cli import cli


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["styles", *args])


def test_lists_ours_official_and_dependent_styles():
    result = run()
    assert result.exit_code == 0
    names = result.stdout.splitlines()
    assert "article" in names
    assert "apa" in names
    assert "nature" in names
    assert "china-national-standard-gb-t-7714-2015-numeric" in names
    assert len(names) > 2000


def test_search_shows_aliases_and_matches():
    lines = run("--search", "vancouver").stdout.splitlines()
    assert lines[0] == "vancouver -> nlm-citation-sequence"
    assert "elsevier-vancouver" in lines
    assert all("vancouver" in line for line in lines)


def test_search_without_match_is_an_error():
    result = run("--search", "no such style anywhere")
    assert result.exit_code == 1
    assert "no style matches 'no such style anywhere'" in result.output
