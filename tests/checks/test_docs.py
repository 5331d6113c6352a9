"""Every rule documents itself with a failing and a passing example, and the examples are true."""

from __future__ import annotations

import inspect
import re
import textwrap
from pathlib import Path

import pytest

from trialbib.checks.rules import FAMILIES, MODULES, rules

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


def test_registry_is_the_rule_files_on_disk():
    """A rule module nobody registered never runs; a registered name with no file fails late."""
    from trialbib.checks import rules as package

    on_disk = sorted(p.stem for p in Path(package.__file__).parent.glob("*.py") if p.stem != "__init__")
    assert sorted(set(MODULES) - set(FAMILIES)) == on_disk
    assert len(set(MODULES)) == len(MODULES)
    files = [
        m.__name__.rsplit(".", 1)[1] for m in rules().values() if not m.__name__.startswith("trialbib.checks.wrapped.")
    ]
    assert files == [name for name in MODULES if name not in FAMILIES]


@pytest.mark.parametrize(
    ("family", "codes"),
    [
        pytest.param("TAB", [f"TAB{n:03}" for n in range(1, 7)], id="TAB"),
        pytest.param("DRF", [f"DRF{n:03}" for n in range(1, 13)], id="DRF"),
    ],
)
def test_a_family_is_built_from_the_table_that_owns_it(family, codes):
    """Severity and summary come from tables.CHECKS / crosscheck.compare.KINDS, not a copy."""
    from trialbib.checks.rules import summary
    from trialbib.crosscheck.compare import KINDS
    from trialbib.tables import CHECKS

    owners = {k.code: (k.severity, k.meaning) for k in KINDS.values()} | {c: tuple(v) for c, v in CHECKS.items()}
    built = [m for m in RULES if m.CODE.startswith(family)]
    assert [m.CODE for m in built] == codes
    for module in built:
        severity, meaning = owners[module.CODE]
        assert severity == module.SEVERITY
        assert summary(module) == meaning[0].upper() + meaning[1:] + "."


def test_registry_codes_and_names_are_unique_and_well_formed():
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
        assert f"### {module.CODE}" in text
        assert f"`{module.NAME}`" in text


# -- the examples of the rules that wrap the evidence tables and the cross-check ------------------
# They are written as a record of trials.yaml or entries of a printed list; each is run against
# the shipped references.bib (a record completed with neutral values; a printed entry put in
# place of the same-numbered entry of the list rendered from the data).

PROSE = {
    ("DRF002", "Passing"),
    ("DRF003", "Failing"),
    ("DRF003", "Passing"),
    ("DRF011", "Failing"),
    ("DRF011", "Passing"),
    ("TAB005", "Failing"),
    ("TAB005", "Passing"),
}
WRAPPED = [m for m in RULES if m.CODE[:3] in ("TAB", "DRF")]
NEUTRAL = {"dose": {"values": [1]}, "efficacy": "effective", "immunology": []}


def _table_codes(example: str, bib) -> list[str]:  # type: ignore[no-untyped-def]
    import yaml

    from trialbib.checks.context import Context
    from trialbib.io.trial_records import build_trials

    records = [{**NEUTRAL, **record} for record in yaml.safe_load(example)]
    trials = build_trials({"table1": {"records": records}}, "trials.yaml", lambda table, index: index + 1)
    ctx = Context(bib=bib, trials=trials)
    return [p.code for module in WRAPPED for p in module.check(ctx, dict(module.OPTIONS))]


def _printed_codes(example: str, bib, folder) -> list[str]:  # type: ignore[no-untyped-def]
    from trialbib.checks.context import Context
    from trialbib.render.engine import render_bibliography

    entries = {e.number: e.text for e in render_bibliography(bib.items, "article", cache=False)}
    rendered = list(entries.values())
    for line in example.strip().splitlines():
        if line.startswith("["):
            number = int(line[1 : line.index("]")])
            entries[number] = _expand(line, rendered)
        else:
            entries[number] += " " + line
    path = folder / "printed.txt"
    path.write_text("\n".join(entries[n] for n in sorted(entries)) + "\n", "utf-8")
    ctx = Context(bib=bib, printed=str(path))
    return [p.code for module in WRAPPED for p in module.check(ctx, dict(module.OPTIONS))]


def _expand(line: str, rendered: list[str]) -> str:
    """An elided title (``Selective in vitro growth ...``) completed from the rendered entry that
    has its last words: up to the type mark (``[J]``) that follows, else to the end of the entry."""
    if "..." not in line:
        return line
    before, after = line.split("...", 1)
    anchor = " ".join(before.split()[-3:])
    entry = next(text for text in rendered if anchor in text)
    rest = entry[entry.index(anchor) + len(anchor) :]
    return before.rstrip() + (rest[: rest.index("[")] + after if after.startswith("[") else rest)


def _codes(module, example: str, bib, folder) -> list[str]:  # type: ignore[no-untyped-def]
    if module.CODE.startswith("TAB"):
        return _table_codes(example, bib)
    return _printed_codes(example, bib, folder)


@pytest.mark.parametrize("module", WRAPPED, ids=[m.CODE for m in WRAPPED])
def test_table_and_printed_list_examples_fail_and_pass_as_documented(module, bib, tmp_path):
    found = examples(module)
    baseline = _printed_codes("", bib, tmp_path).count(module.CODE) if module.CODE.startswith("DRF") else 0
    if (module.CODE, "Failing") not in PROSE:
        assert _codes(module, found["Failing"], bib, tmp_path).count(module.CODE) > baseline
    if (module.CODE, "Passing") not in PROSE:
        assert _codes(module, found["Passing"], bib, tmp_path).count(module.CODE) == baseline


def test_only_the_known_examples_are_prose():
    """An example that is a sentence, not data, cannot be run: keep that list short and known."""
    prose = {(m.CODE, label) for m in WRAPPED for label, text in examples(m).items() if text.startswith("(")}
    assert prose | {("TAB005", "Failing"), ("TAB005", "Passing")} == PROSE
