"""LaTeX in field values to Unicode text, and back.

pylatexenc does the general decoding. It costs ~1 ms a value, so the accents and escapes that
make up nearly all real BibTeX (``{\\"o}``, ``\\'e``, ``\\&``) are decoded here by table first,
and pylatexenc sees only what is left; results are memoised, since names and journals repeat.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from trialbib.escape import TEX_SPECIALS

_SPACE = re.compile(r"\s+")
_DASHES = (("---", "\u2014"), ("--", "\u2013"))


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
    if "\\" not in value:  # every pattern below starts with a backslash
        return value
    text = _ACCENT_RE.sub(_accent, value)
    text = _LOGOS.sub(lambda m: ("La" if m.group(1) else "") + "TeX" + ("2e" if m.group(2) else ""), text)
    text = _LETTER_RE.sub(lambda m: _LETTERS[m.group(1)], text)
    return _ESCAPE_RE.sub(lambda m: "\x00" + m.group(1), text)


@lru_cache(maxsize=65536)
def latex_to_text(value: str, *, dashes: bool = True) -> str:
    """Unicode text of a BibTeX field value: escapes decoded, braces dropped, spaces collapsed."""
    if "\\" in value and "$" not in value:
        fast = _fast_decode(value)
        if "\\" not in fast:
            return _tidy(_plain(fast, dashes).replace("\x00", ""))
    text = strip_tags(latex_to_rich(value)[0]) if "\\" in value or "$" in value else _plain(value, dashes)
    return _tidy(text)


def _plain(value: str, dashes: bool) -> str:
    """Braces dropped, ties as spaces, ``--``/``---`` as dashes; escaped characters (after NUL) kept."""
    text = _BRACES.sub("", value) if "{" in value or "}" in value else value
    text = _TIE.sub(" ", text) if "~" in text else text
    if dashes and "--" in text:
        for tex, char in _DASHES:
            text = text.replace(tex, char)
    if "``" in text or "''" in text:
        text = text.replace("``", "\u201c").replace("''", "\u201d")
    if "`" in text:  # TeX's single quotes: `word' is ‘word’
        text = _SINGLE_QUOTED.sub("\u2018\\1\u2019", text).replace("`", "\u2018")
    return text


_SINGLE_QUOTED = re.compile(r"`([^`']*)'")
_BRACES = re.compile(r"(?<!\x00)[{}]")
_TIE = re.compile(r"(?<!\x00)~")


_SPECIALS = {char: TEX_SPECIALS[char] for char in "\\{}&%$#_~^"}  # the TeX specials; the rest stay text
_SPECIAL_RE = re.compile(r"[\\{}&%$#_~^]")


def escape_latex(text: str) -> str:
    """Escape the characters LaTeX treats as special; Unicode letters are left to the engine."""
    return _SPECIAL_RE.sub(lambda m: _SPECIALS[m.group(0)], text)


# --- rich text --------------------------------------------------------------------------------
# Field values to CSL rich text (the HTML-like tags citeproc-js and Zotero read in strings).
# pylatexenc parses and decodes symbols; only the markup mapping below is written by hand,
# because pylatexenc's latex2text renders to plain text and drops ``\emph`` and super/subscripts.

_TAG_OF = {
    "emph": "i", "textit": "i", "textsl": "i", "mathit": "i", "it": "i", "em": "i", "sl": "i",
    "itshape": "i", "slshape": "i", "textbf": "b", "mathbf": "b", "bf": "b", "bfseries": "b",
    "boldsymbol": "b", "textsc": "sc", "sc": "sc", "scshape": "sc", "textsuperscript": "sup",
    "textsubscript": "sub", "textup": "", "textnormal": "", "textrm": "", "textsf": "", "texttt": "",
    "mbox": "", "hbox": "", "text": "", "mathrm": "", "mathsf": "", "mathtt": "", "mathnormal": "",
    "ensuremath": "", "textmd": "", "NoCaseChange": "", "trialbibtext": "", "cite": "", "citep": "",
    "citet": "", "ref": "", "operatorname": "", "upshape": "", "arabic": "", "raisebox": "",
    "MakeUppercase": "", "MakeLowercase": "", "uppercase": "", "lowercase": "",
}  # fmt: skip
_DECLARATIONS = frozenset(
    ["em", "it", "sl", "itshape", "slshape", "bf", "bfseries", "sc", "scshape", "rm", "sf", "tt", "normalfont",
     "upshape", "mdseries"]
)  # fmt: skip
_QUOTED = frozenset(["enquote", "mkbibquote", "textquote"])
# Macros whose argument is not text: sort keys (``\noopsort{1973b}``), spacing, labels.
_DROPPED = frozenset(["noopsort", "SortNoop", "sortnoop", "noop", "hspace", "vspace", "label", "index", "nocite"])
_OPEN = {"i": "<i>", "b": "<b>", "sc": '<span style="font-variant:small-caps;">', "sup": "<sup>", "sub": "<sub>"}
_CLOSE = {"i": "</i>", "b": "</b>", "sc": "</span>", "sup": "</sup>", "sub": "</sub>"}
NOCASE_OPEN, NOCASE_CLOSE = '<span class="nocase">', "</span>"
_SYMBOLS = {
    "deg": "°", "ne": "≠", "S": "§", "copyright": "©", "ddag": "‡", "textless": "<", "textgreater": ">",
    "textbackslash": "\\", "lq": "\u2018", "rq": "\u2019", "P": "¶", "textasciicircum": "^",
    "textunderscore": "_", "textbar": "|", "slash": "/", "textslash": "/", "par": " ", "newline": " ",
    "linebreak": " ", "relax": "", "protect": "", "/": "", "-": "", "@": "",
    "hyphen": "-", "big": "", "Big": "", "bigl": "", "bigr": "", "left": "", "right": "",
    # the journal macros of NASA ADS exports (AAS's aas_macros.sty)
    "aj": "AJ", "apj": "ApJ", "apjl": "ApJL", "apjs": "ApJS", "aap": "A&A", "aaps": "A&AS",
    "aapr": "A&A Rv", "mnras": "MNRAS", "pasp": "PASP", "pasj": "PASJ", "pasa": "PASA",
    "araa": "ARA&A", "apss": "Ap&SS", "ssr": "Space Sci. Rev.", "nat": "Nature", "icarus": "Icarus",
    "physrep": "Phys. Rep.", "prd": "Phys. Rev. D", "prl": "Phys. Rev. Lett.", "ao": "Appl. Opt.",
    "actaa": "Acta Astron.", "memsai": "Mem. Soc. Astron. Italiana", "jcap": "JCAP", "solphys": "Sol. Phys.",
    "baas": "BAAS", "procspie": "Proc. SPIE", "na": "New A", "nar": "New A Rev.", "apjlett": "ApJL",
    "qjras": "QJRAS", "jrasc": "JRASC", "azh": "AZh", "aplett": "Astrophys. Lett.", "planss": "Planet. Space Sci.",
}  # fmt: skip
_SPECIAL_OF = {"&": "\ue100", "%": "\ue101", "$": "\ue102", "#": "\ue103", "_": "\ue104", "{": "\ue105", "}": "\ue106"}
_URL_CHARS = {**_SPECIAL_OF, "~": "\ue107", "^": "\ue108", "\\": "\ue109"}
_UNSPECIAL = {v: k for k, v in _URL_CHARS.items()}
_UNSPECIAL_TABLE = str.maketrans(_UNSPECIAL)


def _url(text: str) -> str:
    """A ``\\url`` argument as verbatim text (escapes such as ``\\_`` undone, specials kept)."""
    text = re.sub(r"\\([&%$#_{}~])", r"\1", text)
    return "".join(_URL_CHARS.get(c, c) for c in text)


_ESCAPED = re.compile(r"\\([&%$#_{}])|(?<!\\)%")
_URL = re.compile(r"\\url\s*\{([^{}]*)\}")
_HREF = re.compile(r"\\href\s*\{([^{}]*)\}")
_BREAK = re.compile(r"\\\\(?:\[[^\]]*\])?")
_TAG = re.compile(r'</?(?:i|b|sup|sub)>|<span (?:class="nocase"|style="font-variant:small-caps;")>|</span>')


def strip_tags(text: str) -> str:
    """Rich text as plain text: the tags :func:`latex_to_rich` writes removed."""
    return _TAG.sub("", text) if "<" in text else text


@lru_cache(maxsize=65536)
def latex_to_rich(value: str) -> tuple[str, tuple[str, ...]]:
    """CSL rich text of a field value, and the names of macros it did not know (their text kept).

    ``\\emph{x}`` -> ``<i>x</i>``, ``$^{+}$`` -> ``<sup>+</sup>``, ``$\\alpha$`` -> ``α``,
    ``{DNA}`` -> ``<span class="nocase">DNA</span>``. Never raises.
    """
    if "\\" not in value and "$" not in value:
        return _tidy(_protected_fast(value)), ()
    if "$" in value and "\\$" not in value:
        fast = _MATH_SEGMENT.sub(_fast_math, value)
        if "$" not in fast:
            value_fast = fast
            if "\\" not in value_fast or "\\" not in _fast_decode(value_fast):
                return _tidy(_protected_fast(value_fast)), ()
    elif "\\" not in _fast_decode(value):
        return _tidy(_protected_fast(value)), ()
    try:
        return _RichWriter(value).run()
    except (RecursionError, IndexError, ValueError, TypeError, AttributeError, KeyError):
        return _tidy(_plain(_fast_decode(value), True).replace("\x00", "")), ()


_MATH_SEGMENT = re.compile(r"\$([^$]*)\$")
_MATH_TOKEN = re.compile(
    r"(?P<sym>\\[A-Za-z]+)(?![A-Za-z{])"
    r"|(?P<script>[\^_])\s*(?:\{(?P<body>[A-Za-z0-9+\-*,.' ]*)\}|(?P<one>[A-Za-z0-9+\-*])"
    r"|(?P<mac>\\[A-Za-z]+)(?![A-Za-z{]))"
    r"|(?P<char>[A-Za-z0-9 +\-=<>.,;:()\[\]|/*'!])"
)


def _fast_math(match: re.Match[str]) -> str:
    """Simple math (letters, digits, symbols without arguments, one-level scripts) by table;
    anything else is left as it was, for pylatexenc."""
    out: list[str] = []
    pos = 0
    body = match.group(1)
    for token in _MATH_TOKEN.finditer(body):
        if token.start() != pos:
            return match.group(0)
        pos = token.end()
        if token.group("char"):
            out.append(token.group("char"))
        elif token.group("sym"):
            symbol = _symbol(token.group("sym")[1:])
            if symbol is None:
                return match.group(0)
            out.append(symbol)
        else:
            inner = token.group("body") if token.group("body") is not None else token.group("one")
            if inner is None:
                inner = _symbol(token.group("mac")[1:])
                if inner is None:
                    return match.group(0)
            tag = "sup" if token.group("script") == "^" else "sub"
            out.append("°" if tag == "sup" and inner == "∘" else _OPEN[tag] + inner + _CLOSE[tag])
    if pos != len(body):
        return match.group(0)
    return "".join(out)


@lru_cache(maxsize=1024)
def _symbol(name: str) -> str | None:
    """The Unicode of a macro without arguments (``alpha`` -> ``α``); None if not a known symbol."""
    if name in _SYMBOLS:
        return _SYMBOLS[name]
    if name in _TAG_OF or name in _DECLARATIONS:
        return None
    converter = _rich_converter()
    spec = converter.latex_context.get_macro_spec(name)
    walker_spec = _walker_context().get_macro_spec(name)
    if spec is None or str(getattr(getattr(walker_spec, "args_parser", None), "argspec", "") or ""):
        return None
    try:
        text = converter.latex_to_text("\\" + name)
    except Exception:  # pylatexenc's own macro table failing is "not a symbol"
        return None
    return text if "\\" not in text and "%" not in text else None


def _tidy(text: str) -> str:
    return " ".join(text.split())  # as _SPACE.sub(" ", text).strip(): both use str.isspace's whitespace


def _protected_fast(value: str) -> str:
    """Top-level ``{...}`` as nocase spans, the rest decoded by table (no macros but accents)."""
    if "{" not in value:
        return _plain(_fast_decode(value), True).replace("\x00", "")
    out: list[str] = []
    depth, start, i = 0, 0, 0
    while True:
        mark = _MARK.search(value, i)  # only backslashes and braces matter: jump from one to the next
        if mark is None:
            break
        i = mark.start()
        ch = value[i]
        if ch == "\\":
            accent = _ACCENT_RE.match(value, i)  # ``L\\"{o}f``: the braces hold the accent's letter
            i = accent.end() if accent else i + 2
            continue
        if ch == "{":
            if depth == 0:
                out.append(_decode_piece(value[start:i]))
                start = i
            depth += 1
        elif ch == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                inner = value[start + 1 : i]
                out.append(_group(inner))
                start = i + 1
        i += 1
    out.append(_decode_piece(value[start:]))
    return "".join(out)


_MARK = re.compile(r"[\\{}]")


def _decode_piece(raw: str) -> str:
    return _plain(_fast_decode(raw), True).replace("\x00", "") if raw else ""


def _group(inner: str) -> str:
    """A braced group: protected case unless it is a special character (``{\\"o}``) or has no letters."""
    text = _decode_piece(inner)
    if inner.lstrip().startswith("\\") or not any(c.isalpha() for c in text):
        return text
    return NOCASE_OPEN + text + NOCASE_CLOSE


class _RichWriter:
    """One value through pylatexenc's walker, written as rich text node by node."""

    def __init__(self, value: str):
        self.unknown: dict[str, None] = {}
        value = _URL.sub(lambda m: _url(m.group(1)), value)
        value = _HREF.sub(r"\\trialbibtext", value)
        value = _BREAK.sub(" ", value)
        self.value = _ESCAPED.sub(lambda m: _SPECIAL_OF[m.group(1) or "%"], value)

    def run(self, lite: bool = True) -> tuple[str, tuple[str, ...]]:
        """The value's rich text and unknown macros. Its nodes come from the small parser
        (:func:`_lite_nodes`: the same nodes, pylatexenc's own classes, for plain text, braces,
        specials and macros whose arguments are braced groups or single characters) where it can
        read the value, else (or without ``lite``) from pylatexenc's walker, which costs most of a
        value's time."""
        parsed = _lite_nodes(self.value, 0) if lite else None
        if parsed is not None:
            nodes = parsed[0]
        else:
            walker = _walker_class()(self.value, latex_context=_walker_context(), tolerant_parsing=True)
            nodes = walker.get_latex_nodes()[0] or []
        text = self.nodes(nodes, top=True, math=False)
        text = text.translate(_UNSPECIAL_TABLE)
        return _tidy(text), tuple(self.unknown)

    def nodes(self, nodes: list[Any], top: bool, math: bool) -> str:
        out: list[str] = []
        i = 0
        while i < len(nodes):
            node = nodes[i]
            i += 1
            if node is None:
                continue
            kind = type(node).__name__
            if math and kind == "LatexCharsNode":
                text, i = self.math_chars(node.chars, nodes, i)
                out.append(text)
                continue
            if kind == "LatexCharsNode":
                out.append(_plain(node.chars, True))
            elif kind == "LatexGroupNode":
                out.append(self.group(node, top, math))
            elif kind == "LatexMacroNode":
                text, i = self.macro(node, nodes, i, math)
                out.append(text)
            elif kind == "LatexMathNode":
                out.append(self.nodes(node.nodelist or [], top=False, math=True))
            elif kind == "LatexSpecialsNode":
                out.append(self.specials(node.specials_chars))
            elif kind == "LatexEnvironmentNode":
                out.append(self.nodes(node.nodelist or [], top=False, math=math))
        return "".join(out)

    def math_chars(self, chars: str, nodes: list[Any], i: int) -> tuple[str, int]:
        """Math text: ``^x``/``_x`` (a character or the next node) as super/subscripts."""
        out: list[str] = []
        j = 0
        while j < len(chars):
            ch = chars[j]
            if ch not in "^_":
                out.append(ch)
                j += 1
                continue
            tag = "sup" if ch == "^" else "sub"
            if j + 1 < len(chars):
                body = chars[j + 1]
                j += 2
            elif i < len(nodes):
                nxt, i, j = nodes[i], i + 1, j + 1
                if type(nxt).__name__ == "LatexMacroNode":
                    body, i = self.macro(nxt, nodes, i, True)
                else:
                    body = self.nodes([nxt], top=False, math=True)
            else:
                break
            out.append("°" if tag == "sup" and body in ("∘", "\\circ") else _OPEN[tag] + body + _CLOSE[tag])
        return "".join(out), i

    def group(self, node: Any, top: bool, math: bool) -> str:
        inner = node.nodelist or []
        first = next((n for n in inner if not (type(n).__name__ == "LatexCharsNode" and not n.chars.strip())), None)
        if first is not None and type(first).__name__ == "LatexMacroNode" and first.macroname in _DECLARATIONS:
            rest = inner[inner.index(first) + 1 :]
            tag = _TAG_OF.get(first.macroname, "")
            body = self.nodes(rest, top=False, math=math)
            return _OPEN[tag] + body + _CLOSE[tag] if tag and body.strip() else body
        body = self.nodes(inner, top=False, math=math)
        if not top or math or getattr(node, "delimiters", ("{", "}"))[0] != "{":
            return body
        if type(first).__name__ == "LatexMacroNode" or not any(c.isalpha() for c in strip_tags(body)):
            return body
        return NOCASE_OPEN + body + NOCASE_CLOSE

    def macro(self, node: Any, nodes: list[Any], i: int, math: bool) -> tuple[str, int]:
        name = node.macroname
        args = [a for a in (node.nodeargd.argnlist if node.nodeargd else []) if a is not None]
        if name in _TAG_OF:
            if not args and i < len(nodes) and type(nodes[i]).__name__ == "LatexGroupNode":
                args, i = [nodes[i]], i + 1
            body = "".join(self.nodes([a], top=False, math=math) for a in args[-1:])
            tag = _TAG_OF[name]
            return (_OPEN[tag] + body + _CLOSE[tag] if tag and body.strip() else body), i
        if name in _DECLARATIONS:
            return "", i
        if name in _DROPPED:
            if not args and i < len(nodes) and type(nodes[i]).__name__ == "LatexGroupNode":
                i += 1
            return "", i
        if name in _QUOTED:
            if not args and i < len(nodes) and type(nodes[i]).__name__ == "LatexGroupNode":
                args, i = [nodes[i]], i + 1
            return "\u201c" + "".join(self.nodes([a], top=False, math=math) for a in args[-1:]) + "\u201d", i
        if name in _SYMBOLS:
            return _SYMBOLS[name], i
        if name == "frac" and len(args) == 2:
            return "/".join(self.nodes([a], top=False, math=math) for a in args), i
        converter = _rich_converter()
        if converter.latex_context.get_macro_spec(name) is None:
            self.unknown.setdefault(name)
            while i < len(nodes) and type(nodes[i]).__name__ == "LatexGroupNode" and not node.macro_post_space:
                args.append(nodes[i])
                i += 1
            return "".join(self.nodes([a], top=False, math=math) for a in args), i
        try:
            return converter.node_to_text(node), i
        except (IndexError, KeyError, TypeError, ValueError):
            return "".join(self.nodes([a], top=False, math=math) for a in args), i

    def specials(self, chars: str) -> str:
        return {"~": " ", "--": "\u2013", "---": "\u2014", "``": "\u201c", "''": "\u201d"}.get(chars, chars)


# Deeper nesting is left to the walker, which decides what fails (RecursionError) as it did before.
_LITE_DEPTH = 16
_LITE_STOP = re.compile(r"[\\{}$]")
_LITE_WORD = re.compile(r"[A-Za-z]+")
_LITE_SPACE = re.compile(r"\s*")


def _space_at(s: str, pos: int) -> str:
    """The whitespace at ``pos`` (``\\s`` is ``str.isspace``, as the walker's)."""
    found = _LITE_SPACE.match(s, pos)
    return found.group() if found else ""


def _lite_nodes(s: str, pos: int, close: str = "", math: bool = False, depth: int = 0) -> tuple[list[Any], int] | None:
    """Nodes of ``s`` from ``pos`` to the end (``close`` empty) or to the ``}`` or ``$`` closing a
    group or math (its position returned); None for what only the walker reads."""
    if depth > _LITE_DEPTH:
        return None
    from pylatexenc.latexwalker import LatexGroupNode, LatexMathNode

    nodes: list[Any] = []
    n = len(s)
    while pos < n:
        stop = _LITE_STOP.search(s, pos)
        end = stop.start() if stop else n
        if end > pos:  # text up to the next backslash, brace or dollar: characters and specials
            _lite_text(s[pos:end], nodes)
            pos = end
            continue
        ch = s[pos]
        if ch in "}$" and ch == close:
            return nodes, pos
        if ch == "}" or (ch == "$" and (math or s.startswith("$$", pos))):
            return None
        if ch in "{$":
            inner = _lite_nodes(s, pos + 1, "}" if ch == "{" else "$", math or ch == "$", depth + 1)
            if inner is None:
                return None
            if ch == "{":
                nodes.append(LatexGroupNode(nodelist=inner[0], delimiters=("{", "}")))
            else:
                nodes.append(LatexMathNode(displaytype="inline", nodelist=inner[0], delimiters=("$", "$")))
            pos = inner[1] + 1
            continue
        macro = _lite_macro(s, pos, math, depth)
        if macro is None:
            return None
        nodes.append(macro[0])
        pos = macro[1]
    return (nodes, pos) if not close else None


def _lite_text(text: str, nodes: list[Any]) -> None:
    """Text without backslashes, braces or dollars as the walker's character and specials nodes
    (consecutive characters, spaces included, are one node)."""
    from pylatexenc.latexwalker import LatexCharsNode, LatexSpecialsNode

    specials = _walker_context().test_for_specials
    start = 0
    n = len(text)
    for found in _special_start_re().finditer(text):
        i = found.start()
        if i < start:  # inside the specials just read (``---``)
            continue
        spec = specials(text, i)
        if spec is None:
            continue
        if i > start:
            nodes.append(LatexCharsNode(chars=text[start:i]))
        nodes.append(LatexSpecialsNode(specials_chars=spec.specials_chars, nodeargd=None))
        start = i + len(spec.specials_chars)
    if n > start:
        nodes.append(LatexCharsNode(chars=text[start:]))


@lru_cache(maxsize=1)
def _special_starts() -> frozenset[str]:
    """First characters of the walker's specials (``~``, ``--``, ``&``): only these need its test."""
    db = _walker_context()
    return frozenset(chars[0] for category in db.category_list for chars in db.d[category]["specials"] if chars)


@lru_cache(maxsize=1)
def _special_start_re() -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(_special_starts())) + "]")


