"""The importers, the manuscript scanner and the printed-reference parser on hostile input.

Any input either loads (with its problems listed in the Bibliography) or gives a trialbib error,
never another exception; every problem and error names the input and a line inside it. What
loads survives its own writer: written and read again it gives the same items (CSL-JSON, RIS)
or records (trials CSV). The importers go on through what ``trialbib import`` does with what
they read: merge into a bibliography and edit its .bib text, which must read back cleanly.
Budgets are fixed and derandomized; time bounds per input are in benchmarks/robustness.py.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trialbib.crosscheck.parse import parse_reference
from trialbib.errors import Location, TrialbibError
from trialbib.io.bibtex import parse_bibtex
from trialbib.io.csljson import parse_csljson, write_csljson
from trialbib.io.manuscript import scan_manuscript
from trialbib.io.ris import parse_ris, write_ris
from trialbib.io.trials import read_trials
from trialbib.io.trials_csv import COLUMNS, parse_trials_csv, trials_to_csv
from trialbib.merge import import_into
from trialbib.model import Bibliography, TrialSet

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
TEXT = st.characters(blacklist_categories=("Cs",))
EXISTING = """@article{he2016lowdose,
  author = {He, J. and others},
  title = {Low-dose interleukin-2 treatment},
  journal = {Nat Med},
  year = {2016},
  doi = {10.1038/nm.4148}
}
"""


def located(location: Location | None, source: str, text: str) -> None:
    """A problem's location names the input and, where it has a line, a line of the input."""
    assert location is not None
    assert location.file == source
    assert location.line is None or 1 <= location.line <= len(text.splitlines()) + 1, (location, text)


def loaded(bib: Bibliography, source: str, text: str) -> None:
    for problem in bib.problems:
        located(problem.location, source, text)
    assert all(isinstance(item["id"], str) and item.get("type") for item in bib.items)


def import_pipeline(text: str, suffix: str) -> None:
    """``trialbib import`` of ``text``: it refuses with a trialbib error, or the merged .bib reads back."""
    with tempfile.TemporaryDirectory() as folder:
        source, into = Path(folder, f"in{suffix}"), Path(folder, "refs.bib")
        source.write_text(text, encoding="utf-8")
        into.write_text(EXISTING, encoding="utf-8")
        try:
            result = import_into(source, into)
        except TrialbibError as exc:
            located(exc.location, str(source), text)
            assert "\n" not in str(exc)
            assert into.read_text(encoding="utf-8") == EXISTING
            return
        again = parse_bibtex(into.read_text(encoding="utf-8"), source="refs.bib")
        assert not again.errors, again.errors
        assert again.keys[0] == "he2016lowdose"
        if result.written:
            assert result.backup is not None
            assert result.backup.read_text(encoding="utf-8") == EXISTING


# -- CSL-JSON ------------------------------------------------------------------------------------

scalar = (
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.floats(allow_nan=False) | st.text(TEXT, max_size=8)
)
json_value = st.recursive(
    scalar,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(TEXT, max_size=6), inner, max_size=4),
    max_leaves=12,
)
FIELDS = ["id", "type", "title", "author", "issued", "accessed", "DOI", "PMID", "page", "volume", "note",
          "container-title", "citation-key", "custom", "language", "URL", "editor", "original-date", "issue",
          "ISBN", "publisher", "keyword", "status", "title-short"]  # fmt: skip
TRICKY = ["10.1038/nm.4148", "Low-dose interleukin-2 treatment", "he2016lowdose", "a{b", "a}b", "{", "}", "\\",
          "%", "#", '"', "@", "a,b", "1--2", "$x$", "~", "\\'e", "张三", "  ", "\n"]  # fmt: skip
