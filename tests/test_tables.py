"""Evidence tables: cells against the article's text, labels, numbers, formats, filters, checks."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re

import pytest

from paths import ARTICLE, DATA
from trialbib.errors import Location, UsageError
from trialbib.model import Bibliography, Change, Dose, Efficacy, PublishedTrial, TrialSet, UnpublishedTrial
from trialbib.tables import (
    CHECKS,
    TABLE1_HEADER,
    TABLE2_HEADER,
    Table,
    author_label,
    build_tables,
    check_tables,
    collapse_numbers,
    filter_trials,
    format_tables,
    parse_label,
    table1_rows,
)


def squeeze(text: str) -> str:
    return "".join(text.split())


def seed_table(number: int) -> tuple[str, str, list[list[str]]]:
    """Title, header line and rows (as whitespace tokens) of a table in the article's text.

    The page wraps a Table 1 row after a trailing comma and puts a second author-year label on
    its own line; such lines continue the row before them.
    """
    text = (ARTICLE / "tables.txt").read_text("utf-8")
    block = text.split("Table 2")[0] if number == 1 else text.split("Table 2")[1]
    lines = [ln.strip() for ln in block.splitlines() if ln.strip() and ln.strip() != "Table 1"]
    title, header, body = lines[0].rstrip('"'), lines[1], lines[2:]
    rows: list[str] = []
    for line in body:
        if rows and (rows[-1].endswith(",") or re.match(r"^[A-Z][\w-]+ et al\.\(", line)):
            rows[-1] += " " + line
        else:
            rows.append(line)
    return title, header, [row.split() for row in rows]


def split_cells(tokens: list[str], cells: tuple[str, ...]) -> list[str]:
    """The seed row cut into cells at whitespace, each as long as the rendered cell (spaces aside)."""
    result, rest = [], list(tokens)
    for cell in cells:
        want, taken = squeeze(cell), []
        while rest and len("".join(taken)) < len(want):
            taken.append(rest.pop(0))
        result.append(norm(" ".join(taken)))
    assert not rest, f"seed tokens left over: {rest}"
    return result


def norm(text: str) -> str:
    """Spacing the page is loose about dropped: around punctuation and arrows, and the space
    after the superscript in "CD56^bright NK", which the page's text lost. Spaces between words
    and numbers stay, so "SLE 1" (two cells) never equals "SLE1"."""
    text = re.sub(r"\s*([^\w\s])\s*", r"\1", " ".join(text.split()))
    return text.replace("CD56bright NK", "CD56brightNK")


def article_cell(cell: str) -> str:
    """A References cell as the article writes it: one label per line, no '; ' between them."""
    return norm(cell.replace("; ", " "))


@pytest.mark.parametrize("number", [1, 2])
def test_every_cell_equals_the_article(number, trials, bib):
    title, header, seed_rows = seed_table(number)
    table = build_tables(trials, bib, tables=(number,))[0]
    assert table.title == title
    assert " ".join(table.header) == header
    assert len(table.rows) == len(seed_rows)
    for cells, tokens in zip(table.rows, seed_rows, strict=True):
        assert [article_cell(c) for c in cells] == split_cells(tokens, cells), cells[0]


def test_headers_are_the_articles():
    assert TABLE1_HEADER[-1] == "References"
    assert len(TABLE1_HEADER) == 5
    assert TABLE2_HEADER == ("Disease", "Year", "Type", "Number", "Country")


def test_labels_recomputed_equal_the_printed_and_the_stored(trials, bib):
    _, _, seed_rows = seed_table(1)
    for trial, tokens in zip(trials.published, seed_rows, strict=True):
        printed = split_cells(tokens, table1_rows(TrialSet(published=[trial]), bib)[0])[-1]
        printed_label = squeeze(re.sub(r"\[[\d, -]+\]", "", printed))
        computed = [author_label([bib.by_key[k] for k in keys]) for keys in _groups(trial)]
        assert squeeze("".join(computed)) == printed_label, trial.disease
        assert squeeze("".join(computed)) == squeeze((trial.label or "").replace(";", "")), trial.disease


def _groups(trial: PublishedTrial) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for key in trial.references:
        groups.setdefault(re.match(r"[a-z]+", key)[0], []).append(key)  # type: ignore[index]
    return list(groups.values())


def test_numbers_are_the_reference_lists(trials, bib):
    cells = {row[0]: row[-1] for row in table1_rows(trials, bib)}
    assert cells["SLE"] == "He et al. (2016, 2019) [1,2]"
    assert cells["ITP"] == "Zhang et al. (2018) [19,20]"
    assert cells["GVHD"] == "Betts et al. (2017) [15]; Zhao et al. (2016) [16]"
    # the numbers follow the order given, not the file: reverse it and [1,2] becomes [23,24]
    reverse = list(reversed(bib.keys))
    assert table1_rows(trials, bib, reverse)[0][-1] == "He et al. (2016, 2019) [23,24]"


@pytest.mark.parametrize(
    ("numbers", "min_run", "expected"),
    [
        pytest.param([1, 2], 3, "1,2", id="two-listed"),
        pytest.param([20, 19], 3, "19,20", id="sorted"),
        pytest.param([1, 2, 3, 5], 3, "1-3,5", id="three-collapse"),
        pytest.param([19, 20], 2, "19-20", id="gb7714-two"),
        pytest.param([4, 4, 7], 3, "4,7", id="duplicates-once"),
        pytest.param([1, 2, 3, 4, 6, 7], 2, "1-4,6-7", id="runs-of-two"),
    ],
)
def test_collapse_numbers(numbers, min_run, expected):
    assert collapse_numbers(numbers, min_run) == expected


def item(key: str, families: list[str], year: int | None, truncated: bool = False) -> dict:
    data: dict = {"id": key, "author": [{"family": f} for f in families]}
    if year is not None:
        data["issued"] = {"date-parts": [[year]]}
    if truncated:
        data["custom"] = {"author-truncated": True}
    return data


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        pytest.param([item("a", ["Castela"], 2014)], "Castela (2014)", id="one-author"),
        pytest.param([item("a", ["Shao", "Gao"], 2019)], "Shao and Gao (2019)", id="two-authors"),
        pytest.param([item("a", ["Shao", "Gao"], 2019, truncated=True)], "Shao et al. (2019)", id="and-others"),
        pytest.param([item("a", ["A", "B", "C"], 2001)], "A et al. (2001)", id="three-authors"),
        pytest.param(
            [item("a", ["He", "X", "Y"], 2019), item("b", ["He", "Z", "W"], 2016)],
            "He et al. (2016, 2019)",
            id="two-years",
        ),
        pytest.param([item("a", ["Doe"], None)], "Doe (n.d.)", id="no-date"),
    ],
)
def test_author_label(items, expected):
    assert author_label(items) == expected


def test_two_authors_from_the_bibliography(bib):
    assert author_label([bib.by_key["shao2019progress"]]) == "Shao and Gao (2019)"


# -- formats -----------------------------------------------------------------------------------

ODD = TrialSet(
    published=[
        PublishedTrial(
            1,
            "A<b>&c|50%_x",
            Dose((0.5,)),
            Efficacy("measured", (Change("CK", "down"),)),
            (Change("Treg", "up"),),
            ("a",),
        )
    ],
    unpublished=[UnpublishedTrial(1, "RA", 2016, "single-center", 47, ("China", "France"), True)],
    titles={1: "Odd & <hard> #1"},
)
ODD_BIB = Bibliography(items=[item("a", ["O'Brien"], 2020)])


def odd_tables() -> list[Table]:
    return build_tables(ODD, ODD_BIB)


def test_html_escapes_every_cell():
    text = format_tables(odd_tables(), "html")
    assert "<caption>Table 1. Odd &amp; &lt;hard&gt; #1</caption>" in text
    assert "<td>A&lt;b&gt;&amp;c|50%_x</td>" in text
    assert "<td>O&#x27;Brien (2020) [1]</td>" in text
    assert "<b>" not in text


def test_latex_escapes_and_draws_arrows():
    text = format_tables(odd_tables(), "latex")
    row = r"A\textless{}b\textgreater{}\&c\textbar{}50\%\_x & 0.5 & CK$\downarrow$ & Treg$\uparrow$"
    assert row + r" & O'Brien (2020) [1] \\" in text
    assert r"\caption{Odd \& \textless{}hard\textgreater{} \#1}" in text
    assert "↑" not in text
    assert "↓" not in text


def test_markdown_escapes_pipes():
    text = format_tables(odd_tables(), "markdown")
    assert r"| A\<b\>\&c\|50%\_x | 0.5 | CK↓ | Treg↑ | O'Brien (2020) [1] |" in text


def test_markdown_table2_golden(trials, bib):
    expected = (DATA / "tables" / "table2.md").read_text("utf-8")
    assert format_tables(build_tables(trials, bib, tables=(2,)), "markdown") == expected


def test_csv_and_json_hold_the_cells(trials, bib):
    tables = build_tables(trials, bib)
    rows = list(csv.reader(io.StringIO(format_tables(tables, "csv"))))
    assert rows[0] == [f"Table 1. {trials.titles[1]}"]
    assert rows[1] == list(TABLE1_HEADER)
    assert [tuple(r) for r in rows[2:12]] == list(tables[0].rows)
    assert rows[12] == []
    assert rows[14] == list(TABLE2_HEADER)
    data = json.loads(format_tables(tables, "json"))
    assert [tuple(r) for r in data[1]["rows"]] == list(tables[1].rows)
    assert data[0]["header"] == list(TABLE1_HEADER)
    assert data[0]["number"] == 1


def test_text_aligns_columns(trials, bib):
    lines = format_tables(build_tables(trials, bib, tables=(2,)), "text").splitlines()
    assert lines[2].startswith("Disease  ")
    assert set(lines[3]) == {"-", " "}
    assert lines[-1].split() == ["Amyotrophic", "lateral", "sclerosis", "2015", "Single-center", "36", "France"]
    assert (
        len({ln.index("2015") if "2015" in ln else ln.index("2016" if "2016" in ln else "2017") for ln in lines[4:]})
        == 1
    )


def test_unknown_format_is_a_usage_error(trials, bib):
    with pytest.raises(UsageError, match="unknown table format 'docx'"):
        format_tables(build_tables(trials, bib), "docx")


def test_key_missing_from_the_list_is_refused(trials, bib):
    order = [k for k in bib.keys if k != "castela2014effects"]
    with pytest.raises(UsageError, match=r"table1 row 9 \(Alopecia areata\) cites 'castela2014effects'") as info:
        table1_rows(trials, bib, order)
    assert info.value.location == Location(trials.source, trials.published[8].line, key="castela2014effects")


# -- query -------------------------------------------------------------------------------------


def diseases(trials: TrialSet) -> list[str]:
    return [t.disease for t in trials.published] + [f"2:{t.disease}" for t in trials.unpublished]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        pytest.param({"disease": "sle"}, ["SLE", "2:SLE"], id="disease-any-case-both-tables"),
        pytest.param({"disease": "RA"}, ["11 kinds of autoimmune diseases such as RA", "2:RA"], id="disease-words"),
        pytest.param({"disease": "sclerosis"}, ["2:Multiple sclerosis", "2:Amyotrophic lateral sclerosis"], id="word"),
        pytest.param({"population": "Th17", "direction": "down"}, ["SLE", "SS"], id="population-direction"),
        pytest.param({"population": "th17/treg"}, ["AS"], id="population-exact"),
        pytest.param({"population": "NK", "direction": "down"}, [], id="no-match"),
        pytest.param({"direction": "down"}, ["SLE", "SS", "AS", "Alopecia areata"], id="direction-alone"),
        pytest.param(
            {"population": "Treg", "direction": "up", "dose_max": 0.5},
            ["AS", "DM/PM", "GVHD", "T1DM"],
            id="readme-example",
        ),
        pytest.param({"dose_min": 1.5}, ["SS", "GVHD", "HCV-induced vasculitis", "T1DM", "Alopecia areata"], id="min"),
        pytest.param({"dose_min": 0.4, "dose_max": 0.6}, ["AS", "DM/PM"], id="range"),
        pytest.param({"table": 2, "disease": "SS"}, ["2:SS"], id="table"),
        pytest.param({"key": "zhang2018therapeutic"}, ["ITP"], id="key"),
        pytest.param({"key": "morgan1976selective"}, [], id="key-not-in-tables"),
    ],
)
def test_filters_return_the_right_rows(trials, filters, expected):
    result = filter_trials(trials, **filters)
    assert diseases(result) == expected
    assert result.titles == trials.titles


def test_filtered_rows_keep_their_numbers(trials):
    assert [t.row for t in filter_trials(trials, key="castela2014effects").published] == [9]


@pytest.mark.parametrize(
    ("filters", "words"),
    [
        pytest.param({"direction": "sideways"}, "unknown direction", id="direction"),
        pytest.param({"table": 3}, "there is no table 3", id="table"),
    ],
)
def test_bad_filters(trials, filters, words):
    with pytest.raises(UsageError, match=words):
        filter_trials(trials, **filters)


# -- checks ------------------------------------------------------------------------------------


def relink(trials: TrialSet, disease: str, **changes) -> TrialSet:
    published = [dataclasses.replace(t, **changes) if t.disease == disease else t for t in trials.published]
    return dataclasses.replace(trials, published=published)


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def test_shipped_tables_are_clean(trials, bib):
    assert check_tables(trials, bib) == []
    assert all(code.startswith(("TAB", "CIT")) for code in CHECKS)


def test_wrong_first_author_is_found(trials, bib):
    problems = check_tables(relink(trials, "ITP", references=("zhang2018low", "castela2014effects")), bib)
    assert codes(problems) == ["TAB001"]
    assert "table1 row 8 (ITP), label 'Zhang et al.(2018)'" in problems[0].message
    assert "'castela2014effects' is by Castela (2014)" in problems[0].message
    assert problems[0].location.key == "castela2014effects"
    assert problems[0].location.line == trials.published[7].line


def test_wrong_year_is_found(trials, bib):
    problems = check_tables(relink(trials, "ITP", references=("zhang2018low", "zhang2019circulating")), bib)
    assert codes(problems) == ["TAB002"]
    assert problems[0].message.startswith("table1 row 8 (ITP), label 'Zhang et al.(2018)': linked reference")
    assert "'zhang2019circulating' (Zhang) is from 2019, the label gives 2018" in problems[0].message


def test_wrong_key_leaves_a_printed_citation_unlinked(trials, bib):
    problems = check_tables(relink(trials, "SLE", references=("he2016lowdose",)), bib)
    assert codes(problems) == ["TAB003"]
    assert "table1 row 1 (SLE)" in problems[0].message
    assert "cites He (2019)" in problems[0].message


def test_missing_key_is_found(trials, bib):
    problems = check_tables(relink(trials, "AS", references=("an2019absolute", "nosuch2020")), bib)
    assert codes(problems) == ["CIT003"]
    assert "table1 row 3 (AS) cites unknown key 'nosuch2020'" in problems[0].message


def test_label_form_is_a_warning(trials, bib):
    problems = check_tables(relink(trials, "Alopecia areata", label="Castela (2014)"), bib)
    assert [(p.code, p.severity) for p in problems] == [("TAB004", "warning")]
    assert "writes 'Castela' where the references give 'Castela et al.'" in problems[0].message


def test_reference_missing_from_rendered_list(trials, bib):
    order = [k for k in bib.keys if k != "betts2017il2"]
    problems = check_tables(trials, bib, order)
    assert codes(problems) == ["TAB005"]
    assert "table1 row 5 (GVHD) cites 'betts2017il2'" in problems[0].message


def test_unreadable_label(trials, bib):
    problems = check_tables(relink(trials, "SS", label="Miao et al 2018"), bib)
    assert codes(problems) == ["TAB006"]
    assert "table1 row 2 (SS)" in problems[0].message


def test_changed_year_in_the_bibliography_fails_naming_the_row(tmp_path, trials):
    from paths import ROOT
    from trialbib.api import load_bibliography

    text = (ROOT / "references.bib").read_text("utf-8")
    start = text.index("@article{castela2014effects")
    changed = text[:start] + text[start:].replace("year      = {2014}", "year      = {2015}", 1)
    assert changed != text
    path = tmp_path / "references.bib"
    path.write_text(changed, "utf-8")
    problems = check_tables(trials, load_bibliography(path))
    assert codes(problems) == ["TAB002", "TAB003"]
    assert all("table1 row 9 (Alopecia areata)" in p.message for p in problems)
    assert "'castela2014effects' (Castela) is from 2015, the label gives 2014" in problems[0].message


@pytest.mark.parametrize(
    ("label", "groups"),
    [
        pytest.param("He et al.(2016,2019)", [("He et al.", "He", (2016, 2019))], id="printed"),
        pytest.param("Shao and Gao (2019)", [("Shao and Gao", "Shao", (2019,))], id="two"),
        pytest.param("Le Duff et al. (2014a)", [("Le Duff et al.", "Le Duff", (2014,))], id="suffix"),
        pytest.param(
            "Betts et al.(2017); Zhao et al.(2016)",
            [("Betts et al.", "Betts", (2017,)), ("Zhao et al.", "Zhao", (2016,))],
            id="groups",
        ),
        pytest.param("Doe (n.d.)", [("Doe", "Doe", (None,))], id="no-date"),
        pytest.param("He et al. 2016", None, id="no-parens"),
        pytest.param("He (20016)", None, id="bad-year"),
    ],
)
def test_parse_label(label, groups):
    parsed = parse_label(label)
    assert (None if parsed is None else [(g.authors, g.first, g.years) for g in parsed]) == groups


def test_one_table_as_csv_is_plain_csv(trials, bib):
    from trialbib.tables import build_tables

    rows = list(csv.reader(io.StringIO(format_tables(build_tables(trials, bib, tables=(2,)), "csv"))))
    assert rows[0] == ["Disease", "Year", "Type", "Number", "Country"]
    assert rows[-1] == ["Amyotrophic lateral sclerosis", "2015", "Single-center", "36", "France"]
