"""Style lookup and the safety of style parsing."""

from __future__ import annotations

import pytest

from trialbib.errors import StyleError
from trialbib.render.styles import DEFAULT_STYLE, check_style_xml, resolve_style, search_styles


@pytest.mark.parametrize(
    ("name", "stem"), [("gb7714", DEFAULT_STYLE), ("vancouver", "nlm-citation-sequence"), ("apa", "apa")]
)
def test_aliases(name, stem):
    assert resolve_style(name).path.endswith(f"{stem}.csl")


def test_search():
    assert DEFAULT_STYLE in search_styles("gb-t 7714")


@pytest.mark.parametrize(
    ("xml", "words", "line"),
    [
        pytest.param(
            b"<style xmlns='http://purl.org/net/xbiblio/csl'>\n<info>\n</style>", "not well-formed", 3, id="xml-error"
        ),
        pytest.param(
            b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n<style/>',
            "DTD or entities",
            2,
            id="entity-expansion",
        ),
        pytest.param(
            b'<?xml version="1.0"?>\n<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<style>&x;</style>',
            "DTD or entities",
            2,
            id="xxe",
        ),
        pytest.param(
            b"<style xmlns='http://purl.org/net/xbiblio/csl'><citation/></style>",
            "no <bibliography>",
            None,
            id="no-bibliography",
        ),
    ],
)
def test_bad_styles_refused(xml, words, line):
    with pytest.raises(StyleError) as info:
        check_style_xml(xml, "bad.csl")
    assert words in str(info.value)
    assert info.value.location.line == line