TYPES = ["article-journal", "book", "chapter", "webpage", "report", "thesis", "dataset", "x"]
name_part = st.text(TEXT, max_size=6) | st.sampled_from(TRICKY) | st.just("He")
name = st.fixed_dictionaries(
    {}, optional={"family": name_part, "given": name_part, "literal": name_part, "non-dropping-particle": name_part}
)
date = st.fixed_dictionaries(
    {},
    optional={
        "date-parts": st.lists(
            st.lists(
                st.integers(-5, 3000) | st.sampled_from(["2019", "x", "", "09", "²", "١٢", "2019-09"]), max_size=3
            ),
            max_size=2,
        ),
        "raw": st.text(TEXT, max_size=10),
        "literal": st.text(TEXT, max_size=10),
        "season": st.integers(1, 4),
    },
)
field_value = st.one_of(
    json_value,
    st.sampled_from(TRICKY),
    st.lists(st.sampled_from(TRICKY), min_size=1, max_size=3).map("".join),
    st.lists(name, max_size=3),
    date,
    st.sampled_from(TYPES),
    st.sampled_from(["Citation Key: k1\nPMID: 123\ntex.x: y", "trialbib-trial: table1 row 1", "issued: 2019-13-45"]),
)
csl_item = st.dictionaries(st.sampled_from(FIELDS), field_value, max_size=8).map(
    lambda d: {"type": "article-journal", "id": "k", **d} if "type" not in d else d
)


@SETTINGS
@given(st.one_of(st.lists(csl_item, max_size=3), json_value))
def test_csljson_importer_loads_or_reports(data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False)
    import_pipeline(text, ".json")
    bib = parse_csljson(text, "in.json")
    loaded(bib, "in.json", text)
    if bib.items and all(item["id"] for item in bib.items):  # an empty id is the importer's to fill
        again = parse_csljson(write_csljson(bib.items), "out.json")
        assert again.problems == []
        assert again.items == bib.items


JSON_PIECES = ['[', ']', '{', '}', '"id"', '"type"', ':', ',', '"article-journal"', '"x"', '1', 'null', '\n',
               '"issued"', '{"date-parts": [[2019]]}', '"\\u00e9"', '"\\ud800"', '\\', ' ']  # fmt: skip


@SETTINGS
@given(st.lists(st.sampled_from(JSON_PIECES) | st.text(TEXT, max_size=3), max_size=40).map("".join))
def test_csljson_text_loads_or_reports(text: str) -> None:
    bib = parse_csljson(text, "in.json")
    loaded(bib, "in.json", text)
    if not bib.items and not bib.problems:
        assert json.loads(text) == []  # nothing loaded and nothing said: only an empty list


# -- RIS -----------------------------------------------------------------------------------------

RIS_TAGS = ["TY", "ER", "AU", "A1", "A2", "TI", "T1", "T2", "JO", "JF", "J2", "PY", "Y1", "DA", "Y2", "VL", "IS",
            "SP", "EP", "DO", "LA", "N1", "ID", "UR", "SN", "KW", "AB", "PB", "CY", "ET", "M3", "ZZ"]  # fmt: skip
RIS_VALUES = ["JOUR", "BOOK", "CHAP", "GEN", "XXXX", "He, J.", "He", "van der Berg, A., Jr.", ", ,", "2019",
              "2019/09/19/", "2019//", "2019/²/1", "²⁰¹⁹", "١٢", "2019-13-45", "x/y/z", "", "Citation Key: k",
              "PMID: 1\nx", "trialbib-trial: t1", "10.1/x", "78", "209", "en", "  "]  # fmt: skip


@st.composite
def ris_text(draw: Any) -> str:
    lines = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(st.sampled_from(RIS_TAGS))
        value = draw(st.sampled_from(RIS_VALUES) | st.text(TEXT, max_size=6))
        sep = draw(st.sampled_from(["  - ", "  -", " - ", "  - "]))
        lines.append(f"{tag}{sep}{value}")
    if draw(st.booleans()):
        lines.append("ER  - ")
    return draw(st.sampled_from(["\n", "\r\n"])).join(lines)


@SETTINGS
@given(ris_text())
def test_ris_importer_loads_or_reports(text: str) -> None:
    import_pipeline(text, ".ris")
    ris_round_trip(text)


@SETTINGS
@given(st.text(TEXT, max_size=200))
def test_ris_reader_on_any_text(text: str) -> None:
    ris_round_trip(text)


