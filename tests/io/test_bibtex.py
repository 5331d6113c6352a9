"""references.bib against the printed list, and the BibTeX reader on its own."""

from __future__ import annotations

import re

import pytest

from trialbib.io.bibtex import normalize_pages, parse_bibtex, parse_names

# An independent reading of a printed GB/T journal entry, written for this test only.
PRINTED = re.compile(
    r"^\[(?P<n>\d+)\] (?P<authors>.+?)\. (?P<title>.+?) ?\[J(?P<ol>/OL)?\]\. "
    r"(?P<journal>[^,]+), (?P<year>\d{4}),\s?"
    r"(?:(?P<volume>\d+)(?:\((?P<issue>[^)]+)\))?:(?P<pages>[\w-]+))?"
)

# Where the data deliberately differs from the print, and why (the cross-check reports these).
TITLE_FIXES = {
    8: ("CD4+effector", "CD4+ effector"),  # a space lost in the print
    9: ("CD4+T cells", "CD4+ T cells"),  # a space lost in the print
    11: ("pri-mary", "primary"),  # line-break hyphenation left in the title
    22: ("pri-mary", "primary"),
}
JOURNAL_FIXES = {20: ("Cytom B Clin Cytom", "Cytometry B Clin Cytom")}  # as in [19], the NLM form


def printed_fields(line: str) -> dict[str, str]:
    match = PRINTED.match(line)
    assert match, f"test regex does not read: {line}"
    return {k: v for k, v in match.groupdict().items() if v is not None}


def test_24_entries_in_article_order(bib, printed):
    assert len(bib) == 24 == len(printed)
    assert not bib.problems


@pytest.mark.parametrize("n", range(1, 25), ids=lambda n: f"ref{n}")
def test_entry_matches_printed(bib, printed, n):
    fields = printed_fields(printed[n - 1])
    item = bib.items[n - 1]
    assert int(fields["n"]) == n

    names = [a.strip() for a in fields["authors"].split(",") if a.strip()]
    truncated = names[-1] == "et al"
    if truncated:
        names = names[:-1]
    got = [f"{a['family']} {a.get('given', '').replace('.', '').replace(' ', '')}" for a in item["author"]]
    assert got == names
    assert bool(item.get("custom", {}).get("author-truncated")) == truncated

    title = " ".join(fields["title"].split())
    if n in TITLE_FIXES:
        wrong, right = TITLE_FIXES[n]
        assert wrong in title
        title = title.replace(wrong, right)
    assert item["title"] == title

    journal = fields["journal"]
    if n in JOURNAL_FIXES:
        journal = JOURNAL_FIXES[n][1]
    assert item["container-title"] == journal
    assert item["issued"]["date-parts"][0][0] == int(fields["year"])
    assert item.get("volume") == fields.get("volume")
    assert item.get("issue") == fields.get("issue")
    assert item.get("page") == fields.get("pages")
    assert item["language"] == "en"
    assert (item["type"], bool(fields.get("ol"))) == ("article-journal", "accessed" in item)


@pytest.mark.parametrize(
    ("n", "online", "accessed"),
    [(1, [2019, 9, 19], [2019, 10, 1]), (6, [2019, 9, 8], [2019, 10, 1]), (23, [2019, 10, 14], [2019, 10, 16])],
)
def test_online_first_dates_are_data(bib, printed, n, online, accessed):
    item = bib.items[n - 1]
    assert item["issued"]["date-parts"] == [online]
    assert item["accessed"]["date-parts"] == [accessed]
    assert "volume" not in item  # the printed "9(2019-09-19)" is not a volume
    line = printed[n - 1]
    assert f"({online[0]}-{online[1]:02d}-{online[2]:02d})[{accessed[0]}-{accessed[1]:02d}-{accessed[2]:02d}]" in line


