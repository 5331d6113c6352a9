"""Facts written once: the version, the default paths, the CSL namespace, DOIs and name lists.

Each test names the one module that owns a fact and fails when the fact is written again
elsewhere in ``src/`` (as a string constant; docstrings and comments do not count).
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from paths import ROOT

SRC = ROOT / "src" / "trialbib"


def constants(path: Path) -> list[tuple[int, str]]:
    """String constants of a module, docstrings left out, f-string parts included."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def written_in(predicate) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted({str(p.relative_to(SRC)) for p in SRC.rglob("*.py") for _, value in constants(p) if predicate(value)})


@pytest.mark.parametrize(
    ("fact", "predicate", "owner"),
    [
        pytest.param("version", lambda v: v == __import__("trialbib").__version__, "_version.py", id="version"),
        pytest.param("CSL namespace", lambda v: "purl.org/net/xbiblio/csl" in v, "render/styles.py", id="csl-ns"),
        pytest.param("default bibliography", lambda v: v == "references.bib", "paths.py", id="bib"),
        pytest.param("default trials", lambda v: v == "trials.yaml", "paths.py", id="trials"),
        pytest.param("printed list", lambda v: v.endswith("reference-list.txt"), "paths.py", id="printed"),
        pytest.param("--bib option", lambda v: v == "--bib", "cli/_options.py", id="bib-option"),
        pytest.param("--trials option", lambda v: v == "--trials", "cli/_options.py", id="trials-option"),
    ],
)
def test_fact_is_written_once(fact, predicate, owner):
    assert written_in(predicate) == [owner], f"the {fact} is written outside {owner}: import it from there"


def test_the_package_version_is_built_from_the_one_source():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "trialbib._version.__version__"}


@pytest.mark.parametrize(
    "written",
    [
        pytest.param("10.1038/NM.4148", id="bare"),
        pytest.param("https://doi.org/10.1038/nm.4148", id="https"),
        pytest.param("http://dx.doi.org/10.1038/nm.4148", id="dx"),
        pytest.param("doi.org/10.1038/nm.4148", id="no-scheme"),
        pytest.param("DOI: 10.1038/nm.4148", id="doi-colon"),
        pytest.param(" doi:10.1038/nm.4148 ", id="spaces"),
    ],
)
def test_every_doi_form_is_one_doi_for_the_checks_and_the_importer(written):
    from trialbib.checks.util import bare_doi
    from trialbib.doi import doi_key
    from trialbib.merge import merge_items

    assert doi_key(written) == "10.1038/nm.4148"
    assert bare_doi(written).casefold() == "10.1038/nm.4148"  # as DUP001 compares
    existing = [{"id": "he2016", "type": "article-journal", "title": "A", "DOI": "10.1038/nm.4148"}]
    incoming = [{"id": "x", "type": "article-journal", "title": "Another title", "DOI": written}]
    merged = merge_items(existing, incoming)
    assert [(o.key, o.matched_by) for o in merged.outcomes] == [("he2016", "DOI")]
    assert len(merged.items) == 1


def test_the_reader_and_the_name_rules_split_names_alike():
    from trialbib.checks.util import split_names
    from trialbib.io.bibtex import parse_bibtex

    value = "He, J. and and {World Health Organization} AND Zhang, X."
    assert split_names(value) == ["He, J.", "", "{World Health Organization}", "Zhang, X."]
    bib = parse_bibtex(f"@article{{a, author = {{{value}}}, title = {{T}}, journal = {{J}}, year = 2019}}", "a.bib")
    assert bib.items[0]["author"] == [
        {"family": "He", "given": "J."},
        {"literal": "World Health Organization"},
        {"family": "Zhang", "given": "X."},
    ]


def test_no_function_is_called_fold():
    """``fold`` named three different foldings; each now says what it keeps."""
    named_fold = sorted(
        f"{p.relative_to(SRC)}:{node.lineno}"
        for p in SRC.rglob("*.py")
        for node in ast.walk(ast.parse(p.read_text("utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name == "fold"
    )
    assert named_fold == []
