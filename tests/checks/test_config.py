"""Configuration: found upward, validated strictly, and applied (select, ignore, severity, options)."""

from __future__ import annotations

import pytest

from trialbib.checks.config import ConfigError, expand, find_config, from_dict, load_config
from trialbib.errors import Location


def codes(found):  # type: ignore[no-untyped-def]
    return [code for code, _ in found]


BIB = """@article{a,
  author = {He, J.},
  title = {One},
  journal = {Nat Med},
  year = {2016},
  pages = {991-993},
  volume = {},
}
"""


def test_defaults_leave_opt_in_rules_off():
    selected = {m.CODE for m in from_dict({}).selected()}
    assert {"KEY002", "FMT001", "SUP001"} <= selected
    assert not {"FMT010", "FMT012", "FMT013", "FLD002", "CON001"} & selected
    assert not {"KEY005", "CON002", "CON003"} & selected


@pytest.mark.parametrize(
    ("selectors", "expected"),
    [
        pytest.param(["KEY002"], {"KEY002"}, id="code"),
        pytest.param(["key002"], {"KEY002"}, id="code-any-case"),
        pytest.param(["duplicate-key"], {"KEY002"}, id="name"),
        pytest.param(["NAM"], {"NAM001", "NAM002", "NAM003"}, id="prefix"),
        pytest.param(["FMT01"], {"FMT010", "FMT011", "FMT012", "FMT013"}, id="longer-prefix"),
    ],
)
def test_selectors(selectors, expected):
    assert expand(selectors) == expected


def test_select_extend_ignore(lint):
    assert codes(lint(BIB)) == []  # both are house style: opt-in
    style = ["page-dash", "empty-field"]
    assert codes(lint(BIB, config={"check": {"extend-select": style}})) == ["FMT010", "FLD002"]
    assert codes(lint(BIB, config={"check": {"extend-select": style, "ignore": ["page-dash"]}})) == ["FLD002"]
    assert codes(lint(BIB, config={"check": {"select": ["FMT"]}})) == ["FMT010"]
    assert "KEY005" in codes(lint(BIB, config={"check": {"extend-select": ["KEY005"]}}))


def test_severity_override_and_options():
    from trialbib.checks.config import from_dict as build

    config = build({"check": {"severity": {"FMT010": "error"}, "rules": {"required-fields": {"model": "bibtex"}}}})
    assert config.severity == {"FMT010": "error"}
    assert config.options == {"FLD001": {"model": "bibtex"}}


def test_severity_is_applied(tmp_path):
    from trialbib.checks.context import Context
    from trialbib.checks.engine import run_checks
    from trialbib.io.bibtex import parse_bibtex

    config = from_dict({"check": {"select": ["FMT010"], "severity": {"FMT010": "error"}}})
    report = run_checks(config, Context(bib=parse_bibtex(BIB, "t.bib"), bib_text=BIB))
    assert [(p.code, p.severity) for p in report.problems] == [("FMT010", "error")]
    assert report.failed("error")


def test_per_file_ignores(lint):
    manuscript = {"drafts/one.md": "[@nokey]", "paper.md": "[@nokey]"}
    config = {"check": {"select": ["CIT001"], "per-file-ignores": {"drafts/*.md": ["undefined-citation"]}}}
    assert lint(BIB, manuscripts=manuscript, config=config) == [("CIT001", Location("paper.md", 1, 2, "nokey"))]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param({"bibliografy": "x.bib"}, "unknown key 'bibliografy' in top level", id="top-key"),
        pytest.param({"check": {"selct": ["KEY"]}}, "unknown key 'selct' in [check]", id="check-key"),
        pytest.param({"check": {"select": ["KEY999"]}}, "unknown rule 'KEY999'", id="rule"),
        pytest.param({"check": {"ignore": ["no-such-rule"]}}, "unknown rule 'no-such-rule'", id="rule-name"),
        pytest.param({"check": {"rules": {"required-fields": {"modle": "x"}}}}, "has no option 'modle'", id="option"),
        pytest.param({"check": {"rules": {"required-fields": {"model": "bibtek"}}}}, "must be one of", id="choice"),
        pytest.param({"check": {"rules": {"citation-order": {"keys": "yes"}}}}, "must be a bool", id="type"),
        pytest.param({"check": {"fail-on": "fatal"}}, "fail-on must be one of", id="fail-on"),
        pytest.param({"check": {"severity": {"KEY002": "fatal"}}}, "severity of KEY002 must be one of", id="severity"),
        pytest.param({"manuscripts": 3}, "manuscripts must be a list of strings", id="type-list"),
    ],
)
def test_invalid_config_is_rejected_with_a_clear_message(data, message):
    with pytest.raises(ConfigError) as info:
        from_dict(data, "trialbib.toml")
    assert str(info.value).startswith("invalid config: trialbib.toml: ")
    assert message in str(info.value)


def test_found_upward_and_paths_relative_to_it(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.trialbib]\nbibliography = "refs.bib"\n', "utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    found = find_config(deep)
    assert found == tmp_path / "pyproject.toml"
    assert load_config(found).bibliography == str(tmp_path / "refs.bib")
    (deep / "trialbib.toml").write_text('[check]\nignore = ["CIT002"]\n', "utf-8")
    assert find_config(deep) == deep / "trialbib.toml"
    assert load_config(deep / "trialbib.toml").ignore == ["CIT002"]


def test_pyproject_without_our_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nx = 1\n", "utf-8")
    assert find_config(tmp_path) != tmp_path / "pyproject.toml"


def test_broken_toml_is_a_config_error(tmp_path):
    path = tmp_path / "trialbib.toml"
    path.write_text("select = [", "utf-8")
    with pytest.raises(ConfigError, match=r"invalid config: .*trialbib\.toml"):
        load_config(path)


def test_the_documented_example_configuration_is_valid(root):
    import re
    import tomllib

    text = (root / "docs" / "ci.md").read_text("utf-8")
    block = re.search(r"```toml\n(.*?)```", text, re.DOTALL).group(1)  # type: ignore[union-attr]
    config = from_dict(tomllib.loads(block)["tool"]["trialbib"], "pyproject.toml", "[tool.trialbib]")
    assert config.fail_on == "warning"
    assert config.options == {"FLD001": {"model": "biblatex"}}


def test_the_projects_own_configuration_is_valid(root):
    config = load_config(root / "trialbib.toml")
    assert "KEY005" in {m.CODE for m in config.selected()}