def _lite_macro(s: str, pos: int, math: bool, depth: int) -> tuple[Any, int] | None:
    """The macro node at ``s[pos]`` (a backslash) and where it ends, its arguments read as the
    walker reads them; None unless it takes no argument or one, braced or a single character."""
    if pos + 1 >= len(s):
        return None
    word = _LITE_WORD.match(s, pos + 1)
    if word is not None:
        name = word.group()
        end = word.end()
        if end < len(s) and s[end].isalpha():  # pylatexenc's names are str.isalpha runs: a non-ASCII letter
            return None
        space = _space_at(s, end)
        if "\n\n" in space:
            return None
        post_space, end = space, end + len(space)
    else:
        name = s[pos + 1]
        if name.isalpha() or name in "()[]":
            return None
        post_space, end = "", pos + 2
    argspec = _lite_argspec(name)
    if argspec is None:
        return None
    if not argspec:
        return _macro_node(name, [], "", post_space), end
    found = _lite_arg(s, end, math, depth)
    if found is None:
        return None
    return _macro_node(name, [None] * (len(argspec) - 1) + [found[0]], argspec, post_space), found[1]


@lru_cache(maxsize=4096)
def _lite_argspec(name: str) -> str | None:
    """The walker's argument spec of a macro ("" for none) when it is read as plain arguments ending
    in one mandatory ``{``; None otherwise (environments, verbatim, math-mode arguments, several)."""
    from pylatexenc.macrospec import MacroStandardArgsParser

    if name in ("begin", "end"):
        return None
    spec = _walker_context().get_macro_spec(name)
    if spec is None:
        return ""  # the walker reads an unknown macro without arguments
    parser = spec.args_parser
    if type(parser) is not MacroStandardArgsParser or any(parser.args_math_mode or ()):
        return None
    argspec = str(parser.argspec or "")
    if argspec and (argspec[-1] != "{" or argspec[:-1].strip("*[")):
        return None
    return argspec


