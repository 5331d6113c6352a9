"""Findings say what is wrong in words that fit the case (held-out review, issue 17)."""

from __future__ import annotations

import pytest

from trialbib.checks.rules.fmt011_invalid_url import url_problem


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("file:///C:/Users/a/Downloads/paper.pdf", "is a file on one computer", id="local-file"),
        pytest.param("http://a.org/x http://www.a.org/x", "holds several URLs", id="two-urls"),
        pytest.param("http://a.org/My Paper.pdf", "contains a space", id="space"),
        pytest.param("hdl.handle.net/1765/10172", "needs a scheme", id="no-scheme"),
    ],
)
def test_url_message(url, expected):
    assert (url_problem(url) or "").startswith(expected)


def test_url_passes():
    assert url_problem("https://doi.org/10.1038/nm.4148") is None