def test_identifiers_only_from_the_checked_list(bib):
    dois = {i + 1: item.get("DOI") for i, item in enumerate(bib.items) if item.get("DOI")}
    assert dois[1] == "10.1136/annrheumdis-2019-215396"
    assert dois[24] == "10.1097/MD.0000000000015094"
    assert set(dois) == {1, 2, 3, 4, 6, 8, 9, 11, 12, 13, 19, 21, 24}
    pmids = {i + 1 for i, item in enumerate(bib.items) if item.get("PMID")}
    assert pmids == {1, 2, 3, 8, 9, 11, 13, 14, 16, 19, 21, 24}
    assert bib.items[23]["PMCID"] == "PMC6485794"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("991--993", "991-993"),
        ("e15094", "e15094"),
        ("S116--S123", "S116-S123"),
        ("R795 -- R804", "R795-R804"),
        ("4:1--4:56", "4:1-4:56"),
        ("116\u2013123", "116-123"),
    ],
)
def test_page_ranges_normalised(raw, expected):
    assert normalize_pages(raw) == expected


@pytest.mark.parametrize(
    ("raw", "names", "truncated"),
    [
        (
            "He, J. and Zhang, R. and others",
            [{"family": "He", "given": "J."}, {"family": "Zhang", "given": "R."}],
            True,
        ),
        ("Le Duff, F.", [{"family": "Le Duff", "given": "F."}], False),
        ("Ludwig van Beethoven", [{"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"}], False),
        (r"Sj{\"o}gren, Henrik", [{"family": "Sjögren", "given": "Henrik"}], False),
        ("{World Health Organization}", [{"literal": "World Health Organization"}], False),
        ("张, 三", [{"family": "张", "given": "三"}], False),
    ],
)
def test_names_split(raw, names, truncated):
    assert parse_names(raw) == (names, truncated)


def test_latex_decoded_and_strings_resolved():
    bib = parse_bibtex(
        '@string{nm = "Nat Med"}\n'
        "@article{k, author={M{\\\"u}ller, A.}, title={{\\'E}tude \\& {IL-2}}, journal=nm # { X},"
        " year=2020, month=sep, urldate={2021-01-02}, langid={chinese}, pages={1--2}}\n"
    )
    assert not bib.problems
    item = bib.items[0]
    assert item["author"] == [{"family": "Müller", "given": "A."}]
    assert item["title"] == "Étude & IL-2"
    assert item["container-title"] == "Nat Med X"
    assert item["issued"] == {"date-parts": [[2020, 9]]}
    assert item["accessed"] == {"date-parts": [[2021, 1, 2]]}
    assert item["language"] == "zh"
    assert item["page"] == "1-2"
    assert bib.locations["k"].line == 2


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        pytest.param("@article{a,\n title={Foo\n}\n@article{b, title={x}}\n", "SYN001", 1, id="unbalanced"),
        pytest.param("@article{title={Foo}, year=2000}\n", "KEY001", 1, id="no-key"),
        pytest.param("@article{a, title={x}}\n\n@article{a, title={y}}\n", "KEY002", 3, id="duplicate-key"),
        pytest.param("@article{a, title={x}, title={y}}\n", "SYN002", 1, id="duplicate-field"),
        pytest.param("@article{a,\n journal=foo}\n", "SYN003", 2, id="undefined-string"),
        pytest.param("@foo{a, title={y}}\n", "SYN004", 1, id="unknown-type"),
        pytest.param("@article{a, date={2019-13-01}}\n", "SYN001", 1, id="bad-date"),
    ],
)
def test_bad_entries_reported_never_dropped_silently(text, code, line):
    bib = parse_bibtex(text, source="x.bib")
    assert [(p.code, p.location.line) for p in bib.problems][:1] == [(code, line)]
    assert all(p.location.file == "x.bib" for p in bib.problems)