def _lite_arg(s: str, end: int, math: bool, depth: int) -> tuple[Any, int] | None:
    """A macro's last argument, read from ``end`` as the walker reads it; None if the optional
    arguments are given or it is neither a braced group, a character nor an argument-less macro."""
    from pylatexenc.latexwalker import LatexCharsNode, LatexGroupNode

    space = _space_at(s, end)
    if "\n\n" in space:
        return None
    at = end + len(space)
    if at >= len(s) or s[at] in "*[":
        return None
    arg: Any
    if s[at] == "{":
        inner = _lite_nodes(s, at + 1, "}", math, depth + 1)
        if inner is None:
            return None
        arg = LatexGroupNode(nodelist=inner[0], delimiters=("{", "}"))
        at = inner[1] + 1
    elif s[at] == "\\" and _LITE_WORD.match(s, at + 1) and not _after_word(s, at + 1).isalpha():
        word = _LITE_WORD.match(s, at + 1)
        assert word is not None
        space = _space_at(s, word.end())
        if "\n\n" in space or word.group() in ("begin", "end"):
            return None
        arg = _arg_macro(word.group(), space)  # a macro as the argument: its own arguments are not read
        at = word.end() + len(space)
    elif s[at] in "\\}$%" or (s[at] in _special_starts() and _walker_context().test_for_specials(s, at)):
        return None
    else:
        arg = LatexCharsNode(chars=s[at])
        at += 1
    return arg, at


