"""trialbib's CSL layer: the one place that uses citeproc-py.

citeproc-py is used as a library of CSL element classes, never patched for the whole process:

- :mod:`.elements` subclasses its elements and parses styles with trialbib's own lxml lookup,
  so only styles trialbib loaded behave differently;
- :mod:`.gated` wraps the few non-element methods (names, strings) so that they change nothing
  outside a trialbib session;
- :mod:`.state` keeps a session's state in a context variable (thread-safe, re-entrant);
- :mod:`.upstream` names every overridden upstream method with a fingerprint of its source.

On a citeproc-py version the repairs are not proven on, styles are parsed by citeproc-py's own
lookup (no repairs) and every render carries a warning.
"""

from __future__ import annotations

import io
from typing import Any

from trialbib.render.csl.markers import KEY, PART_CLOSE, PART_OPEN, PARTS, TRUNCATED
from trialbib.render.csl.state import RenderState, current, session
from trialbib.render.csl.upstream import PROVEN_VERSIONS

__all__ = [
    "KEY",
    "PARTS",
    "PART_CLOSE",
    "PART_OPEN",
    "PROVEN_VERSIONS",
    "REPAIRS",
    "TRUNCATED",
    "CitationItem",
    "CiteProcJSON",
    "RenderState",
    "citeproc_version",
    "current",
    "is_cjk",
    "item_locale",
    "parse_style",
    "proven",
    "session",
    "version_warning",
]

REPAIRS = (
    "group",
    "et-al",
    "cjk-names",
    "literal-names",
    "item-locale",
    "second-field-align",
    "locale-date-delimiter",
    "title-case",
    "part-classes",
    "hyphen-initials",
    "equal-range",
)


def citeproc_version() -> str:
    import citeproc

    return str(getattr(citeproc, "__version__", "unknown"))


def proven() -> bool:
    """True on the citeproc-py versions trialbib's elements are proven on."""
    return citeproc_version().startswith(PROVEN_VERSIONS)


def version_warning() -> str | None:
    """The warning every render carries on an unproven citeproc-py version, else None."""
    if proven():
        return None
    return (
        f"citeproc-py {citeproc_version()} is not a version trialbib's repairs are proven on "
        f"({', '.join(v + 'x' for v in PROVEN_VERSIONS)}); formatting may be wrong"
    )


def parse_style(data: bytes, locale: str | None) -> Any:
    """A citeproc-py ``CitationStylesStyle`` of ``data``: trialbib's elements where proven."""
    if not proven():
        from citeproc import CitationStylesStyle

        return CitationStylesStyle(io.BytesIO(data), locale=locale, validate=False)
    from trialbib.render.csl import elements, gated

    gated.install()
    return elements.parse_style(data, locale)


def item_locale(language: str | None) -> str | None:
    """The CSL locale for an item's BCP 47 language tag (``zh`` -> ``zh-CN``), or None."""
    from trialbib.render.csl.locales import item_locale as locale_of

    return locale_of(language)


def is_cjk(text: str | None) -> bool:
    """True when ``text`` is written in Chinese, Japanese or Korean script."""
    from trialbib.render.csl.gated import is_cjk as cjk

    return cjk(text)


def _citation_item_class() -> type:
    from citeproc.source import CitationItem as Upstream

    class CitationItem(Upstream):
        """citeproc-py's cite, with its reference and number looked up once (not by list.index)."""

        @property
        def reference(self) -> Any:
            state = self.__dict__
            found = state.get("_tb_reference")
            if found is None:
                found = state["_tb_reference"] = self.bibliography.source[self.key]
            return found

        @property
        def number(self) -> int:
            bib = self.bibliography
            index = bib.__dict__.get("_tb_index")
            if index is None or index[0] is not bib.keys or index[1] != len(bib.keys):
                index = (bib.keys, len(bib.keys), {key: i + 1 for i, key in enumerate(bib.keys)})
                bib.__dict__["_tb_index"] = index
            return int(index[2][self.key])

    return CitationItem


def _source_class() -> type:
    from citeproc.source.json import CiteProcJSON as Upstream

    class CiteProcJSON(Upstream):
        """citeproc-py's CSL-JSON reader, reading every CSL 1.0.2 name variable as names.

        citeproc-py knows eleven name variables and stores them as ``container_author``, so
        ``director`` crashed a render and ``container-author`` never printed. Input
        conventions of citeproc-js (``journalAbbreviation``, variables in the note) are read
        (:mod:`.inputs`)."""

        def __init__(self, json_data: Any) -> None:
            from trialbib.render.csl.inputs import normalised

            super().__init__([normalised(item) for item in json_data])
            for reference in self.values():
                for key in [k for k in reference if "_" in k and _is_names(reference[k])]:
                    reference[key.replace("_", "-")] = reference[key]

        def parse_string(self, string: Any) -> Any:
            if isinstance(string, list) and string and all(isinstance(part, dict) for part in string):
                return self.parse_names(string)
            return super().parse_string(string)

    return CiteProcJSON


def _is_names(value: Any) -> bool:
    from citeproc.source import Name

    return isinstance(value, list) and bool(value) and all(isinstance(part, Name) for part in value)


def __getattr__(name: str) -> Any:
    if name == "CitationItem":
        cls = _citation_item_class()
        globals()["CitationItem"] = cls
        return cls
    if name == "CiteProcJSON":
        cls = _source_class()
        globals()["CiteProcJSON"] = cls
        return cls
    raise AttributeError(name)
