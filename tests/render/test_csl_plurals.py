"""Label plurals (csl/plurals.py), as CSL 1.0.2 defines them."""

from __future__ import annotations

import pytest

from trialbib.render.csl.plurals import is_plural


@pytest.mark.parametrize(
    ("variable", "value", "plural"),
    [
        pytest.param("page", "1-2", True, id="range"),
        pytest.param("page", "i\u2013ix", True, id="roman-range"),
        pytest.param("page", "3-B", False, id="letter-end"),
        pytest.param("page", "3\\-8", False, id="escaped-hyphen"),
        pytest.param("page", "Michaelson-Morely", False, id="words"),
        pytest.param("page", "doi.org/10.1186/s40537-016-0043-6", False, id="first-value-no-number"),
        pytest.param("page", "pp. 5-7", True, id="label-typed-before-numbers"),
        pytest.param("locator", "213 et 235", True, id="localized-and"),
        pytest.param("locator", "12", False, id="one-number"),
        pytest.param("number-of-volumes", "1", False, id="one-volume"),
        pytest.param("number-of-volumes", 2, True, id="two-volumes"),
    ],
)
def test_plural(variable, value, plural):
    assert is_plural(variable, value) is plural