def test_large_files_parse_in_pieces_with_file_line_numbers(monkeypatch):
    """Pieces are cut only where a block starts; lines, @strings and duplicate keys span them."""
    from trialbib.io import bibtex

    monkeypatch.setattr(bibtex, "CHUNK_CHARS", 200)
    text = "@string{nm = {Nat Med}}\n" + "".join(
        f"@article{{k{i},\n  title = {{Title {i}}},\n  journal = nm,\n  year = {{2020}},\n}}\n\n" for i in range(40)
    )
    text += "@article{k3,\n  title = {Again},\n}\n"
    assert len(bibtex._chunks(text)) > 5  # noqa: SLF001  (the private splitter is what this test is about)
    bib = parse_bibtex(text, source="big.bib")
    assert bib.keys == [f"k{i}" for i in range(40)]
    assert all(item["container-title"] == "Nat Med" for item in bib.items)
    assert bib.locations["k39"].line == 2 + 39 * 6
    assert [(p.code, p.location.line) for p in bib.problems] == [("KEY002", 2 + 40 * 6)]
    assert "(first at line 20)" in bib.problems[0].message


def test_sources_are_optional():
    text = "@article{a, title = {T}, year = {2020}}\n"
    assert set(parse_bibtex(text).sources) == {"a"}
    assert parse_bibtex(text, keep_sources=False).sources == {}


# --- issue 12: what biber accepts is read; one bad entry or field never sinks the file ---------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("@article{a,\n  title = {T},\n  % note = {x},\n  year = {2019}\n}\n", id="comment-line"),
        pytest.param("@article{a,\n  title = {T},\n%  note = {x}\n  year = {2019}\n}\n", id="comment-no-comma"),
        pytest.param("@article{a,\n  title = {T}, % why\n  year = {2019}\n}\n", id="trailing-comment"),
        pytest.param("@article{a,\n  title = {T},\n  % abstract = {open {,\n  year = {2019}\n}\n", id="comment-brace"),
        pytest.param("@comment{jabref-meta: x}\n@article{a, title = {T}, year = 2019}\n", id="at-comment"),
        pytest.param("@article  {  a ,\n\ttitle\t=\t{T}\t,year = 2019 ,\n}\n", id="odd-whitespace"),
        pytest.param("@article(a, title = {T}, year = 2019)\n", id="parentheses"),
    ],
)
def test_biber_accepts_and_so_do_we(text):
    bib = parse_bibtex(text, "x.bib")
    assert not bib.problems
    assert bib.get("a")["title"] == "T"
    assert bib.get("a")["issued"] == {"date-parts": [[2019]]}
    assert "note" not in bib.get("a")
    assert "abstract" not in bib.get("a")


def test_comment_keeps_field_lines():
    bib = parse_bibtex("@article{a,\n  title = {T},\n  % note = {x},\n  year = {2019}\n}\n", "x.bib")
    assert bib.sources["a"].field_lines == {"title": 2, "year": 4}


@pytest.mark.parametrize(
    ("month", "issued"),
    [
        pytest.param("{10-11}", {"date-parts": [[2019, 10], [2019, 11]]}, id="range"),
        pytest.param("oct", {"date-parts": [[2019, 10]]}, id="macro"),
        pytest.param("{October}", {"date-parts": [[2019, 10]]}, id="name"),
        pytest.param("{Spring}", {"date-parts": [[2019]], "season": 1}, id="season"),
    ],
)
def test_month_forms(month, issued):
    bib = parse_bibtex(f"@article{{a, title = {{T}}, year = 2019, month = {month}}}\n")
    assert bib.get("a")["issued"] == issued
    assert not bib.problems


@pytest.mark.parametrize(
    ("fields", "code", "says", "kept"),
    [
        pytest.param("year = 2019, month = {13}", "SYN001", "month '13'", {"date-parts": [[2019]]}, id="bad-month"),
        pytest.param("date = {2019-02-30}", "SYN001", "February has 28 days", None, id="february-30"),
        pytest.param("year = {" + "9" * 5000 + "}", "SYN001", "more than four digits", None, id="huge-year"),
        pytest.param(
            "date = {1-2 April, 2001}, year = 2001",
            "SYN001",
            "the year is used",
            {"date-parts": [[2001]]},
            id="date-and-year",
        ),
    ],
)
def test_bad_field_is_reported_and_the_entry_kept(fields, code, says, kept):
    bib = parse_bibtex(f"@article{{a, title = {{T}}, {fields}}}\n@article{{b, title = {{U}}}}\n", "x.bib")
    assert bib.keys == ["a", "b"]
    assert [p.code for p in bib.problems] == [code]
    assert says in bib.problems[0].message
    assert bib.get("a").get("issued") == kept