def ris_round_trip(text: str) -> None:
    """RIS text loads (and its items survive the RIS writer) or gives a located trialbib error."""
    try:
        bib = parse_ris(text, "in.ris")
    except TrialbibError as exc:
        located(exc.location, "in.ris", text)
        return
    loaded(bib, "in.ris", text)
    again = parse_ris(write_ris(bib.items)[0], "out.ris")
    assert again.items == bib.items


# -- trials CSV ----------------------------------------------------------------------------------

CELLS = ["1", "2", "3", "", "SLE", "a; b", "Treg↑", "Th17 down", "x↓; y", '"', '""', "1/2", "0.3/x", "yes", "no",
         "maybe", "effective", "not evaluated", "SLEDAI↓", "he2016lowdose", "2016", "1e400", "-1", "nan",
         "single-center", "China; Japan", "\n", "\ufeff", "１", "٣"]  # fmt: skip


@st.composite
def trials_csv(draw: Any) -> str:
    header = draw(st.lists(st.sampled_from([*COLUMNS, "colour", "Table", " disease "]), min_size=1, max_size=9))
    rows = draw(st.lists(st.lists(st.sampled_from(CELLS) | st.text(TEXT, max_size=4), max_size=10), max_size=5))
    quote = draw(st.booleans())
    cell = (lambda c: '"' + c.replace('"', '""') + '"') if quote else (lambda c: c)
    return "\n".join(",".join(cell(c) for c in row) for row in [header, *rows])


@st.composite
def damaged_shipped_csv(draw: Any) -> str:
    """The shipped records as CSV with up to three cells replaced: often still valid, so the
    round trip below is exercised (random tables almost never are)."""
    from paths import ROOT

    rows = [line.split(",") for line in _shipped_csv(str(ROOT / "trials.yaml")).splitlines()]
    for _ in range(draw(st.integers(0, 3))):
        row = draw(st.integers(1, len(rows) - 1))
        column = draw(st.integers(0, len(rows[row]) - 1))
        rows[row][column] = draw(st.sampled_from(CELLS) | st.text(TEXT, max_size=4))
    return "\n".join(",".join(row) for row in rows)


@functools.lru_cache(maxsize=1)
def _shipped_csv(path: str) -> str:
    return trials_to_csv(read_trials(path))


def _records(trials: TrialSet) -> tuple[Any, ...]:
    return (
        [dataclasses.replace(t, line=None) for t in trials.published],
        [dataclasses.replace(t, line=None) for t in trials.unpublished],
        trials.titles,
    )


@SETTINGS
@given(trials_csv() | damaged_shipped_csv())
def test_trials_csv_loads_or_gives_trialbib_error(text: str) -> None:
    try:
        trials = parse_trials_csv(text, "t.csv")
    except TrialbibError as exc:
        located(exc.location, "t.csv", text)
        assert "\n" not in str(exc)
    else:
        assert trials.published or trials.unpublished
        assert _records(parse_trials_csv(trials_to_csv(trials), "again.csv")) == _records(trials)


# -- manuscripts ---------------------------------------------------------------------------------

MD_PIECES = ["[", "]", "@", "@a", "-@b", "@{x y}", "@fig:1", "[@a; @b]", "[1]", "[1-3]", "[2019-10-01]", "^1,2^",
             "<sup>", "</sup>", "`", "```", "~~~", "<!--", "-->", "\n", " ", ";", ",", "张", "a@b.com", "9" * 30,
             "[1–99999]", "–", "p. 3"]  # fmt: skip
TEX_PIECES = ["\\cite", "\\citep", "\\cites", "\\nocite", "\\parencite*", "{", "}", "[", "]", "a", ",", "*", "%",
              "\\%", "\n", " ", "\\begin{verbatim}", "\\end{verbatim}", "k1", "\\", "张"]  # fmt: skip


def check_positions(text: str, latex: bool) -> None:
    manuscript = scan_manuscript(text, "m.md", latex=latex)
    lines = text.split("\n")
    for citation in manuscript.citations:
        assert 1 <= citation.line <= len(lines)
        assert 1 <= citation.column <= len(lines[citation.line - 1]) + 1
        assert (citation.key is None) != (citation.number is None)
        if citation.key is not None and citation.syntax == "latex":
            assert lines[citation.line - 1][citation.column - 1 :].startswith(citation.key)
    assert manuscript.keys == list(dict.fromkeys(manuscript.keys))


