"""Any input either loads or gives a trialbib error, never another exception.

Budgets are fixed (see SETTINGS) so the suite's time does not depend on hypothesis' mood; time
bounds per input are measured by benchmarks/robustness.py, not here.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trialbib.errors import TrialbibError
from trialbib.io.bibtex import parse_bibtex
from trialbib.io.files import decode
from trialbib.io.latex import latex_to_text
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
        assert exc.location is not None and exc.location.file == "x.bib"
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
        assert exc.location is not None and exc.location.file == "t.yaml"
