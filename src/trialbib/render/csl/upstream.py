"""Every piece of citeproc-py that trialbib overrides, with a fingerprint of its source.

trialbib's elements (:mod:`.elements`) and session wrappers (:mod:`.gated`) were written against
the upstream code named here. The fingerprint is a hash of ``inspect.getsource`` of that code at
the time; when citeproc-py is upgraded, :func:`changed` names exactly the targets whose upstream
source differs, so the upgrade says what to re-read (``tests/render/test_csl_boundary.py``).
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
from typing import Any

PROVEN_VERSIONS = ("0.11.",)

TARGETS: dict[str, str] = {
    # how citeproc-py chooses element classes (trialbib parses with its own lookup)
    "citeproc.frontend.CitationStylesXML.__init__": "bf2d6833f9b4cc99",
    "citeproc.frontend.CitationStylesStyle.__init__": "9244127475d1361f",
    "citeproc.model.Style.set_locale_list": "d5d6c6b30926b057",
    # memoised queries and the item's locale (Element)
    "citeproc.model.CitationStylesElement.xpath_search": "dbfbdab4edbd77a1",
    "citeproc.model.CitationStylesElement.get_root": "263427c8918df634",
    "citeproc.model.CitationStylesElement.get_term": "03243f439ae541ce",
    "citeproc.model.CitationStylesElement.get_date": "34d9cb6cf6602fac",
    # fast paths where citeproc-py's code changes nothing (same output, less work)
    "citeproc.model.CitationStylesElement.get_formatter": "196f91293cfe6b19",
    "citeproc.model.Formatted.format": "210dbdaef3b12103",
    "citeproc.model.If._type": "478cf5649405f7d2",
    "citeproc.model.TextCased.case": "85eb9974a9ce650d",
    "citeproc.model.Layout.render_bibliography": "087c1de68f398a50",
    # the group repair and what it tracks
    "citeproc.model.Group.process": "7e5e7fe16fc3c4cf",
    "citeproc.model.Text.process": "325ee485161caff2",
    "citeproc.model.Number.process": "e51e2bb321ec7bb5",
    "citeproc.model.Date.process": "32c188156fb4f311",
    "citeproc.model.Names.process": "b3f8aa870cf8bfe7",
    # names
    "citeproc.model.Name.process": "facb0cbb1612379d",
    "citeproc.model.Name.markup": "e42bf80b2329af0c",
    "citeproc.source.Name.parts": "588f51fe0d830894",
    # dates, parts, sorting
    "citeproc.model.Date_Part.process": "47edf1c47c18c046",
    "citeproc.model.Date.render_single_date": "47ec44ca74708a5b",
    "citeproc.model.Date.render_date_range": "0b8d557bebd0de48",
    "citeproc.model.Text.markup": "26754aab0a1534e1",
    "citeproc.model.Names.markup": "e42bf80b2329af0c",
    "citeproc.model.Key.sort_keys": "cb539e472acc9ccf",
    "citeproc.model.Sort.sort": "7547a8602c3885e4",
    "citeproc.model.Label._is_plural": "7df991e006c0f9cf",
    "citeproc.model.Label.process": "6a46805c69db8984",  # no label without its variable
    "citeproc.model.Parent.render_children": "cb1d7110bc38bc2a",  # a choose in cs:substitute (_Branch)
    "citeproc.string.String.capitalize_first": "9dc6f8304370860f",
    "citeproc.string.MixedString.capitalize_first": "9ce8cca648b64501",
    # disambiguation, cite collapsing, numbers and names (trialbib's additions)
    "citeproc.model.If.render": "f6dfc632f350b5ff",
    "citeproc.model.If._position": "50be6f709ae3e180",  # positions with note numbers
    "citeproc.model.If._variable": "206d4b9506ef9a41",  # first-reference-note-number
    "citeproc.model.Layout.render_citation": "a31e4473b62917df",
    "citeproc.model.FormatNumber._process": "cec14fda4d122107",
    "citeproc.model.Affixed.wrap": "5bc81721b178e851",
    "citeproc.model.Name.initialize": "372fb81bf1b7221d",
    "citeproc.model.Text._variable": "195464ccd5abbd52",
    "citeproc.model.Quoted.quote": "46b4f0fc7d193582",
    "citeproc.string.NoCase": "c70f810850490a26",
    "citeproc.source.json.CiteProcJSON.__init__": "38cfc98e7335fd4a",
    "citeproc.source.json.CiteProcJSON.parse_string": "13a990735183e5a8",
    # the rich-text layer (richtext): punctuation marks meeting at a seam
    "citeproc.string.normalize_seam": "ed21e09719366007",
    "citeproc.model.Number.format_number": "ffbf7de2f36793ac",
    "citeproc.model.to_ordinal": "8f5e7bdaa7902cf8",
    "citeproc.model.Substitute.render": "f307a773d151d8dc",
    "citeproc.source.CitationItem.reference": "328e9af9e0329b4e",
    "citeproc.source.CitationItem.number": "d46bc1ef91ba7df1",
}


def resolve(target: str) -> Any:
    """The upstream object a dotted target names (a property is resolved to its getter)."""
    parts = target.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            obj = inspect.getattr_static(obj, name)
        if isinstance(obj, property):
            obj = obj.fget
        return getattr(obj, "__wrapped__", obj)
    raise LookupError(target)


def fingerprint(target: str) -> str:
    """A short hash of the upstream source of ``target``."""
    source = inspect.getsource(resolve(target))
    return hashlib.blake2b(source.encode("utf-8"), digest_size=8).hexdigest()


def changed() -> list[str]:
    """The targets whose upstream source differs from what trialbib was written against."""
    return [target for target, known in TARGETS.items() if fingerprint(target) != known]
