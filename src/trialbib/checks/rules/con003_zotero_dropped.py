"""A field that Zotero's stock BibTeX import does not keep.

A bibliography that will be imported into Zotero (without Better BibTeX) loses these fields
silently. The fields the import keeps are those Zotero's ``BibTeX.js`` translator reads
(``fieldMap``, ``inputFieldMap``, ``extraIdentifiers`` and ``processField``): the standard
BibTeX fields, and ``language``, ``urldate``/``lastchecked``, ``shortjournal``,
``journaltitle``, ``eventtitle``, ``pagetotal``, ``version``, ``subtitle``, ``pmid``, ``pmcid``,
``lccn``, ``mrnumber``, ``zmnumber`` (into Extra), ``file``, ``keywords``, ``annote``. An
``eprint`` is kept (into Extra) when its ``eprinttype`` is one Zotero knows (arxiv, jstor,
pubmed, hdl, googlebooks). Option ``kept`` adds fields (e.g. for Better BibTeX, which keeps
more). Opt-in: it matters only to a bibliography headed for a Zotero import, and ``trialbib
export`` writes Zotero-ready CSL-JSON.

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
OPTIONS: dict[str, Any] = {"kept": []}

# What zotero/translators BibTeX.js (import) reads, table by table.
FIELD_MAP = (
    "address", "chapter", "edition", "type", "series", "title", "volume", "copyright", "isbn", "issn",
    "shorttitle", "url", "doi", "abstract", "nationality", "language", "assignee",
)  # fmt: skip
INPUT_FIELD_MAP = (
    "booktitle", "school", "publisher", "issue", "journaltitle", "shortjournal", "eventtitle", "pagetotal", "version",
)  # fmt: skip
PROCESS_FIELD = (
    "subtitle", "journal", "fjournal", "author", "editor", "translator", "institution", "organization", "location",
    "number", "day", "month", "year", "date", "pages", "note", "howpublished", "lastchecked", "urldate", "keywords",
    "keyword", "comment", "annote", "review", "notes", "pdf", "path", "sentelink", "file", "eprinttype",
)  # fmt: skip
EXTRA_IDENTIFIERS = ("lccn", "mrnumber", "zmnumber", "pmid", "pmcid")
EPRINT_TYPES = ("arxiv", "jstor", "pubmed", "hdl", "googlebooks")
KEPT = frozenset(FIELD_MAP + INPUT_FIELD_MAP + PROCESS_FIELD + EXTRA_IDENTIFIERS)
# Not data: BibTeX resolves these before Zotero sees the entry, or they name the entry itself.
STRUCTURAL = frozenset({"crossref", "xref", "xdata", "ids", "key"})


def dropped(fields: dict[str, str]) -> list[str]:
    """The fields of one entry that a Zotero BibTeX import leaves out."""
    eprint_kept = fields.get("eprinttype", "").strip().lower() in EPRINT_TYPES
    return [
        name
        for name in fields
        if name not in KEPT and name not in STRUCTURAL and not (name == "eprint" and eprint_kept)
    ]


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    extra = {name.lower() for name in options["kept"]}
    for item, source in ctx.entries():
        for name in dropped(source.fields):
            if name not in extra:
                yield problem(f"field {name} is dropped by a Zotero BibTeX import", ctx.at_field(item["id"], name))