def test_unknown_type_is_read_as_misc_with_a_warning():
    bib = parse_bibtex("@foobar{a, title = {T}}\n@letter{b, title = {L}}\n", "x.bib")
    assert bib.get("a")["type"] == "document"
    assert bib.get("b")["type"] == "personal_communication"
    assert [(p.code, p.severity) for p in bib.problems] == [("SYN004", "warning")]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("Article ID 106347", "Article ID 106347", id="article-id"),
        pytest.param("e15094", "e15094", id="article-number"),
        pytest.param("1--3, 5--7", "1-3, 5-7", id="list-of-ranges"),
        pytest.param("698,704", "698,704", id="list-kept-as-written"),
        pytest.param("1--3,5", "1-3,5", id="list-separator-kept"),
        pytest.param("iii--xii", "iii--xii", id="roman-kept"),
        pytest.param("112 pp.", "112 pp.", id="page-count-text"),
        pytest.param("S1 -- S9", "S1-S9", id="letter-range"),
    ],
)
def test_pages_kept_as_written_unless_a_true_range(raw, expected):
    assert normalize_pages(raw) == expected


@pytest.mark.parametrize(
    ("raw", "names", "truncated"),
    [
        pytest.param("Takahashi, Ken-ichi", [{"family": "Takahashi", "given": "Ken-ichi"}], False, id="hyphenated"),
        pytest.param(
            "Ken-ichi Takahashi", [{"family": "Takahashi", "given": "Ken-ichi"}], False, id="hyphen-first-last"
        ),
        pytest.param(
            "de la Fontaine, Jean",
            [{"family": "Fontaine", "given": "Jean", "non-dropping-particle": "de la"}],
            False,
            id="particle",
        ),
        pytest.param(
            "King, Jr, Martin Luther", [{"family": "King", "given": "Martin Luther", "suffix": "Jr"}], False, id="jr"
        ),
        pytest.param(
            "{{World Health Organization}}", [{"literal": "World Health Organization"}], False, id="corporate-double"
        ),
        pytest.param("{Barnes and Noble, Inc.}", [{"literal": "Barnes and Noble, Inc."}], False, id="corporate-and"),
        pytest.param("Doe, J. and others", [{"family": "Doe", "given": "J."}], True, id="others"),
    ],
)
def test_more_names(raw, names, truncated):
    assert parse_names(raw) == (names, truncated)


def test_rich_text_fields_and_href_in_an_abstract():
    text = r"""@article{a,
  title = {\emph{In vitro} CD4$^{+}$ cells and TNF-$\alpha$},
  journal = {Journal of \textsc{Tests}},
  abstract = {see \href{http://x.org}{here} and {DNA}},
  volume = {\textbf{5}},
  year = 2019,
}
"""
    item = parse_bibtex(text).get("a")
    assert item["title"] == "<i>In vitro</i> CD4<sup>+</sup> cells and TNF-α"
    assert item["container-title"] == 'Journal of <span style="font-variant:small-caps;">Tests</span>'
    assert item["abstract"] == "see here and DNA"
    assert item["volume"] == "5"  # not a rich-text field: plain


def test_protected_case_as_nocase_when_asked():
    text = "@article{a, title = {{DNA} repair in {E. coli}}, year = 2019}\n"
    assert parse_bibtex(text).get("a")["title"] == "DNA repair in E. coli"
    rich = parse_bibtex(text, protect_case=True).get("a")["title"]
    assert rich == '<span class="nocase">DNA</span> repair in <span class="nocase">E. coli</span>'


