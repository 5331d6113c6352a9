"""A field that Zotero's stock BibTeX import does not keep.

A bibliography that will be imported into Zotero (without Better BibTeX) loses these fields
silently. Option ``kept`` lists the fields the import keeps; the default is a conservative
list of the standard BibTeX fields and the ones Zotero's importer maps. Off by default: the
shipped data uses ``langid``, ``pubstate`` and ``pmcid`` on purpose, and ``trialbib export``
writes Zotero-ready CSL-JSON instead.

Failing (with ``extend-select = ["CON003"]``)::

    @article{a, title = {A title}, langid = {english}}

Passing::

    @article{a, title = {A title}, language = {english}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "CON003"
NAME = "zotero-dropped"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {
    "kept": [
        "abstract", "address", "annote", "author", "booktitle", "chapter", "copyright", "date", "doi",
        "edition", "editor", "file", "howpublished", "institution", "isbn", "issn", "issue", "journal",
        "journaltitle", "keywords", "language", "lccn", "location", "month", "note", "number",
        "organization", "pages", "pmid", "publisher", "school", "series", "shorttitle", "title",
        "translator", "type", "url", "urldate", "volume", "year",
    ]
}  # fmt: skip


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    kept = {name.lower() for name in options["kept"]}
    for item, source in ctx.entries():
        for name in source.fields:
            if name not in kept:
                yield problem(f"field {name} is dropped by a Zotero BibTeX import", ctx.at_field(item["id"], name))
