"""trialbib inside pandoc: a filter for pandoc's document tree, and pandoc run for ``trialbib format``.

``pandoc paper.md --filter trialbib-pandoc -o paper.docx`` reads the bibliography from the
document's ``bibliography`` metadata (or ``trialbib-bib``), the style from ``csl`` (or
``trialbib-style``; a style name or a ``.csl`` file), and honours ``nocite``, ``lang`` and
``reference-section-title`` as pandoc's own citeproc does. Each ``Cite`` element becomes a
``Span`` holding the style's in-text form; the list goes into the ``#refs`` div, or after a
heading at the end. pandoc itself comes from the ``pandoc`` extra (pypandoc-binary).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

from trialbib import escape
from trialbib.errors import InputError, Location, UsageError
from trialbib.io.citations import CiteGroup, CiteItem, Mode, ScannedManuscript, split_locator
from trialbib.manuscript.document import (
    Formatted,
    entry_tokens,
    list_order,
    reference_heading,
    reference_list,
)
from trialbib.manuscript.intext import Citer
from trialbib.model import Bibliography
from trialbib.render.formats import Token

PANDOC_EXTRA = "pip install 'trialbib[pandoc]'"
_MODES: dict[str, Mode] = {
    "NormalCitation": "normal",
    "SuppressAuthor": "suppress-author",
    "AuthorInText": "author-in-text",
}
_WRITERS = {".html": "html", ".htm": "html", ".docx": "docx", ".odt": "odt", ".tex": "latex", ".txt": "plain"}
_WRITERS.update({".md": "markdown", ".markdown": "markdown"})


def pandoc_path() -> str:
    """The pandoc of pypandoc-binary (the ``pandoc`` extra); a one-line UsageError without it."""
    try:
        import pypandoc

        path = str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        path = ""
    if not path or not os.path.exists(path):
        raise UsageError("pandoc is not installed", None, f"install it with {PANDOC_EXTRA}")
    return path


def run_pandoc(args: Sequence[str], data: bytes | None = None) -> bytes:
    """pandoc's standard output; its error message as a UsageError."""
    result = subprocess.run([pandoc_path(), *args], input=data, capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(f"pandoc failed: {message[0] if message else result.returncode}", None, "check the input")
    return result.stdout


# --- the document tree --------------------------------------------------------------------


def _stringify(elements: Any) -> str:
    import panflute as pf

    return "".join(pf.stringify(e) for e in elements) if elements else ""


def _group(cite: Any) -> CiteGroup:
    items = []
    for citation in cite.citations:
        label, locator, suffix = split_locator(_stringify(citation.suffix))
        mode = _MODES.get(citation.mode, "normal")
        items.append(CiteItem(citation.id, _stringify(citation.prefix).strip(), suffix.strip(), locator, label, mode))
    return CiteGroup(0, 0, tuple(items))


def _nocite(doc: Any) -> tuple[list[str], bool]:
    import panflute as pf

    keys: list[str] = []
    everything = False
    meta = doc.metadata.content.get("nocite") if hasattr(doc.metadata, "content") else None
    if meta is None:
        return keys, everything
    found: list[Any] = []
    meta.walk(lambda e, d: found.append(e) if isinstance(e, pf.Cite) else None)
    for cite in found:
        for citation in cite.citations:
            if citation.id == "*":
                everything = True
            else:
                keys.append(citation.id)
    return keys, everything


def _inlines(toks: Sequence[Token]) -> list[Any]:
    """panflute inlines of formatted tokens: Str and Space, in Emph, Strong, Superscript..."""
    import panflute as pf

    containers = {"i": pf.Emph, "b": pf.Strong, "sup": pf.Superscript, "sub": pf.Subscript, "sc": pf.SmallCaps}
    stack: list[tuple[str, list[Any]]] = [("", [])]
    for kind, value in toks:
        if kind == "text":
            for i, word in enumerate(value.split(" ")):
                if i:
                    stack[-1][1].append(pf.Space())
                if word:
                    stack[-1][1].append(pf.Str(word))
        elif kind == "open" and value in containers:
            stack.append((value, []))
        elif kind == "close" and value in containers and len(stack) > 1 and stack[-1][0] == value:
            name, content = stack.pop()
            stack[-1][1].append(containers[name](*content))
        elif (kind, value) == ("close", "margin"):
            stack[-1][1].append(pf.Space())
    while len(stack) > 1:
        name, content = stack.pop()
        stack[-1][1].append(containers[name](*content))
    out = stack[0][1]
    while out and isinstance(out[0], pf.Space):
        out.pop(0)
    while out and isinstance(out[-1], pf.Space):
        out.pop()
    return out


def _meta_text(doc: Any, *names: str) -> str | None:
    for name in names:
        value = doc.get_metadata(name, None)
        if isinstance(value, list):
            value = next((v for v in value if isinstance(v, str)), None)
        if isinstance(value, str) and value:
            return value
    return None


def format_document(
    doc: Any,
    bib: Bibliography,
    style: str,
    *,
    locale: str | None = None,
    heading: str | None = None,
    include_all: bool = False,
    source: str = "<pandoc>",
    superscript: bool = True,
) -> Formatted:
    """Format pandoc's document ``doc`` in place: each Cite formatted, the list in ``#refs`` or appended."""
    import panflute as pf

    cites: list[Any] = []
    doc.walk(lambda e, d: cites.append(e) if isinstance(e, pf.Cite) and not _in_meta(e) else None)
    manuscript = ScannedManuscript(source, pf.stringify(doc), "markdown")
    manuscript.groups = [_group(c) for c in cites]
    manuscript.nocite, manuscript.cites_all = _nocite(doc)
    manuscript.language = _meta_text(doc, "lang")
    manuscript.heading = _meta_text(doc, "reference-section-title")
    order = list_order([manuscript], bib, include_all=include_all)
    citer = Citer(bib.items, order.keys, style, locale)
    formatted = {id(c): citer.group(g) for c, g in zip(cites, manuscript.groups, strict=True)}
    if not superscript:  # plain text has no superscript; pandoc would write ^(...)
        formatted = {k: [t for t in v if t[1] not in ("sup", "sub")] for k, v in formatted.items()}

    def replace(element: Any, _doc: Any) -> Any:
        if isinstance(element, pf.Cite) and id(element) in formatted:
            return pf.Span(*_inlines(formatted[id(element)]), classes=["citation"])
        return None

    def unspace(element: Any, _doc: Any) -> Any:
        """A superscript citation takes the place of the space before it."""
        after = element.next if isinstance(element, (pf.Space, pf.SoftBreak)) else None
        if not isinstance(after, pf.Span) or "citation" not in after.classes or not after.content:
            return None
        return [] if isinstance(after.content[0], pf.Superscript) else None

    doc.walk(replace)
    doc.walk(unspace)
    entries = reference_list(bib, order.keys, style, locale)
    paragraphs = [
        pf.Div(pf.Para(*_inlines(entry_tokens(e))), identifier=f"ref-{e.key}", classes=["csl-entry"]) for e in entries
    ]
    refs: list[Any] = []
    doc.walk(lambda e, d: refs.append(e) if isinstance(e, pf.Div) and e.identifier == "refs" else None)
    if refs:
        refs[0].content = paragraphs
        refs[0].classes = list(dict.fromkeys([*refs[0].classes, "references", "csl-bib-body"]))
    elif order.keys:  # nothing cited: no empty heading
        if heading or not (doc.content and isinstance(doc.content[-1], pf.Header)):  # else under that one
            title = reference_heading(manuscript, heading)
            doc.content.append(pf.Header(pf.Str(title), level=1, identifier="bibliography", classes=["unnumbered"]))
        doc.content.append(pf.Div(*paragraphs, identifier="refs", classes=["references", "csl-bib-body"]))
    return Formatted("", order.keys, citer.warnings + list(entries.warnings))


def _in_meta(element: Any) -> bool:
    import panflute as pf

    node = element
    while node is not None:
        if isinstance(node, pf.MetaValue):
            return True
        node = node.parent
    return False


def format_with_pandoc(
    manuscript: ScannedManuscript,
    bib: Bibliography,
    target: str,
    style: str,
    *,
    locale: str | None = None,
    heading: str | None = None,
    include_all: bool = False,
) -> Formatted:
    """pandoc reads the manuscript, trialbib formats its tree, pandoc writes ``target`` (``.docx``...)."""
    import panflute as pf

    reader = "latex" if manuscript.syntax == "latex" else "markdown"
    # --sandbox: pandoc reads no file (LaTeX \\input{/etc/passwd}) and fetches no URL for us
    tree = run_pandoc(["--sandbox", "-f", reader, "-t", "json"], manuscript.text.encode("utf-8"))
    doc = pf.load(_text_stream(tree))
    writer = _WRITERS[target]
    formatted = format_document(
        doc,
        bib,
        style,
        locale=locale,
        heading=heading,
        include_all=include_all,
        source=manuscript.source,
        superscript=writer != "plain",
    )
    if writer in ("docx", "odt"):  # the only writers that read files: the images they embed
        formatted.warnings += _local_images(doc, manuscript.source)
    args = ["-f", "json", "-t", writer, "-o", "-"]
    if writer in ("html", "latex") and not doc.get_metadata("title", None):
        args += ["-s", "--metadata", f"pagetitle={os.path.basename(manuscript.source)}"]
    elif writer in ("html", "latex"):
        args.append("-s")
    out = run_pandoc(args, _dump(doc))
    formatted.content = out if writer in ("docx", "odt") else escape.document(out.decode("utf-8"), writer)
    return formatted


def _local_images(doc: Any, source: str) -> list[str]:
    """Images a .docx or .odt may embed: regular files inside the manuscript's folder, given
    by their real path. Any other image (``/etc/passwd``, ``../../secret``, a link out of the
    folder, a URL pandoc would fetch, such as a cloud metadata address) becomes its
    description, with a warning, so that a manuscript cannot carry files or web pages into the
    output."""
    import panflute as pf

    from trialbib.io.files import _inside

    root = os.path.realpath(os.path.dirname(os.path.abspath(source)))
    warnings: list[str] = []

    def check(element: Any, _doc: Any) -> Any:
        if not isinstance(element, pf.Image) or element.url.startswith("data:"):
            return None
        url = element.url
        local = "://" not in url and not url.startswith("file:")
        real = os.path.realpath(os.path.join(root, url)) if local else ""
        if local and _inside(real, root) and os.path.isfile(real):
            element.url = real
            return None
        warnings.append(
            f"{source}: image {escape.line(url)!r} left out: only image files in the manuscript's folder are embedded"
        )
        return pf.Span(*element.content)

    doc.walk(check)
    return warnings


def _text_stream(data: bytes) -> Any:
    import io

    return io.StringIO(data.decode("utf-8"))


def _dump(doc: Any) -> bytes:
    import io

    import panflute as pf

    buffer = io.StringIO()
    pf.dump(doc, buffer)
    return buffer.getvalue().encode("utf-8")


# --- the filter ---------------------------------------------------------------------------


def _meta_paths(doc: Any, *names: str) -> list[str]:
    """Every path of the first of ``names`` set: pandoc's ``bibliography`` may be a list."""
    for name in names:
        value = doc.get_metadata(name, None)
        found = [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str) and v]
        if found:
            return found
    return []


