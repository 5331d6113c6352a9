"""English title case and punctuation inside quotes as citeproc-js applies them.

citeproc-py's title case capitalizes only words outside a short stop list and never the parts
of a hyphenated word (``Low-dose``); citeproc-js capitalizes each part (``Low-Dose``) and keeps
prepositions such as ``after`` or ``between`` lower case. Words with a capital letter anywhere
are left as written (``IL-2``, ``mRNA``). The stop words are the single words of citeproc-js's
list; the first word, the last word and a word after a colon are always capitalized.
"""

from __future__ import annotations

import re
from typing import Any

from trialbib.render.csl.richtext import CLOSE, OPEN

STOP_WORDS = frozenset(
    [
        "about",
        "above",
        "across",
        "afore",
        "after",
        "against",
        "al",
        "along",
        "alongside",
        "amid",
        "amidst",
        "among",
        "amongst",
        "anenst",
        "apropos",
        "apud",
        "around",
        "as",
        "aside",
        "astride",
        "at",
        "athwart",
        "atop",
        "barring",
        "before",
        "behind",
        "below",
        "beneath",
        "beside",
        "besides",
        "between",
        "beyond",
        "but",
        "by",
        "circa",
        "despite",
        "down",
        "during",
        "et",
        "except",
        "for",
        "forenenst",
        "from",
        "given",
        "in",
        "inside",
        "into",
        "lest",
        "like",
        "modulo",
        "near",
        "next",
        "notwithstanding",
        "of",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "per",
        "plus",
        "pro",
        "qua",
        "sans",
        "since",
        "than",
        "through",
        "thru",
        "throughout",
        "thruout",
        "till",
        "to",
        "toward",
        "towards",
        "under",
        "underneath",
        "until",
        "unto",
        "up",
        "upon",
        "versus",
        "vs.",
        "v.",
        "vs",
        "v",
        "via",
        "vis-à-vis",
        "with",
        "within",
        "without",
        "or",
        "yet",
        "so",
        "and",
        "nor",
        "a",
        "an",
        "the",
        "de",
        "d'",
        "von",
        "van",
        "c",
        "ca",
    ]
)


# Where citeproc-js cuts a title into the pieces it cases one by one: quotes, dashes, slashes,
# sentence punctuation, brackets and inline markup (trialbib's private-use markers).
_PIECES = re.compile("([\u2018\u2019\u201c\u201d\"'\\-\u2013\u2014/.,;?!:\\[\\]()]|[\ue000-\uf8ff])")
_INNER = re.compile("(?<=\\w)['\u2019](?=\\w)")  # you’re: an apostrophe inside a word cuts nothing
_OPENERS = "\u201c\u201d\u2018\u2019\"'([{"


def _capitalise(piece: str) -> str:
    """The first letter upper case; a lone Greek letter (a symbol in a science title) stays."""
    if len(piece) == 1 and "\u0370" <= piece <= "\u03ff":
        return piece
    return piece[:1].upper() + piece[1:]


def _leaves(text: Any) -> list[Any]:
    """The plain strings a citeproc-py (mixed) string is made of, in order."""
    from citeproc.string import MixedString, String

    if isinstance(text, MixedString):
        return [leaf for part in text for leaf in _leaves(part)]
    return [text if isinstance(text, String) else String(str(text))]


# small caps, superscript and subscript markup of a field (richtext's markers) is left as written
_KEEP_OPEN = frozenset(OPEN[tag] for tag in ("sc", "sup", "sub"))
_KEEP_CLOSE = frozenset(CLOSE[tag] for tag in ("sc", "sup", "sub"))
_KEEP = _KEEP_OPEN | _KEEP_CLOSE


