"""A manuscript's citations: read them, number the list by them, format them in place.

The steps, each a function the CLI and the pandoc filter both call:

- :func:`read_manuscript` / :func:`scan`: the citation groups of a Markdown, LaTeX or Word file;
- :func:`order_from_manuscripts`: the list's keys, by first citation, with ``nocite``;
- :class:`Citer`: one citation group in the style's in-text form;
- :func:`format_manuscript`: the manuscript with its citations formatted and the list appended.
"""

from trialbib.io.citations import CiteGroup, CiteItem, ScannedManuscript, scan, split_locator
from trialbib.manuscript.document import Formatted, MissingKeys, format_text
from trialbib.manuscript.intext import Citer, is_numeric
from trialbib.manuscript.order import ListOrder, Missing, order_from_manuscripts, read_manuscript
from trialbib.manuscript.outputs import format_manuscript

__all__ = [
    "CiteGroup",
    "CiteItem",
    "Citer",
    "Formatted",
    "ListOrder",
    "Missing",
    "MissingKeys",
    "ScannedManuscript",
    "format_manuscript",
    "format_text",
    "is_numeric",
    "order_from_manuscripts",
    "read_manuscript",
    "scan",
    "split_locator",
]
