"""Caches for citeproc-py's repeated work, which keep its output byte-identical.

citeproc-py re-runs XPath queries from the document root on every macro, term and option
lookup (41% of an APA render), re-walks macros to ask whether they call a variable, and
finds an item's citation number with ``list.index`` (quadratic in the list's length). Style and
locale trees never change while rendering, so each query's answer is kept on its element.

lxml makes a new Python proxy for an element whenever no proxy is alive, which would lose
anything stored on it; :func:`freeze` therefore keeps every element of a loaded tree alive.
Like the repairs, these patches are applied only on the citeproc-py versions they were proven
on (0.11.x).
"""

from __future__ import annotations

from typing import Any

from trialbib.render.repairs import PROVEN_VERSIONS, citeproc_version
from trialbib.render.styles import CSL_NS

_applied: list[bool] = []


def apply() -> None:
    """Patch citeproc-py once (no-op on versions the patches are not proven on)."""
    if _applied:
        return
    _applied.append(True)
    if not citeproc_version().startswith(PROVEN_VERSIONS):
        return
    from citeproc import model, source

    original_xpath = model.CitationStylesElement.xpath_search

    def xpath_search(self: Any, expression: str) -> Any:
        memo = self.__dict__.get("_tb_xpath")
        if memo is None:
            return original_xpath(self, expression)
        found = memo.get(expression)
        if found is None:
            found = memo[expression] = original_xpath(self, expression)
        return found

    def get_root(self: Any) -> Any:
        root = self.__dict__.get("_tb_root")
        return root if root is not None else self.getroottree().getroot()

    model.CitationStylesElement.xpath_search = xpath_search
    model.CitationStylesElement.get_root = get_root
    for cls in (model.Parent, model.Text, model.Date, model.Number, model.Names, model.Label, model.Group):
        if "calls_variable" in cls.__dict__:
            cls.calls_variable = _memo_calls_variable(cls.__dict__["calls_variable"])

    original_locales = model.Style.set_locale_list

    def set_locale_list(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = original_locales(self, *args, **kwargs)
        for locale in self.locales:
            root = locale.getroottree().getroot()
            if "_tb_xpath" not in root.__dict__:
                freeze(root)
        return result

    model.Style.set_locale_list = set_locale_list
    source.CitationItem.reference = property(_reference)
    source.CitationItem.number = property(_number)


def freeze(root: Any) -> None:
    """Keep every element of a style or locale tree alive, each with its own query memo."""
    from citeproc import model

    for names in root.iter(f"{{{CSL_NS}}}names"):
        if names.find(f"{{{CSL_NS}}}name") is None:
            names.insert(0, model.Name())  # citeproc-py inserts it on first use; do it up front
    keep = []
    for element in root.iter():
        if isinstance(element, model.CitationStylesElement):
            element.__dict__["_tb_xpath"] = {}
            element.__dict__["_tb_root"] = root
            keep.append(element)
    root.__dict__["_tb_keep"] = keep


def _memo_calls_variable(method: Any) -> Any:
    def calls_variable(self: Any) -> Any:
        state = self.__dict__
        if "_tb_calls" in state:
            return state["_tb_calls"]
        value = method(self)
        if "_tb_xpath" in state:
            state["_tb_calls"] = value
        return value

    return calls_variable


def _reference(self: Any) -> Any:
    state = self.__dict__
    found = state.get("_tb_reference")
    if found is None:
        found = state["_tb_reference"] = self.bibliography.source[self.key]
    return found


def _number(self: Any) -> int:
    """The citation number from an index of the registered keys, rebuilt when they change."""
    bib = self.bibliography
    index = bib.__dict__.get("_tb_index")
    if index is None or index[0] is not bib.keys or index[1] != len(bib.keys):
        index = (bib.keys, len(bib.keys), {key: i + 1 for i, key in enumerate(bib.keys)})
        bib.__dict__["_tb_index"] = index
    return int(index[2][self.key])