def _after_word(s: str, pos: int) -> str:
    """The character after the ASCII letters at ``pos``: a letter there makes a longer macro name."""
    word = _LITE_WORD.match(s, pos)
    return s[word.end() : word.end() + 1] if word else ""


def _arg_macro(name: str, post_space: str) -> Any:
    """A macro read as another macro's argument: the walker reads no arguments for it."""
    from pylatexenc.latexwalker import LatexMacroNode

    return LatexMacroNode(macroname=name, nodeargd=None, macro_post_space=post_space, nodeoptarg=None, nodeargs=None)


def _macro_node(name: str, argnlist: list[Any], argspec: str, post_space: str) -> Any:
    """A macro node as the walker makes it, with the legacy ``nodeargs`` latex2text's accents read."""
    from pylatexenc.latexwalker import LatexMacroNode
    from pylatexenc.macrospec import ParsedMacroArgs

    nodeargd = ParsedMacroArgs(argnlist=argnlist, argspec=argspec)
    legacy = nodeargd.legacy_nodeoptarg_nodeargs
    nodeoptarg, nodeargs = (legacy[0], legacy[1]) if legacy else (None, [])
    return LatexMacroNode(
        macroname=name, nodeargd=nodeargd, macro_post_space=post_space, nodeoptarg=nodeoptarg, nodeargs=nodeargs
    )


