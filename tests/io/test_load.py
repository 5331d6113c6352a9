"""Any bibliography format by extension or content, and several files merged into one."""

from __future__ import annotations

import pytest

from paths import DATA, ROOT
from trialbib.errors import InputError
from trialbib.io.csljson import write_csljson
from trialbib.io.load import detect_format, load_bibliographies, read_bibliography
from trialbib.io.ris import write_ris

REAL = DATA / "real"


@pytest.mark.parametrize(
    ("name", "text", "fmt"),
    [
        pytest.param("refs.bib", "", "bibtex", id="bib-extension"),
        pytest.param("refs.json", "", "csl-json", id="json-extension"),
        pytest.param("refs.yml", "", "csl-yaml", id="yml-extension"),
        pytest.param("refs.ris", "", "ris", id="ris-extension"),
        pytest.param("refs.txt", '[{"id": "a"}]', "csl-json", id="json-content"),
        pytest.param("refs.txt", "TY  - JOUR\nER  - \n", "ris", id="ris-content"),
        pytest.param("refs.txt", "% x\n@article{a, title={T}}", "bibtex", id="bib-content"),
        pytest.param("refs", "references:\n- id: a\n  type: book\n", "csl-yaml", id="yaml-content"),
    ],
)
def test_format_by_extension_or_content(name, text, fmt):
    assert detect_format(name, text) == fmt


def test_unknown_content_is_one_line_error():
    with pytest.raises(InputError, match="is not BibTeX, CSL-JSON, CSL YAML or RIS"):
        detect_format("notes.txt", "hello")


@pytest.mark.parametrize("fmt", ["json", "ris"])
def test_own_export_reads_as_a_bibliography(tmp_path, fmt):
    """``--bib refs.json`` once said "holds no entries"."""
    shipped = read_bibliography(ROOT / "references.bib")
    path = tmp_path / f"refs.{fmt}"
    path.write_text(write_csljson(shipped.items) if fmt == "json" else write_ris(shipped.items)[0], encoding="utf-8")
    back = read_bibliography(path)
    assert back.errors == []
    assert [item["id"] for item in back.items] == [item["id"] for item in shipped.items]
    assert [item["title"] for item in back.items] == [item["title"] for item in shipped.items]


def test_real_better_csl_yaml_reads_dates_and_keys():
    bib = read_bibliography(REAL / "better-csl.yml")
    assert bib.problems == []
    adams, berndt = bib.items
    assert adams["id"] == "Adams2001"
    assert adams["issued"] == {"date-parts": [[2014, 12, 31], [2015, 1, 1]]}
    assert berndt["accessed"] == {"date-parts": [[2014, 10, 2]]}
    assert berndt["volume"] == "34"


def test_several_files_merge_in_order_and_a_shared_key_is_a_problem_at_both(tmp_path):
    a = tmp_path / "a.bib"
    a.write_text("@article{x, title = {One}}\n@book{y, title = {Two}}\n", encoding="utf-8")
    b = tmp_path / "b.json"
    b.write_text('[{"id": "y", "type": "book", "title": "Again"}, {"id": "z", "type": "book", "title": "Three"}]')
    bib = load_bibliographies([a, b])
    assert [item["id"] for item in bib.items] == ["x", "y", "z"]
    assert bib.get("y")["title"] == "Two"  # the first definition is kept
    (problem,) = bib.problems
    assert problem.code == "KEY002"
    assert str(problem.location) == f"{b}:1 [y]"
    assert f"first in {a}:2" in problem.message


def test_the_same_file_twice_is_read_once(tmp_path):
    bib = load_bibliographies([ROOT / "references.bib", ROOT / "references.bib"])
    assert bib.problems == []
    assert len(bib.items) == 24
