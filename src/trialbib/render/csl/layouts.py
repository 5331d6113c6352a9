"""CSL-M per-language layouts: which ``cs:layout`` renders an item.

Apart from :mod:`.elements` so that the citation collapsing (:mod:`.collapse`), which the
elements call, can choose a layout without importing them back.
"""

from __future__ import annotations

from typing import Any

from trialbib.render.styles import CSL_NS


def layout_for(layout: Any, item: Any) -> Any:
    """CSL-M: the ``<layout locale="en es">`` matching the item's language, else the layout
    without a locale (the last); citeproc-py knew only the first layout."""
    parent = layout.getparent()
    layouts = parent.__dict__.get("_tb_layouts")
    if layouts is None:
        layouts = parent.__dict__["_tb_layouts"] = parent.findall(f"{{{CSL_NS}}}layout")
    if len(layouts) < 2:
        return layout
    try:
        language = str(item.reference.get("language") or "")
    except Exception:  # an item without a reference
        language = ""
    tag = language.replace("_", "-").lower()
    fallback = layouts[-1]
    for candidate in layouts:
        wanted = (candidate.get("locale") or "").lower().split()
        if not wanted:
            fallback = candidate
        elif tag and any(tag == w or tag.split("-")[0] == w.split("-")[0] for w in wanted):
            return candidate
    return fallback