def test_unknown_macro_warned_once_per_name_with_its_first_place():
    text = "@article{a, title = {\\foo{x}}}\n@article{b, title = {\\foo{y} \\emph{z}}}\n"
    bib = parse_bibtex(text, "x.bib")
    assert [(p.code, p.severity, p.location.key) for p in bib.problems] == [("TEX001", "warning", "a")]
    assert bib.get("b")["title"] == "y <i>z</i>"


def test_publisher_text_kept_volume_parts_and_multivolume_containers():
    """``publisher = {Springer Science and Business Media}`` is one publisher: kept as written
    (biber and pandoc's BibLaTeX mode would split it at "and")."""
    text = r"""@incollection{a, title = {Part}, booktitle = {Volume Two}, maintitle = {Collected Works},
  publisher = {Springer Science and Business Media}, volume = 7, part = 2, date = 2000}
@collection{c, title = {Space}, booktitle = {Space}, date = 2000}
"""
    bib = parse_bibtex(text)
    item = bib.get("a")
    assert item["publisher"] == "Springer Science and Business Media"
    assert item["container-title"] == "Collected Works"
    assert item["volume-title"] == "Volume Two"
    assert item["volume"] == "7.2"
    assert "container-title" not in bib.get("c")  # a booktitle on a book-level entry is for its children


def test_at_comment_without_braces_is_a_comment_as_in_bibtex():
    bib = parse_bibtex("@Comment I'm not sure about this one\n@article{a, title = {T}}\n@misc b\n", "x.bib")
    assert bib.keys == ["a"]
    assert [p.code for p in bib.problems] == ["SYN001"]
    assert bib.problems[0].location.line == 3


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("http://x.org/a_b", id="bare"),
        pytest.param(r"\url{http://x.org/a\_b}", id="url-macro"),
        pytest.param(r"\href{http://x.org/a_b}{the site}", id="href-macro"),
    ],
)
def test_url_field_with_or_without_a_macro(raw):
    assert parse_bibtex(f"@misc{{a, url = {{{raw}}}}}\n").get("a")["URL"] == "http://x.org/a_b"


# Classes found on held-out real bibliographies (docs/differential-heldout.md), one case each.
@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("Molins A, and Stufflebeam S. M.,", [{"family": "Molins A"}, {"family": "Stufflebeam S. M."}]),
        ("de la Fontaine Jean,", [{"family": "Fontaine Jean", "non-dropping-particle": "de la"}]),
        ("Smith, John", [{"family": "Smith", "given": "John"}]),
    ],
    ids=["trailing-comma-family-only", "trailing-comma-with-particle", "ordinary-comma"],
)
def test_name_with_trailing_comma_is_a_family_name_only(names, expected):
    assert parse_names(names)[0] == expected


def test_a_name_in_two_lists_is_read_once_and_handed_out_as_copies():
    """Names are memoised one by one (people recur across entries): a caller's edit stays its own."""
    first, _ = parse_names(r"M{\"u}ller, Hans and Smith, John")
    first[0]["given"] = "changed"
    second, _ = parse_names(r"Doe, Jane and M{\"u}ller, Hans")
    assert second == [{"family": "Doe", "given": "Jane"}, {"family": "Müller", "given": "Hans"}]


