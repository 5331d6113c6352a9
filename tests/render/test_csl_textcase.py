"""Title case piece by piece, as citeproc-js cases English titles (render/csl/textcase.py);
expected values checked against citeproc-js 1.4, but for the deliberate ``ClinicalTrials.gov``
(citeproc-js: ``ClinicalTrials.Gov``)."""

from __future__ import annotations

import pytest
from citeproc.string import String

from trialbib.render.csl.textcase import title_case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a threshold of ln n for set cover", "A Threshold of Ln n for Set Cover", id="one-letter-piece"),
        pytest.param("comments on: on learning", "Comments on: On Learning", id="stop-word-before-colon"),
        pytest.param("the ϵ-domination based algorithm", "The ϵ-Domination Based Algorithm", id="lone-greek-letter"),
        pytest.param("employee pro-environmental behavior", "Employee Pro-Environmental Behavior", id="hyphen-first"),
        pytest.param("out-of-fashion initiatives", "Out-of-Fashion Initiatives", id="hyphen-later"),
        pytest.param("nobody knows you're a dog", "Nobody Knows You're a Dog", id="inner-apostrophe"),
        pytest.param("results (with notes) and [more]", "Results (with Notes) and [More]", id="brackets"),
        # a name or code with capitals and a dot stays as written (citeproc-js: ClinicalTrials.Gov)
        pytest.param("registered at ClinicalTrials.gov", "Registered at ClinicalTrials.gov", id="domain"),
        pytest.param("preprint arXiv:1912.11462 [cs.AI]", "Preprint arXiv:1912.11462 [Cs.AI]", id="arxiv-class"),
        pytest.param("what is it? a study of", "What Is It? A Study Of", id="last-stop-word"),
    ],
)
def test_title_case(text: str, expected: str) -> None:
    assert str(title_case(String(text))) == expected


def test_a_subscript_after_one_letter_keeps_it_lower_case() -> None:
    # b<sub>2</sub>: the markup is a private-use marker pair around the 2
    assert str(title_case(String("distributions of b\ue0162\ue017"))) == "Distributions of b\ue0162\ue017"