def _filter_settings(doc: Any) -> tuple[Bibliography, str]:
    from trialbib import paths
    from trialbib.io.load import load_bibliographies
    from trialbib.keys import fill_missing_keys

    bib_paths = _meta_paths(doc, "trialbib-bib", "bibliography") or [
        os.environ.get("TRIALBIB_BIB") or paths.BIBLIOGRAPHY
    ]
    style = _meta_text(doc, "trialbib-style", "csl") or os.environ.get("TRIALBIB_STYLE") or "gb7714"
    for bib_path in bib_paths:
        if not os.path.exists(bib_path):
            raise InputError("no such bibliography", Location(bib_path), "set bibliography: in the metadata")
    bib = load_bibliographies(bib_paths, infer=True)  # any format, merged; languages inferred as the CLI does
    fill_missing_keys(bib.items)
    bib.raise_first()
    return bib, style


def main() -> None:
    """``trialbib-pandoc``: the pandoc JSON filter (stdin to stdout)."""
    import panflute as pf

    from trialbib.errors import TrialbibError

    doc = pf.load()
    try:
        bib, style = _filter_settings(doc)
        result = format_document(doc, bib, style, include_all=bool(doc.get_metadata("trialbib-all", False)))
    except TrialbibError as exc:
        sys.stderr.write(f"trialbib-pandoc: error: {exc}\n")
        for missing in getattr(exc, "missing", [])[1:]:
            sys.stderr.write(f"trialbib-pandoc: error: {missing}\n")
        sys.exit(2)
    for warning in result.warnings:
        sys.stderr.write(f"trialbib-pandoc: warning: {warning}\n")
    doc.walk(_no_commands)
    pf.dump(doc)


def _no_commands(element: Any, _doc: Any) -> None:
    """The user's pandoc writes this tree and may wrap any word to a line start: no word may
    then start a workflow command (``trialbib format`` escapes its whole output instead)."""
    import panflute as pf

    from trialbib.escape import unwrappable

    if isinstance(element, pf.Str) and ("::" in element.text or "##[" in element.text):
        element.text = unwrappable(element.text)