@lru_cache(maxsize=1)
def _rich_converter() -> Any:
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=True)


@lru_cache(maxsize=1)
def _walker_class() -> Any:
    """pylatexenc's LatexWalker, reading a run of letters and digits in a node list as one token.

    pylatexenc makes a token of every character and joins consecutive characters into one text
    node; a long abstract with one macro took ~5 ms. The same node comes out when a run of
    characters that are each a plain character token (letters, digits and punctuation that
    start no specials, single spaces between them) is one token. Only node lists get runs (``environments=True``, as
    ``get_latex_nodes`` asks): a macro's argument without braces (``\\emph x``, ``^2``) is one
    character, and those calls ask with ``environments=False``.
    """
    from pylatexenc.latexwalker import LatexToken, LatexWalker

    starts = _special_starts()
    marks = "".join(re.escape(c) for c in ".,;:()/+=<>|@\"'!?-" if c not in starts)
    plain = rf"(?:[^\W_]|[{marks}])"  # letters, digits and the punctuation that starts no specials
    run = re.compile(rf"{plain}+(?: {plain}+)*")

    class RunWalker(LatexWalker):  # type: ignore[misc]
        def get_token(
            self,
            pos: int,
            include_brace_chars: Any = None,
            environments: bool = True,
            keep_inline_math: Any = None,
            parsing_state: Any = None,
            **kwargs: Any,
        ) -> Any:
            token = super().get_token(
                pos,
                include_brace_chars=include_brace_chars,
                environments=environments,
                keep_inline_math=keep_inline_math,
                parsing_state=parsing_state,
                **kwargs,
            )
            if environments and token.tok == "char" and token.len == 1:
                found = run.match(self.s, token.pos)
                if found is not None and found.end() > token.pos + 1:
                    length = found.end() - token.pos
                    return LatexToken(
                        tok="char", arg=found.group(), pos=token.pos, len=length, pre_space=token.pre_space
                    )
            return token

    return RunWalker


