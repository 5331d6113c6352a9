"""CSL features citeproc-py ignores, found in a style before it is used.

A style that cannot be rendered correctly must never be silently wrong: each feature found here
becomes one warning naming the style element that is ignored (the CLI prints it on stderr).
Features trialbib's CSL layer implements (disambiguation and year suffixes, cite grouping and
collapsing, CSL-M ``layout locale=``, per-item locales, ``second-field-align``) are not reported.
"""

from __future__ import annotations

from typing import Any, Literal

from trialbib.render.styles import CSL_NS

CSL = f"{{{CSL_NS}}}"
Purpose = Literal["bibliography", "citation"]


def ignored_features(root: Any, purpose: Purpose = "bibliography") -> list[str]:
    """One message per CSL feature of ``root`` (an lxml style element) that citeproc-py ignores."""
    found: list[str] = []

    def add(message: str) -> None:
        if message not in found:
            found.append(message)

    if root.find(f".//{CSL}institution") is not None:
        add("<institution> (CSL 1.1): organisations in author lists are formatted as plain names")
    if root.find(f".//{CSL}intext") is not None:
        add("<intext> (CSL-M): ignored")
    bibliography = root.find(f"{CSL}bibliography")
    if bibliography is not None and purpose == "bibliography":
        for element in root.iter():
            display = element.get("display") if isinstance(element.tag, str) else None
            if display:
                add(f'display="{display}": the block layout is not applied')
                break
    return found