@SETTINGS
@given(st.lists(st.sampled_from(MD_PIECES) | st.text(TEXT, max_size=3), max_size=40).map("".join))
def test_markdown_scanner_total_with_true_positions(text: str) -> None:
    check_positions(text, latex=False)


@SETTINGS
@given(st.lists(st.sampled_from(TEX_PIECES) | st.text(TEXT, max_size=3), max_size=40).map("".join))
def test_latex_scanner_total_with_true_positions(text: str) -> None:
    check_positions(text, latex=True)


BIB_PIECES = ["@article{", "@book{", "@misc{", "@string{s = {x}}", "}", "{", ",", " = ", "title", "author", "doi",
              "url", "year", "date", "month", "pages", "journal", "and others", "He, J.", "10.1038/nm.4148",
              "Low-dose interleukin-2 treatment", "2016", "2019-09-19", "\\&", "{\\'e}", "#", "s", '"', "%", "\n",
              "k1", "he2016lowdose", "张三"]  # fmt: skip


@SETTINGS
@given(st.lists(st.sampled_from(BIB_PIECES) | st.text(TEXT, max_size=3), max_size=40).map("".join))
def test_bibtex_importer_loads_or_reports(text: str) -> None:
    import_pipeline(text, ".bib")


# -- printed references --------------------------------------------------------------------------
# tests/crosscheck/test_parse.py fuzzes whole lists with random text; here a printed reference is
# built from its fields, with odd spacing, so the parser must give the same fields back.

family = st.sampled_from(["He", "Zhang", "MORGAN", "Le Duff", "O'Brien", "张"])
initials = st.sampled_from(["J", "XY", "D A", "M"])
author = st.builds(lambda f, i: f"{f} {i}", family, initials)
space = st.sampled_from(["", " ", "  "])


@st.composite
def gbt_reference(draw: Any) -> tuple[str, dict[str, Any]]:
    names = draw(st.lists(author, min_size=1, max_size=4, unique=True))
    etal = draw(st.booleans())
    title = draw(st.sampled_from(["Low-dose interleukin-2 treatment", "T cells in SLE", "白介素-2 治疗"]))
    journal = draw(st.sampled_from(["Nat Med", "Ann Rheum Dis", "北京大学学报(医学版)"]))
    year, volume, issue = draw(st.integers(1950, 2030)), draw(st.integers(1, 300)), draw(st.integers(1, 12))
    first = draw(st.integers(1, 5000))
    pages = f"{first}-{first + draw(st.integers(0, 50))}"
    s = [draw(space) for _ in range(4)]
    text = (
        f"[{draw(st.integers(1, 99))}]{s[0]}{', '.join(names)}{', et al' if etal else ''}. {title}[J]. "
        f"{journal},{s[1]}{year},{s[2]}{volume}({issue}):{s[3]}{pages}."
    )
    fields = {"authors": tuple(names), "truncated": etal, "title": title, "container": journal, "year": str(year),
              "volume": str(volume), "issue": str(issue), "pages": pages}  # fmt: skip
    return text, fields


@SETTINGS
@given(gbt_reference(), st.sampled_from(["", " ", "   ", "\t"]))
def test_printed_reference_gives_its_fields_back(reference: tuple[str, dict[str, Any]], pad: str) -> None:
    text, fields = reference
    entry = parse_reference(pad + text + pad)
    assert {name: getattr(entry, name) for name in fields} == fields
    assert entry.form == "gbt"
    assert entry.unread is None


@SETTINGS
@given(gbt_reference(), st.sampled_from([" " * 300, ". " * 300, "[J]" * 100, ", " * 300, "(" * 300]))
def test_printed_reference_with_long_runs_is_total(reference: tuple[str, dict[str, Any]], run: str) -> None:
    """Runs of spaces, stops or brackets: once a lazy pattern's backtracking without end."""
    text, _ = reference
    for damaged in (run + text, text + run, text[:20] + run + text[20:]):
        entry = parse_reference(damaged)
        assert entry.text == damaged
