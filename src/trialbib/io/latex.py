"""LaTeX in field values to Unicode text, and back.

pylatexenc does the decoding; it is only called when a value holds a backslash or a dollar,
because most real values hold neither and stripping their braces is all they need.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_DASHES = (("---", "\u2014"), ("--", "\u2013"))


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


def latex_to_text(value: str, *, dashes: bool = True) -> str:
    """Unicode text of a BibTeX field value: escapes decoded, braces dropped, spaces collapsed."""
    if "\\" in value or "$" in value:
        text = _converter().latex_to_text(value)
    else:
        text = value.replace("{", "").replace("}", "").replace("~", " ")
        if dashes and "--" in text:
            for tex, char in _DASHES:
                text = text.replace(tex, char)
    return _SPACE.sub(" ", text).strip()


_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL_RE = re.compile(r"[\\{}&%$#_~^]")


def escape_latex(text: str) -> str:
    """Escape the characters LaTeX treats as special; Unicode letters are left to the engine."""
    return _SPECIAL_RE.sub(lambda m: _SPECIALS[m.group(0)], text)
