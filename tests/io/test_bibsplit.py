"""The fast splitter gives exactly bibtexparser's blocks: types, keys, values, lines, raw text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import bibtexparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trialbib.io import bibsplit
from trialbib.io.bibsplit import split_blocks

DATA = Path(__file__).resolve().parents[1] / "data"


def _norm(block: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"type": type(block).__name__, "line": block.start_line, "raw": block.raw}
    for name in ("key", "value", "comment", "entry_type", "duplicate_keys"):
        if hasattr(block, name):
            out[name] = getattr(block, name)
    if hasattr(block, "fields"):
        out["fields"] = [(f.key, f.value, f.start_line) for f in block.fields]
    if hasattr(block, "error"):
        out["error"] = str(block.error)
    inner = getattr(block, "ignore_error_block", None)
    if inner is not None:
        out["inner"] = _norm(inner)
    return out


def _same(text: str) -> list[dict[str, Any]]:
    ours = [_norm(b) for b in split_blocks(text)]
    theirs = [_norm(b) for b in bibtexparser.parse_string(text, parse_stack=[]).blocks]
    assert ours == theirs
    return ours


USUAL = """% a file comment
@string{jan2 = "January"}
@article{Smith2020,
  author = {Smith, John and M{\\"u}ller, Anna},
  title = {The {DNA} of {\\emph{E. coli}}: 50\\% of it},
  journal = "Nature",
  year = 2020,
  month = jan # jan2,
  note = {see \\{x\\} and @home},
}

Some text between entries.

@Book{b1, title={T}, publisher = {P}}
"""

CASES = {
    "usual": USUAL,
    "comment line inside": "@article{a,\n  title = {T},\n% note = {x},\n  year = {2020}\n}\n",
    "percent in a value": "@article{a, title = {50% more}, note = {x}}\n",
    "string and concatenation": '@string{acm = {ACM}}\n@book{b, publisher = acm # " Press" # {, NY}}\n',
    "string in quotes": '@STRING{ieee = "IEEE {C}omputer"}\n@misc{m, howpublished = ieee}\n',
    "quotes with braces": '@article{q, title = "The {DNA} of {F}oo", year = "2001"}\n',
    "quote inside quotes": '@article{q, title = "say {"}hi{"}", year = 1}\n',
    "escaped quote": '@article{q, title = "a \\" b", year = 1}\n',
    "parentheses": "@article(p, title = {T (1)}, year = 2001)\n@book{b, title={x}}\n",
    "unbalanced open": "@article{u, title = {never closed,\n  year = 2001\n}\n@book{b, title = {ok}}\n",
    "unbalanced close": "@article{u, title = {T}}}, year = 2001}\n@book{b, title = {ok}}\n",
    "missing comma": "@article{u, title = {T} year = {2001}}\n@book{b, title = {ok}}\n",
    "crlf": "@article{c,\r\n  title = {T},\r\n  year = {2001}\r\n}\r\n\r\n@book{b,\r\n title={x}}\r\n",
    "bom": "\ufeff@article{bom, title = {T}}\n",
    "latin-1 text": "@article{l, author = {M\xfcller, J\xfcrgen}, title = {\xc9tude}}\n",
    "duplicate keys": "@article{d, title={1}}\n@article{d, title={2}}\n@string{s={a}}\n@string{s={b}}\n",
    "duplicate field": "@article{d, title={1}, title={2}}\n",
    "at in a value": "@article{a, note = {mail a@b.org or @misc{x}}, title={T}}\n",
    "at mark after an entry": "@article{a, title={T}} @book{b, title={U}}\n",
    "block start inside a value": "@article{a, note = {x\n@book{b, title={U}}\n",
    "backslash newline": "@article{a, title = {T \\\n x},\n year={1}}\n@book{b, title={U}}\n",
    "escaped braces": "@article{a, title = {\\{ and \\\\{x} and \\}}}\n",
    "deep braces": "@article{a, title = {{{{{{deep}}}}}}}\n",
    "no fields": "@misc{k}\n@misc{k2,}\n",
    "key with space": "@misc{two words, title={x}}\n",
    "comment and preamble": '@comment{x}\n@preamble{"\\newcommand{\\a}{b}"}\n@commentary{c, title={x}}\n',
    "empty": "",
    "only text": "just a line\nand another\n",
    "lone at": "@article missing its brace\n@book{b, title={U}}\n",
    "entry at end without newline": "@book{b, title={U}}",
    "unicode space before at": "\u2003@book{b, title={U}}\n\x85@misc{m, title={V}}\n",
    "no type": "@{k, title={x}}\n",
    "strings variants": "@strings{a = {b}}\n@string{c = d}\n@string(e = {f})\n",
    "comment between fields": "@article{a,\n  title = {T}, % why\n  year = 2001\n}\n",
    "escaped quote closes quotes": '@article{q, author = "Paul H{\\"o}ft and X", title = {T}}\nrest\n',
    "escaped braces and concatenation": "@article{e, title = {a \\{ b} # {c\\}}, note = {\\}x}\n",
    "multi-line values": '@article{m,\n  title = {One\n    two},\n\n  author = "A\n and B",\n  year\n  =\n 2001}\n',
    "field names differing in case": "@article{c, title = {1}, Title = {2}, TITLE = {3}}\n",
    "keys differing in case": "@article{k, title={1}}\n@article{K, title={2}}\n@string{s={a}}\n@string{S={b}}\n",
    "entry and string share a key": "@string{x = {a}}\n@misc{x, title = x}\n@misc{x, title = {again}}\n",
    "duplicate after a slow block": "@misc{d, title = {a \\\n b}}\n@misc{d, title = {c}}\n",
    "text after the closing brace": "@misc{a, title = {T}} trailing words\n  more\n@misc{b, title = {U}}",
    "unclosed before end": "@misc{a, title = {T},\n",
    "fields after the closing brace": "@misc{a, title = {T}} x = {y}, z = {w}}\n@misc{b, title={U}}\n",
    "closing brace after a comma, then text": "@misc{a,\n  title = {T},\n}  % done\n@misc{b, title={U},}",
    "closing brace ends the text": "@misc{a, title = {T}}",
    "crlf normalised": '@string{s = "S"}\n@misc{a,\n  title = s # { x},\n  year = 2001,\n}\n\n% end',
}


@pytest.mark.parametrize("text", [pytest.param(text, id=name) for name, text in CASES.items()])
def test_same_blocks_as_bibtexparser(text: str) -> None:
    _same(text)


def test_the_usual_shape_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    slow: list[str] = []
    original = bibsplit.slow_blocks

    def spy(text: str, start: int, end: int, *args: Any) -> bool:
        slow.append(text[start:end])
        return original(text, start, end, *args)

    monkeypatch.setattr(bibsplit, "slow_blocks", spy)
    blocks = _same(USUAL)
    assert [b["type"] for b in blocks] == ["ImplicitComment", "String", "Entry", "ImplicitComment", "Entry"]
    assert slow == ["% a file comment\n"]  # only the text before the first block


@pytest.mark.parametrize("path", sorted(DATA.glob("*/*.bib")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_same_blocks_on_the_test_files(path: Path) -> None:
    _same(path.read_bytes().decode("utf-8", errors="replace"))


# Real-looking entries built from pieces, with what trips splitters mixed in.
VALUE_PIECES = [
    "word", " ", "Smith, J.", " and ", "{DNA}", "{\\'e}", '\\"o', "\\&", "50\\%", "%", "$\\alpha$", "{", "}",
    '"', "{\"}", "\\{", "\\}", "\\\\", ",", "=", "#", "@", "@misc{", "\n", "\n@book{x,", "\r\n", "(", ")", "é",
    "\\\n", "~", "--",
]  # fmt: skip
value = st.lists(st.sampled_from(VALUE_PIECES), max_size=8).map("".join)
enclosed = st.one_of(
    value.map(lambda v: "{" + v + "}"),
    value.map(lambda v: '"' + v + '"'),
    st.sampled_from(["2020", "jan", "acm", "x # {y}", '"a" # b']),
)
field = st.tuples(
    st.sampled_from(["title", "author", "year", "Title", "note", "% note", "key word", "title"]),
    st.sampled_from([" = ", "=", " =\n  ", "\t= "]),
    enclosed,
).map("".join)
entry = st.tuples(
    st.sampled_from(["@article{", "@Book{", "@misc (", "@string{", "@comment{", "@preamble{", "@inproceedings {"]),
    st.sampled_from(["k1", "k2", " k3 ", "", "a b"]),
    st.lists(field, max_size=5),
    st.sampled_from([",\n  ", ", ", ",\r\n\t"]),
    st.sampled_from(["\n}", "}", ",\n}", ")", "", "}}"]),
    st.sampled_from(["\n\n", "\n", " ", "\n% comment\n", "\njunk @ text\n", "\r\n", " @misc{"]),
).map(lambda t: t[0] + t[1] + "," + t[3].join(t[2]) + t[4] + t[5])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.lists(entry, max_size=6).map("".join))
def test_same_blocks_on_generated_files(text: str) -> None:
    _same(text)


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list('@{}()",=#%\\\n a')), max_size=60))
def test_same_blocks_on_any_text(text: str) -> None:
    _same(text)


def _read_both(text: str) -> list[tuple[Any, Any]]:
    """Each fast-path entry of ``text`` read by ``_raw_entry`` as it is and as bibtexparser's block."""
    from trialbib.io.bibsplit import FastEntry, FastString, read_blocks
    from trialbib.io.bibtex import _raw_entry, _resolve

    out: list[tuple[Any, Any]] = []
    strings = {"acm": "ACM"}
    for block in read_blocks(text):
        if type(block) is FastString and block.value.isalnum():
            strings[block.key.lower()] = block.value
        elif type(block) is FastString:
            strings[block.key.lower()] = _resolve(block.value, strings, "@string")
        if type(block) is not FastEntry:
            continue
        read = []
        for entry in (block, block.block()):
            problems: list[Any] = []
            raw = _raw_entry(problems, entry, strings, "f.bib", entry.start_line + 1, 7, {"addat": "@"})
            read.append((raw, problems))
        out.append((read[0], read[1]))
    return out


@pytest.mark.parametrize("text", [pytest.param(text, id=name) for name, text in CASES.items()])
def test_fast_entries_read_as_bibtexparser_blocks(text: str) -> None:
    for fast, slow in _read_both(text):
        assert fast == slow


FIELD_VALUES = [
    "{T}", '"Q"', "2001", "jan", "acm", "undefined", "{a \\{ b}", "{x} # acm", '"a {b} c"', "{}", '""', '"H{\\"o}ft"',
    '"a \\" # b"', '"} {"} # x"', '"a # b"', "{a # b}", '{M{\\"u}ller}', "{a \\} b}",
]  # fmt: skip


@pytest.mark.parametrize("value", FIELD_VALUES)
def test_fast_values_as_bibtexparser_values(value: str) -> None:
    text = f"@string{{s = {{S}}}}\n@misc{{k,\n  title = {value},\n  note = {{\\textbraceleft{{}} \\addat}}\n}}\n"
    both = _read_both(text)
    assert len(both) == 1  # the usual shape: read by the fast path
    (fast, slow) = both[0]
    assert fast == slow
    assert fast[0] is None or fast[0].field_lines == {"title": 10, "note": 11}  # lines 3 and 4, offset 7


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(st.lists(entry, max_size=6).map("".join))
def test_fast_entries_on_generated_files(text: str) -> None:
    for fast, slow in _read_both(text):
        assert fast == slow


LONG = "x" * 1_000_001
SIZES = {
    "too long": (f"@misc{{k,\n  title = {{T}},\n  note = {{{LONG}}}\n}}\n", "SYN005", 10),
    "too long, quoted": (f'@misc{{k,\n  title = {{T}},\n\n  note = "{LONG}"\n}}\n', "SYN005", 11),
    "many braces, shallow": ("@misc{k,\n  title = {" + "{a}" * 150 + "}\n}\n", None, None),
    "too long after a field in another case": (f"@misc{{k,\n  Note = {{a}},\n  note = {{{LONG}}}}}\n", "SYN005", 10),
    "undefined macro": ("@misc{k,\n  title = {T},\n  note = nosuch\n}\n", "SYN003", 10),
    "undefined macro in a concatenation": ('@misc{k,\n  title = {T},\n  note = "a" # nosuch\n}\n', "SYN003", 10),
}  # the line of the field refused: its line in the text + 7 (the offset _read_both gives)


@pytest.mark.parametrize(("text", "code", "line"), list(SIZES.values()), ids=list(SIZES))
def test_fields_refused_with_their_line(text: str, code: str | None, line: int | None) -> None:
    both = _read_both(text)
    assert len(both) == 1  # the usual shape: read by the fast path
    (fast, slow) = both[0]
    assert fast == slow
    raw, problems = fast
    if code is None:
        assert raw is not None
        assert not problems
    else:
        assert raw is None
        assert [(p.code, p.location.line) for p in problems] == [(code, line)]


@pytest.mark.parametrize(
    "text",
    [
        "@misc{k, TITLE = {T}, Year = 2001, mOnTh = jan}\n",
        "@misc{k, title = {A \\textbraceleft{} B}, note = {\\addat x}}\n",
        "@string{m = {\\addat}}\n@misc{k, title = {plain}, note = m, month = M}\n",
        '@string{b = "x \\textbraceright y"}\n@misc{k, note = b # {z}}\n',
    ],
    ids=["names in unusual case", "backslash in the entry", "backslash only in an @string", "brace word in an @string"],
)
def test_fast_fields_with_and_without_backslashes(text: str) -> None:
    both = _read_both(text)
    assert both
    for fast, slow in both:
        assert fast == slow
        assert fast[0] is not None