@pytest.mark.parametrize(
    ("entry", "field", "expected"),
    [
        ("@review{k, title={T}, journal={APSR}, volume={96}, number={4}, year=2002}", "issue", "4"),
        ("@article{k, title={T}, journal={J}, number={4}, entrysubtype={magazine}, year=2002}", "issue", "4"),
        ("@inbook{k, title={T}, booktitle={Tools}, journal={LNCS}, year=2000}", "container-title", "Tools"),
        ("@inproceedings{k, title={T}, booktitle={Proc. X}, journal={LNCS}, year=2000}", "container-title", "Proc. X"),
        ("@article{k, title={T}, journal={J}, booktitle={B}, year=2000}", "container-title", "J"),
    ],
    ids=[
        "review-number-is-issue",
        "magazine-number-is-issue",
        "inbook-booktitle-over-journal",
        "inproceedings-booktitle-over-journal",
        "article-journal-over-booktitle",
    ],
)
def test_number_and_container_by_entry_type(entry, field, expected):
    assert parse_bibtex(entry).items[0][field] == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Second", "2"),
        ("2nd", "2"),
        ("2nd ed.", "2"),
        ("Fourth Edition", "4"),
        ("10th", "10"),
        ("3rd revised", "3rd revised"),
        ("Revised", "Revised"),
        ("edition", "edition"),
    ],
    ids=["word", "suffix", "suffix-ed", "word-edition", "two-digits", "with-text-kept", "text-kept", "bare-word-kept"],
)
def test_edition_ordinals_become_numbers(raw, expected):
    item = parse_bibtex(f"@book{{k, title={{T}}, edition={{{raw}}}, year=2000}}").items[0]
    assert item["edition"] == expected


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            "@article{k, title={T}, journal={Times}, entrysubtype={newspaper}, date={2020-03-04}}",
            {"type": "article-newspaper", "issued": {"date-parts": [[2020, 3, 4]]}},
        ),
        (
            "@article{k, title={T}, journal={J}, volume=3, eid={106347}, year=2020}",
            {"type": "article-journal", "number": "106347"},
        ),
        (
            "@patent{k, title={W}, holder={{ACME Corporation}}, number={US 123}, year=2019}",
            {"author": [{"literal": "ACME Corporation"}], "number": "US 123"},
        ),
        (
            "@patent{k, title={W}, author={Doe, Jane}, holder={{ACME Corporation}}, year=2019}",
            {"author": [{"family": "Doe", "given": "Jane"}], "custom": {"holder": "ACME Corporation"}},
        ),
        (
            "@proceedings{k, title={Proc. of X}, editor={Doe, J.}, year=2000}",
            {"type": "book", "event-title": "Proc. of X"},
        ),
        ("@proceedings{k, title={Proc.}, eventtitle={X 2000}, year=2000}", {"event-title": "X 2000"}),
    ],
    ids=[
        "newspaper-subtype",
        "eid-is-article-number",
        "patent-holder-as-author",
        "patent-author-kept",
        "proceedings-event-title",
        "proceedings-own-eventtitle",
    ],
)
def test_biblatex_type_specific_fields(entry, expected):
    item = parse_bibtex(entry).items[0]
    assert {name: item.get(name) for name in expected} == expected


def test_proceedings_prints_as_conference_in_gbt_2025():
    from trialbib.api import render

    bib = parse_bibtex(
        "@proceedings{k, title={Proc. of X}, editor={Doe, J.}, publisher={ACM}, address={NY}, year=2000}"
    )
    assert "Proc. of X[C]" in str(render(bib, style="gb7714-2025"))


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (r"howpublished={\url{http://www.math.mcgill.ca/makkai/}}", {"URL": "http://www.math.mcgill.ca/makkai/"}),
        ("howpublished={https://example.org/a}", {"URL": "https://example.org/a"}),
        ("howpublished={Zenodo}", {"publisher": "Zenodo"}),
        ("howpublished={arXiv:1806.01261 [cs.LG]}", {"publisher": "arXiv:1806.01261 [cs.LG]"}),
        ("publisher={Pub}, howpublished={CD-ROM}", {"publisher": "Pub", "medium": "CD-ROM"}),
        ("organization={Org}, howpublished={Online}", {"publisher": "Org", "medium": "Online"}),
        ("medium={CD-ROM}", {"medium": "CD-ROM"}),
        ("url={http://x.org}, howpublished={http://y.org}", {"URL": "http://x.org", "medium": "http://y.org"}),
    ],
    ids=[
        "url-macro",
        "bare-address",
        "text-is-publisher",
        "arxiv-is-publisher",
        "beside-publisher-medium",
        "beside-organization-medium",
        "own-name-medium",
        "own-url-wins",
    ],
)
def test_howpublished_address_is_the_url_and_text_the_publisher(fields, expected):
    """As biblatex prints it (in the publisher's place) and pandoc reads it; an address is the URL."""
    item = parse_bibtex(f"@misc{{k, title={{T}}, {fields}}}").items[0]
    names = ("URL", "medium", "publisher")
    assert {name: item.get(name) for name in names} == dict.fromkeys(names) | expected


