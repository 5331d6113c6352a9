"""split_name_list cuts a name list at the word "and" outside braces, as a word-by-word reading does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trialbib.names import split_name_list


def _by_words(value: str) -> list[str]:
    """The rule read plainly: words one by one, braces counted, a free-standing "and" cuts at depth 0."""
    parts: list[list[str]] = [[]]
    depth = 0
    for word in value.split():
        if word.lower() == "and" and depth == 0:
            parts.append([])
            continue
        parts[-1].append(word)
        depth += word.count("{") - word.count("}")
    return [" ".join(words) for words in parts]


CASES = [
    ("He, J. and {World Health Organization}", ["He, J.", "{World Health Organization}"]),
    ("{Simon and Schuster} and Knuth, D.", ["{Simon and Schuster}", "Knuth, D."]),
    ("He and and Zhang", ["He", "", "Zhang"]),
    ("and He", ["", "He"]),
    ("He AND\tZhang\n and others", ["He", "Zhang", "others"]),
    ("Sand, A. and Andy Anderson", ["Sand, A.", "Andy Anderson"]),
    ("{A and B and} C and D", ["{A and B and} C", "D"]),
    ("A} and B and {C and D", ["A} and B and {C", "D"]),  # a stray "}" holds the cuts until "{"
    ("", [""]),
    ("and", ["", ""]),
]


@pytest.mark.parametrize(("value", "names"), CASES)
def test_split_name_list(value: str, names: list[str]) -> None:
    assert split_name_list(value) == names


@pytest.mark.parametrize(("value", "names"), CASES)
def test_reference_agrees_with_the_cases(value: str, names: list[str]) -> None:
    assert _by_words(value) == names


PIECES = ["and", "AND", "And", " ", "  ", "\t", "\n", "\xa0", "{", "}", "\\{", "x", "Smith", "sand", "andy", ","]


@settings(max_examples=1000, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_split_name_list_on_generated_lists(value: str) -> None:
    assert split_name_list(value) == _by_words(value)
