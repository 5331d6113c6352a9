"""Every rule documents itself with a failing and a passing example, and the examples are true."""

from __future__ import annotations

import inspect
import re
import textwrap

import pytest

from trialbib.checks.rules import MODULES, rules

RULES = list(rules().values())


def examples(module) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The literal blocks after ``Failing...::`` and ``Passing::`` in a rule's docstring."""
    doc = inspect.cleandoc(module.__doc__ or "")
    found = {}
    for label in ("Failing", "Passing"):
        match = re.search(rf"^{label}[^\n]*::\n\n((?:    [^\n]*\n?|\n)+)", doc, re.MULTILINE)
        if match:
            found[label] = textwrap.dedent(match.group(1)).strip() + "\n"
    return found


def test_registry_codes_and_names_are_unique_and_well_formed():
    assert len(rules()) == len(MODULES)
    names = [m.NAME for m in RULES]
    assert len(set(names)) == len(names)
    for module in RULES:
        assert re.fullmatch(r"[A-Z]{3}\d{3}", module.CODE), module.CODE
        assert re.fullmatch(r"[a-z]+(?:-[a-z0-9]+)*", module.NAME), module.NAME
        assert module.SEVERITY in ("error", "warning", "info")
        assert module.__name__.rsplit(".", 1)[1].startswith(module.CODE.lower())


@pytest.mark.parametrize("module", RULES, ids=[m.CODE for m in RULES])
def test_rule_has_documented_examples(module):
    found = examples(module)
    assert set(found) == {"Failing", "Passing"}, module.CODE


BIB_RULES = [
    m for m in RULES if examples(m)["Failing"].lstrip().startswith(("@", "%")) and not m.CODE.startswith("CIT")
]
ALSO = {"SUP001": ["KEY002"]}  # a suppression is judged only against rules that run


@pytest.mark.parametrize("module", BIB_RULES, ids=[m.CODE for m in BIB_RULES])
def test_bib_examples_fail_and_pass_as_documented(module, lint):
    found = examples(module)
    select = [module.CODE, *ALSO.get(module.CODE, [])]
    assert module.CODE in [code for code, _ in lint(found["Failing"], select=select)]
    assert [code for code, _ in lint(found["Passing"], select=select) if code == module.CODE] == []


def test_every_rule_about_the_bib_file_has_checked_examples():
    others = {m.CODE for m in RULES} - {m.CODE for m in BIB_RULES}
    # manuscripts, trial records, rendered and printed lists: tested in test_rules.py
    assert {code[:3] for code in others} == {"CIT", "TAB", "LST", "DRF"}


def test_docs_rules_md_is_generated_from_the_rules(root):
    from trialbib.checks.docs import markdown

    text = (root / "docs" / "rules.md").read_text("utf-8")
    assert text == markdown(), "run: trialbib rules --format markdown > docs/rules.md"
    for module in RULES:
        assert f"### {module.CODE}" in text and f"`{module.NAME}`" in text
