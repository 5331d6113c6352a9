"""LaTeX in field values to Unicode text, and back.

pylatexenc does the general decoding. It costs ~1 ms a value, so the accents and escapes that
make up nearly all real BibTeX (``{\\"o}``, ``\\'e``, ``\\&``) are decoded here by table first,
and pylatexenc sees only what is left; results are memoised, since names and journals repeat.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_DASHES = (("---", "\u2014"), ("--", "\u2013"))


@lru_cache(maxsize=1)
def _converter():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "r": "\u030a",
    "k": "\u0328", "d": "\u0323", "b": "\u0331",
}  # fmt: skip
_LETTERS = {
    "ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
    "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ",
}  # fmt: skip
_ACCENT_RE = re.compile(
    r"\\(?:(?P<sym>['`^\"~=.])|(?P<let>[cvuHrkdb])(?=[\s{]))\s*(?:\{\s*(?P<a>\\?[A-Za-z])\s*\}|(?P<b>\\?[A-Za-z]))"
)
_LOGOS = re.compile(r"\\(La)?TeX(e)?(?![A-Za-z])(?:\{\}|\s)?")
_LETTER_RE = re.compile(r"\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L|i|j)(?![A-Za-z])(?:\{\}|\s)?")
_ESCAPE_RE = re.compile(r"\\([&%$#_{} ])")


def _accent(match: re.Match[str]) -> str:
    mark = _ACCENTS[match.group("sym") or match.group("let")]
    base = match.group("a") or match.group("b")
    base = {"\\i": "i", "\\j": "j"}.get(base, base)
    return unicodedata.normalize("NFC", base + mark)


def _fast_decode(value: str) -> str:
    """Accents, special letters and escaped characters by table; other LaTeX is left as it is."""
    text = _ACCENT_RE.sub(_accent, value)
    text = _LOGOS.sub(lambda m: ("La" if m.group(1) else "") + "TeX" + ("2e" if m.group(2) else ""), text)
    text = _LETTER_RE.sub(lambda m: _LETTERS[m.group(1)], text)
    return _ESCAPE_RE.sub(lambda m: "\x00" + m.group(1), text)


@lru_cache(maxsize=65536)
def latex_to_text(value: str, *, dashes: bool = True) -> str:
    """Unicode text of a BibTeX field value: escapes decoded, braces dropped, spaces collapsed."""
    if "\\" in value or "$" in value:
        fast = _fast_decode(value) if "\\" in value else value
        if "\\" not in fast:
            plain = _plain_with_math(fast, dashes)
            if plain is not None:
                return _SPACE.sub(" ", plain.replace("\x00", "")).strip()
    if "\\" in value or "$" in value:
        try:
            text = _converter().latex_to_text(value)
        except RecursionError:  # pathological nesting: keep the letters rather than crash
            text = _plain(value, dashes)
    else:
        text = _plain(value, dashes)
    return _SPACE.sub(" ", text).strip()


_MATH = re.compile(r"(?<!\x00)\$([^$]*)(?<!\x00)\$")


def _plain_with_math(value: str, dashes: bool) -> str | None:
    """Text outside ``$...$`` made plain, math kept verbatim (as pylatexenc's verbatim mode does).

    None when a ``$`` is left unpaired: pylatexenc decides what that means.
    """
    parts, last = [], 0
    for match in _MATH.finditer(value):
        parts.append(_plain(value[last : match.start()], dashes))
        parts.append(match.group(0))
        last = match.end()
    rest = value[last:]
    if re.search(r"(?<!\x00)\$", rest):
        return None
    parts.append(_plain(rest, dashes))
    return "".join(parts)


def _plain(value: str, dashes: bool) -> str:
    """Braces dropped, ties as spaces, ``--``/``---`` as dashes; escaped characters (after NUL) kept."""
    text = re.sub(r"(?<!\x00)[{}]", "", value)
    text = re.sub(r"(?<!\x00)~", " ", text)
    if dashes and "--" in text:
        for tex, char in _DASHES:
            text = text.replace(tex, char)
    if "``" in text or "''" in text:
        text = text.replace("``", "\u201c").replace("''", "\u201d")
    return text


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