def title_case(text: Any) -> Any:
    """``text`` (a citeproc-py string) in English title case, piece by piece as citeproc-js
    does: a lower-case piece of two letters or more that is not a stop word is capitalized
    (``[cs.AI]`` -> ``[Cs.AI]``; ``ClinicalTrials.gov`` stays), and any piece that comes first
    or follows ``:``, ``?`` or ``!``; a one-letter piece stays as written (``ln n``). A stop
    word before a hyphen is capitalized only in the title's first stretch (``Pro-Environmental``,
    ``Out-of-Fashion``). The spaces between words stay as written (a no-break space too);
    ``nocase`` parts and small caps, superscript and subscript markup are left alone."""
    from citeproc.string import MixedString, NoCase

    leaves = _leaves(text)
    tokens = [[t for t in re.split(r"(\s+)", str(leaf)) if t] for leaf in leaves]
    words = [(i, k) for i, leaf in enumerate(tokens) for k, t in enumerate(leaf) if not t.isspace()]
    cased: dict[tuple[int, int], list[str]] = {}
    first, after_mark, cut = True, False, False
    last: tuple[tuple[int, int], int] | None = None
    inside = 0  # depth inside field markup that is implicitly nocase (citeproc-js)
    for i, k in words:
        raw = tokens[i][k]
        kept = inside > 0 or raw[0] in _KEEP_OPEN
        if not _KEEP.isdisjoint(raw):
            inside = max(0, inside + sum(c in _KEEP_OPEN for c in raw) - sum(c in _KEEP_CLOSE for c in raw))
        bare = raw.strip(_OPENERS).lower()
        elided = bare[:2] in ("d'", "d\u2019") and len(bare) > 2 and not (first or after_mark)
        if isinstance(leaves[i], NoCase) or kept or elided:  # d’horizon: the elided article stays lower case
            first = False
            after_mark, cut = raw.endswith((":", "?", "!")), True
            last = None  # the last word is this one, as written
            continue
        pieces = _PIECES.split(_INNER.sub("\x00", raw))
        capitals = not raw.islower()
        for j in range(0, len(pieces), 2):
            piece = pieces[j]
            # ClinicalTrials.gov: after a dot inside a name with capitals, as written
            # (citeproc-js: ClinicalTrials.Gov); [cs.AI] -> [Cs.AI] as citeproc-js
            domain = capitals and j >= 2 and pieces[j - 1] == "." and pieces[j - 2] != ""
            if piece and domain:
                first = after_mark = False
                last = ((i, k), j)
            elif piece:
                lower = piece.lower()
                hyphen = j + 1 < len(pieces) and pieces[j + 1] == "-" and not cut
                wanted = (len(piece) > 1 and lower not in STOP_WORDS) or hyphen or first or after_mark
                if wanted and piece == lower:
                    pieces[j] = _capitalise(piece)
                first = after_mark = False
                last = ((i, k), j)
            if j + 1 < len(pieces):
                cut = True
                after_mark = after_mark or pieces[j + 1] in ":?!"
        cased[(i, k)] = pieces
    if last is not None:  # the last word is capitalized even when a stop word (citeproc-js)
        final = cased[last[0]]
        piece = final[last[1]]
        if len(piece) > 1 and piece == piece.lower() and piece in STOP_WORDS:
            final[last[1]] = _capitalise(piece)
    for (i, k), pieces in cased.items():
        joined = "".join(pieces)
        for apostrophe in _INNER.findall(tokens[i][k]):
            joined = joined.replace("\x00", apostrophe, 1)
        tokens[i][k] = joined
    out = [leaf.__class__("".join(parts)) for leaf, parts in zip(leaves, tokens, strict=True)]
    return out[0] if len(out) == 1 else MixedString(out)


_DOTTED = {True: str.maketrans({"i": "\u0130"}), False: str.maketrans({"I": "\u0131", "\u0130": "i"})}


def change_case(text: Any, upper: bool, language: str | None = None) -> Any:
    """``text`` upper- or lower-cased except its ``nocase`` parts (citeproc-py cased those too);
    Turkish and Azeri keep the dot of their i (``ic`` -> ``İC``), as JavaScript's locale casing."""
    from citeproc.string import MixedString, NoCase

    dotted = (language or "")[:2].lower() in ("tr", "az")

    def cased(leaf: Any) -> Any:
        if isinstance(leaf, NoCase):
            return leaf
        if dotted:
            leaf = leaf.__class__(str(leaf).translate(_DOTTED[upper]))
        return leaf.upper() if upper else leaf.lower()

    out = [cased(leaf) for leaf in _leaves(text)]
    return out[0] if len(out) == 1 else MixedString(out)


_MOVABLE = re.compile("([\u201d\u2019])((?:</?[a-z]+[^>]*>|[\ue000-\uf8ff])*)([.,])")


_DOUBLED = re.compile("([?!])((?:</?[a-z]+[^>]*>|[\ue020-\ue02f\u201d\u2019])*)\\.")


def no_period_after_mark(text: str) -> str:
    """``When?.`` -> ``When?``: a period after a question or exclamation mark is dropped."""
    return _DOUBLED.sub(r"\1\2", text)


def punctuation_in_quote(text: str, close_quotes: str = "\u201d") -> str:
    """``“Title”.`` -> ``“Title.”`` (a locale with ``punctuation-in-quote="true"``, en-US)."""

    def move(match: re.Match[str]) -> str:
        quote, tags, mark = match.groups()
        if quote not in close_quotes:
            return match.group(0)
        before = text[match.start() - 1] if match.start() else ""
        if mark == "." and before in ".?!":
            return quote + tags
        if mark == "," and before in "?!,":
            return quote + tags
        return mark + quote + tags

    moved = _MOVABLE.sub(move, text)
    # an inner quotation that ends the outer one takes the mark too: “This is ‘The One.’”
    return re.sub(f"\u2019({_SKIP})([.,])([{re.escape(close_quotes)}])", "\\2\u2019\\1\\3", moved)


_SKIP = "(?:</?[a-z]+[^>]*>|[\ue000-\uf8ff])*"


_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=[\w.?!])'(?=[\s.,;:!?)]|$)|(?<!\S)'(?=\d)")  # ’71
_DOUBLE_QUOTED = re.compile(r'"(\S(?:[^"]*\S)?)"')  # a quotation hugs its text (citeproc-js)


def smart_apostrophes(text: Any) -> Any:
    """``D'Agostino``, ``bird's`` -> ``D’Agostino``, ``bird’s``, and ``"big data"`` ->
    ``“big data”`` (citeproc-js's typographic quotes); ``nocase`` parts are changed too."""
    from citeproc.string import MixedString

    if isinstance(text, MixedString):
        return MixedString([smart_apostrophes(part) for part in text])
    if isinstance(text, str):
        if '"' in text and "<" not in text:
            text = text.__class__(_DOUBLE_QUOTED.sub("\u201c\\1\u201d", text))
        return text.__class__(_APOSTROPHE.sub("\u2019", text)) if "'" in text else text
    return text
