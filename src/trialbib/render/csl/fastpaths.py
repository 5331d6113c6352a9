"""citeproc-py's hottest element methods, skipping work where it changes nothing.

citeproc-py calls these several times for every element of every entry it renders. Each method
here returns what citeproc-py's own returns, and takes a shortcut only where citeproc-py's work
cannot change its input (no font attribute, no affix, no quotes, a known root); anything else
goes to citeproc-py. :class:`FastPaths` sits in each trialbib element's class order between
:class:`.elements.Element` and citeproc-py's class, so trialbib's repairs in ``Element`` call
these through ``super()`` as they called citeproc-py's. Each overridden method is named in
:data:`.upstream.TARGETS`; ``tests/render/test_speed.py`` checks they equal citeproc-py's.
"""

from __future__ import annotations

from typing import Any

from citeproc import model
from citeproc.string import MixedString, NoCase, String

_AS_IS = frozenset([str, String, MixedString, NoCase])  # the types '' + x + '' returns as they are


class FastPaths(model.CitationStylesElement):
    """The shortcuts; lxml element classes take no instance state, so each is stateless or
    memoises on the element's ``__dict__`` of a frozen tree (:func:`.elements.freeze`)."""

    def get_formatter(self) -> Any:
        # the root is known (kept on each element of a frozen tree): no walk up the tree
        root = self.__dict__.get("_tb_root")
        if root is None:
            return super().get_formatter()
        return root.style.formatter if isinstance(root, model.Locale) else root.formatter

    def format(self, string: Any) -> Any:
        # with no font attribute each of citeproc-py's five steps returns its input
        get = self.get
        if get("font-style") or get("font-variant") or get("font-weight"):
            return super().format(string)
        if get("text-decoration") or get("vertical-align"):
            return super().format(string)
        return str(string) if isinstance(string, int | float) else string

    def wrap(self, string: Any) -> Any:
        # with no prefix or suffix citeproc-py returns '' + string + '' (two seams decided)
        if type(string) in _AS_IS and not self.get("prefix") and not self.get("suffix"):
            return string
        return super().wrap(string)

    def quote(self, string: Any) -> Any:
        # citeproc-py reads the locale's punctuation-in-quote before it knows it is not quoting
        if self.get("quotes", "false").lower() != "true":
            return string
        return super().quote(string)

    def _type(self, item: Any) -> list[bool]:
        # cs:if type="...": the style's types split once, the item's type read once
        types = self.__dict__.get("_tb_types")
        if types is None:
            types = [name.lower() for name in self.get("type").split()]
            if "_tb_xpath" in self.__dict__:  # a frozen tree: the element outlives this call
                self.__dict__["_tb_types"] = types
        if not types:
            return []
        kind = item.reference.type
        return [name == kind for name in types]
