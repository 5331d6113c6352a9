"""The finished HTML of the rich-text layer (csl.richtext) on small inputs of our own."""

from __future__ import annotations

import pytest

from trialbib.render.csl.richtext import finish


@pytest.mark.parametrize(
    ("rendered", "expected"),
    [
        pytest.param("1\u02b3\u1d49 \u00e9d.", "1<sup>r</sup><sup>e</sup> \u00e9d.", id="french-ordinal"),
        pytest.param("E=mc\u00b2", "E=mc<sup>2</sup>", id="digit"),
        pytest.param("n.\u00ba 5", "n.<sup>o</sup> 5", id="ordinal-indicator"),
        pytest.param("\u02c0", "<sup>\u0294</sup>", id="modifier-glottal-stop"),
        pytest.param("Brand\u2122", "Brand<sup>TM</sup>", id="two-letters"),
        pytest.param("x2", "x2", id="plain-untouched"),
    ],
)
def test_superscript_characters_are_written_as_sup(rendered, expected):
    assert finish(rendered) == expected


def test_an_empty_display_div_is_dropped():
    assert finish('<div class="csl-block"></div><div class="csl-indent">x</div>') == '<div class="csl-indent">x</div>'