@pytest.mark.parametrize(
    ("preamble", "title", "expected"),
    [
        (r'"\providerobustcmd*{\addat}{@}"', r"x\addat y", "x@y"),
        (r'"\DeclareRobustCommand{\slash}{/}"', r"and\slash{}or", "and/or"),
        (r'"\newcommand{\noopsort}[1]{}"', r"\noopsort{a}b", "b"),
        (r'"\providecommand{\x}{a}" # "\providecommand{\y}{b}"', r"\x\y{} \emph{c}", "ab <i>c</i>"),
    ],
    ids=["robust-cmd-eats-space", "declare-with-empty-braces", "argument-macro-not-expanded", "concatenated"],
)
def test_preamble_macros_without_arguments_are_expanded(preamble, title, expected):
    bib = parse_bibtex(f"@preamble{{{preamble}}}\n@article{{a, title = {{{title}}}}}\n")
    assert bib.items[0]["title"] == expected
    assert not bib.problems


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(r"Correia, Jo\~{a}o", {"family": "Correia", "given": "João"}, id="tilde-braced-letter"),
        pytest.param(r"Jo\~ao Silva", {"family": "Silva", "given": "João"}, id="tilde-bare-letter"),
        pytest.param(r"Jo{\~a}o Silva", {"family": "Silva", "given": "João"}, id="tilde-in-braces"),
        pytest.param(r"\'{E}douard Duchesnay", {"family": "Duchesnay", "given": "Édouard"}, id="accented-initial"),
        pytest.param(r"Ben\'\i tez, N.", {"family": "Benítez", "given": "N."}, id="dotless-i-and-space"),
        pytest.param(r"D.~E. Knuth", {"family": "Knuth", "given": "D. E."}, id="tie-stays-a-space"),
        pytest.param(r"Fran\c cois Pottier", {"family": "Pottier", "given": "François"}, id="cedilla-with-space"),
        pytest.param(r"\v Skoda, Jan", {"family": "Škoda", "given": "Jan"}, id="caron-with-space"),
        pytest.param(
            r"\'{e}tienne de la Bo\'{e}tie",
            {"family": "Boétie", "non-dropping-particle": "étienne de la"},
            id="lower-accent-is-particle",
        ),
    ],
)
def test_an_accent_in_a_name_is_one_letter_not_a_tie(raw, expected):
    """``\\~{a}`` is ã, not a tie (``~``) that splits the word, as bibtex reads ``{\\~a}``."""
    (name,) = parse_names(raw)[0]
    assert name == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(r"{Jos\'e} Reinaldo Silva", {"family": "Silva", "given": "José Reinaldo"}, id="braced-word"),
        pytest.param(r"A. A. K{\"u}hn", {"family": "Kühn", "given": "A. A."}, id="braced-accent"),
    ],
)
def test_accents_inside_braces_are_left_as_written(raw, expected):
    (name,) = parse_names(raw)[0]
    assert name == expected


@pytest.mark.parametrize(
    ("raw", "parts"),
    [
        pytest.param("{a # b}", ["{a # b}"], id="no split"),
        pytest.param('acm # " Press" # {, NY}', ["acm", '" Press"', "{, NY}"], id="three parts"),
        pytest.param('"a # b" # c', ['"a # b"', "c"], id="hash in quotes"),
        pytest.param('{"} # x', ['{"}', "x"], id="quote in braces opens nothing"),
        pytest.param('"} {"} # x"', ['"} {"} # x"'], id="braces in quotes count"),
        pytest.param("a ## b", ["a", "b"], id="empty part dropped"),
        pytest.param("#", [""], id="only a hash"),
    ],
)
def test_split_concat(raw: str, parts: list[str]) -> None:
    from trialbib.io.bibtex import _split_concat

    assert _split_concat(raw) == parts