@lru_cache(maxsize=1)
def _walker_context() -> Any:
    """pylatexenc's default macros, plus argument specs it lacks (``\\href`` is why it raised)."""
    from pylatexenc.latexwalker import get_default_latex_context_db
    from pylatexenc.macrospec import MacroSpec

    db = get_default_latex_context_db()
    db.add_context_category(
        "trialbib",
        prepend=True,
        macros=[
            MacroSpec("trialbibtext", "{"),
            MacroSpec("textsuperscript", "{"),
            MacroSpec("textsubscript", "{"),
            MacroSpec("textsc", "{"),
            MacroSpec("textsl", "{"),
            MacroSpec("textup", "{"),
            MacroSpec("textnormal", "{"),
            MacroSpec("mbox", "{"),
            MacroSpec("text", "{"),
            MacroSpec("NoCaseChange", "{"),
            MacroSpec("frac", "{{"),
            MacroSpec("boldsymbol", "{"),
            MacroSpec("operatorname", "{"),
            MacroSpec("enquote", "*{"),
            MacroSpec("mkbibquote", "{"),
            MacroSpec("raisebox", "{[[{"),
            MacroSpec("arabic", "{"),
        ],
    )
    _index_specials(db)
    return db


def _index_specials(db: Any) -> None:
    """Give ``db`` a lookup of specials (``~``, ``--``, ``''``) by first character.

    pylatexenc's own ``test_for_specials`` tries every specials sequence of every category at
    every character of a value: on an abstract that was most of the decoder's time. The table
    gives the same answer, the longest match, the earliest category winning.
    """
    first: dict[str, Any] = {}
    for category in db.category_list:
        for chars, spec in db.d[category]["specials"].items():
            if chars:
                first.setdefault(chars, spec)
    by_start: dict[str, list[tuple[str, Any]]] = {}
    for chars in sorted(first, key=len, reverse=True):
        by_start.setdefault(chars[0], []).append((chars, first[chars]))

    def test_for_specials(s: str, pos: int, parsing_state: Any = None) -> Any:
        for chars, spec in by_start.get(s[pos : pos + 1], ()):
            if s.startswith(chars, pos):
                return spec
        return None

    db.test_for_specials = test_for_specials


