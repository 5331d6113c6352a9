"""CSL features citeproc-py ignores, found in a style before it is used.

A style that cannot be rendered correctly must never be silently wrong: each feature found here
becomes one warning naming the style element that is ignored (the CLI prints it on stderr).
Features trialbib repairs or implements itself (``collapse="citation-number"``, per-item locales,
``second-field-align``) are not reported.
"""

from __future__ import annotations

from typing import Any, Literal

from trialbib.render.styles import CSL_NS

CSL = f"{{{CSL_NS}}}"
Purpose = Literal["bibliography", "citation"]

_DISAMBIGUATION = (
    "disambiguate-add-names",
    "disambiguate-add-givenname",
    "disambiguate-add-year-suffix",
)


def ignored_features(root: Any, purpose: Purpose = "bibliography") -> list[str]:
    """One message per CSL feature of ``root`` (an lxml style element) that citeproc-py ignores."""
    found: list[str] = []

    def add(message: str) -> None:
        if message not in found:
            found.append(message)

    for layout in root.iter(f"{CSL}layout"):
        if layout.get("locale"):
            add(f'<layout locale="{layout.get("locale")}"> (CSL-M): only the first layout is used')
    if root.find(f".//{CSL}institution") is not None:
        add("<institution> (CSL 1.1): organisations in author lists are formatted as plain names")
    if root.find(f".//{CSL}intext") is not None:
        add("<intext> (CSL-M): ignored")
    citation = root.find(f"{CSL}citation")
    bibliography = root.find(f"{CSL}bibliography")
    if citation is not None:
        if citation.get("disambiguate-add-year-suffix") == "true":
            add('<citation disambiguate-add-year-suffix="true">: no year suffixes (2018a, 2018b)')
        if purpose == "citation":
            for option in _DISAMBIGUATION[:2]:
                if citation.get(option) == "true":
                    add(f'<citation {option}="true">: citations are not disambiguated')
            collapse = citation.get("collapse")
            if collapse and collapse != "citation-number":
                add(f'<citation collapse="{collapse}">: citations are not collapsed')
            if root.find(f".//{CSL}if[@disambiguate]") is not None:
                add('<if disambiguate="true">: the condition is never true')
    if bibliography is not None and purpose == "bibliography":
        if bibliography.get("subsequent-author-substitute") is not None:
            add("<bibliography subsequent-author-substitute>: repeated authors are printed in full")
        for element in root.iter():
            display = element.get("display") if isinstance(element.tag, str) else None
            if display:
                add(f'display="{display}": the block layout is not applied')
                break
    return found
