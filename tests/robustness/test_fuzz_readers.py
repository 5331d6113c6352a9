"""Any input either loads or gives a trialbib error, never another exception.

Budgets are fixed (see SETTINGS) so the suite's time does not depend on hypothesis' mood; time
bounds per input are measured by benchmarks/robustness.py, not here.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trialbib.errors import TrialbibError
from trialbib.io.bibtex import parse_bibtex
from trialbib.io.dates import parse_date
from trialbib.io.files import decode
from trialbib.io.latex import latex_to_rich, latex_to_text, strip_tags
from trialbib.io.trials import parse_trials

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)

BIB_PIECES = [
    "@article{", "@book{", "@string{", "@comment{", "@preamble{", "@", "{", "}", "(", ")", '"', "=", ",", "#",
    " ", "\n", "key", "author", "title", "year", "month", "date", "pages", "and", "others", "jan", "2019",
    "2019-09-19", "1--2", "²", "٣", "\\", "\\'", '\\"', "{\\'e}", "\\&", "$", "%", "~", "张三", "Müller", "von",
]  # fmt: skip
bib_text = st.lists(st.sampled_from(BIB_PIECES) | st.text(max_size=5), max_size=60).map("".join)


@SETTINGS
@given(bib_text)
def test_bibtex_reader_never_crashes(text):
    bib = parse_bibtex(text, source="fuzz.bib")
    for problem in bib.problems:
        assert problem.location.file == "fuzz.bib"
        assert "\n" not in problem.message
    assert len(bib.items) == len(set(bib.keys))


@SETTINGS
@given(st.text(max_size=200))
def test_bibtex_reader_on_any_text(text):
    parse_bibtex(text)


@SETTINGS
@given(st.binary(max_size=200))
def test_decoder_loads_or_refuses(data):
    try:
        text = decode(data, "x.bib")
    except TrialbibError as exc:
        assert exc.location is not None
        assert exc.location.file == "x.bib"
    else:
        assert "\r" not in text


@SETTINGS
@given(st.lists(st.sampled_from(["\\", "{", "}", "'", '"', "c", "v", "e", "$", "_", "^", "--", " ", "x"]), max_size=30))
def test_latex_decoder_total(pieces):
    assert isinstance(latex_to_text("".join(pieces)), str)


YAML_PIECES = [
    "table1:", "table2:", "records:", "- ", "disease: ", "dose: ", "{values: [1]}", "efficacy: ", "effective",
    "immunology: []", "references: [a]", "year: 2016", "patients: ", "type: single-center", "countries: [X]",
    "\n", "  ", "    ", "[", "]", "{", "}", ":", "&a", "*a", "!!python/object", "'", '"', "null", "1e9", "-1",
]  # fmt: skip


@SETTINGS
@given(st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=4), max_size=40).map("".join))
def test_trials_loader_loads_or_gives_trialbib_error(text):
    try:
        parse_trials(text, source="t.yaml")
    except TrialbibError as exc:
        assert exc.location is not None
        assert exc.location.file == "t.yaml"


# Real macros, math and markup, in any order and nesting: the rich-text decoder never raises,
# leaves no known macro behind and writes balanced tags.
LATEX_PIECES = [
    "\\href{http://x.org/a_b%20}{", "\\href{", "\\url{http://x.org/~a#b}", "\\url{", "\\emph{", "\\textit{",
    "\\textbf{", "\\textsc{", "\\textsuperscript{", "\\textsubscript{", "{\\em ", "{\\bf ", "$", "$^{+}$", "$_2$",
    "$\\alpha$", "$\\beta$-cell", "$\\pm$", "$\\frac{1}{2}$", "^", "_", "\\alpha", "\\\\", "\\&", "\\%", "\\$",
    "\\_", "{\\\"o}", "\\'e", "{DNA}", "{", "}", "--", "---", "~", "%", "\\foo{", "\\cite{key}", "\\enquote{",
    " ", "x", "T", "3", "<", "&", "张",
]  # fmt: skip
KNOWN = re.compile(r"\\(?:emph|textit|textbf|textsc|textsuperscript|textsubscript|href|url|alpha|beta|pm|frac)\b")
TAG = re.compile(r'<(/?)(i|b|sup|sub|span)(?: (?:class="nocase"|style="font-variant:small-caps;"))?>')


def balanced(text: str) -> bool:
    stack: list[str] = []
    for match in TAG.finditer(text):
        if match.group(1):
            if not stack or stack.pop() != match.group(2):
                return False
        else:
            stack.append(match.group(2))
    return not stack


@SETTINGS
@given(st.lists(st.sampled_from(LATEX_PIECES), max_size=25).map("".join))
def test_rich_text_decoder_total_with_real_macros(value):
    rich, unknown = latex_to_rich(value)
    assert isinstance(rich, str)
    assert isinstance(unknown, tuple)
    assert not KNOWN.search(rich), (value, rich)
    assert balanced(rich), (value, rich)
    assert TAG.sub("", strip_tags(rich)) == strip_tags(rich)
    assert not KNOWN.search(latex_to_text(value)), value


@SETTINGS
@given(st.lists(st.sampled_from(LATEX_PIECES), max_size=12).map("".join))
def test_bibtex_reader_with_macros_in_every_field(value):
    text = f"@article{{a, title = {{{value}}}, abstract = {{{value}}}, author = {{{value}}}, year = 2019}}\n"
    bib = parse_bibtex(text, source="m.bib")
    for problem in bib.problems:
        assert problem.location.file == "m.bib"
        assert "\n" not in problem.message


@SETTINGS
@given(st.text(max_size=40) | st.from_regex(r"[0-9?~%/.XT:-]{0,30}", fullmatch=True))
def test_date_parser_total(text):
    date, problem = parse_date(text)
    assert (date is None) != (problem is None)
    if date is not None:
        assert all(isinstance(p, int) and abs(p) < 10000 for parts in date["date-parts"] for p in parts)