_LATEX_OF = {"i": "\\textit{", "b": "\\textbf{", "sup": "\\textsuperscript{", "sub": "\\textsubscript{"}
_SMALL_CAPS = '<span style="font-variant:small-caps;">'


def has_rich_tags(value: str) -> bool:
    """Whether ``value`` holds the CSL rich-text tags :func:`latex_to_rich` writes."""
    return "<" in value and _TAG.search(value) is not None


def rich_to_latex(value: str, text: Callable[[str], str], protected: Callable[[str], str]) -> str:
    """CSL rich text as LaTeX: ``<i>`` as ``\\textit{...}`` and so on, a nocase span as ``{...}``;
    the text outside spans written by ``text``, inside a nocase span by ``protected``."""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    for match in _TAG.finditer(value):
        chunk = value[pos : match.start()]
        if chunk:
            out.append(protected(chunk) if "nocase" in stack else text(chunk))
        pos = match.end()
        tag = match.group(0)
        if tag.startswith("</"):
            if stack:
                stack.pop()
                out.append("}")
            continue
        kind = "nocase" if "nocase" in tag else "sc" if tag == _SMALL_CAPS else tag.strip("<>")
        stack.append(kind)
        out.append("{" if kind == "nocase" else "\\textsc{" if kind == "sc" else _LATEX_OF[kind])
    if pos < len(value):
        out.append(protected(value[pos:]) if "nocase" in stack else text(value[pos:]))
    out.extend("}" for _ in stack)
    return "".join(out)


def plain_item(item: Any) -> Any:
    """A CSL item (or any value in it) with its rich-text tags removed, for plain-text comparison."""
    if isinstance(item, str):
        return strip_tags(item)
    if isinstance(item, list):
        return [plain_item(v) for v in item]
    if isinstance(item, dict):
        return {k: plain_item(v) for k, v in item.items()}
    return item
