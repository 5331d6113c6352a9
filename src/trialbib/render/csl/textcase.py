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


def title_case(text: Any) -> Any:
    """``text`` (a citeproc-py string) in English title case, piece by piece as citeproc-js
    does: a lower-case piece of two letters or more that is not a stop word is capitalized
    (``[cs.AI]`` -> ``[Cs.AI]``; ``ClinicalTrials.gov`` stays), and any piece that comes first
    or follows ``:``, ``?`` or ``!``; a one-letter piece stays as written (``ln n``). A stop
    word before a hyphen is capitalized only in the title's first stretch (``Pro-Environmental``,
    ``Out-of-Fashion``)."""
    from citeproc.string import NoCase, String

    output: list[Any] = []
    pieces_of: list[list[str] | None] = []
    first, after_mark, cut = True, False, False
    last: tuple[int, int] | None = None
    for word in text.words():
        raw = str(word)
        bare = raw.strip(_OPENERS).lower()
        elided = bare[:2] in ("d'", "d\u2019") and len(bare) > 2 and not (first or after_mark)
        if isinstance(word, NoCase) or elided:  # d’horizon: the elided article stays lower case
            output.append(word)
            pieces_of.append(None)
            first = first and not raw.strip()
            after_mark, cut = raw.endswith((":", "?", "!")), True
            last = None if raw.strip() else last  # the last word is this one, as written
            continue
        pieces = _PIECES.split(_INNER.sub("\x00", raw))
        capitals = not raw.islower()
        for i in range(0, len(pieces), 2):
            piece = pieces[i]
            # ClinicalTrials.gov: after a dot inside a name with capitals, as written
            # (citeproc-js: ClinicalTrials.Gov); [cs.AI] -> [Cs.AI] as citeproc-js
            domain = capitals and i >= 2 and pieces[i - 1] == "." and pieces[i - 2] != ""
            if piece and domain:
                first = after_mark = False
                last = (len(output), i)
            elif piece:
                lower = piece.lower()
                hyphen = i + 1 < len(pieces) and pieces[i + 1] == "-" and not cut
                wanted = (len(piece) > 1 and lower not in STOP_WORDS) or hyphen or first or after_mark
                if wanted and piece == lower:
                    pieces[i] = _capitalise(piece)
                first = after_mark = False
                last = (len(output), i)
            if i + 1 < len(pieces):
                cut = True
                after_mark = after_mark or pieces[i + 1] in ":?!"
        output.append(word)
        pieces_of.append(pieces)
    if last is not None:  # the last word is capitalized even when a stop word (citeproc-js)
        final = pieces_of[last[0]]
        assert final is not None
        piece = final[last[1]]
        if len(piece) > 1 and piece == piece.lower() and piece in STOP_WORDS:
            final[last[1]] = _capitalise(piece)
    for index, done in enumerate(pieces_of):
        if done is not None:
            word, joined = output[index], "".join(done)
            for apostrophe in _INNER.findall(str(word)):
                joined = joined.replace("\x00", apostrophe, 1)
            output[index] = word.__class__(joined) if isinstance(word, String) else String(joined)
    return (
        String(" ".join(str(w) for w in output)) if not any(isinstance(w, NoCase) for w in output) else _mixed(output)
    )


def _mixed(words: list[Any]) -> Any:
    from citeproc.string import MixedString, String

    out: list[Any] = []
    for i, word in enumerate(words):
        if i:
            out.append(String(" "))
        out.append(word)
    return MixedString(out)


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
_DOUBLE_QUOTED = re.compile(r'"([^"]+)"')


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
