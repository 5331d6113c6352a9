"""CSL item types and fields to BibLaTeX and back, in the form Better BibTeX writes and reads.

Every CSL type has one BibLaTeX form, so that CSL-JSON -> BibLaTeX -> CSL-JSON gives the type
back. Where Better BibTeX maps several CSL types to one BibLaTeX type (``@article`` for journal,
magazine and newspaper articles; ``@misc`` for maps and interviews), ``entrysubtype`` tells them
apart, as Better BibTeX does. A CSL variable BibLaTeX has no field for is written as a field of
its own name (``archive_location = {...}``, ``scale = {...}``); biber keeps such fields and
:func:`refine` turns them back into the variable.

Seam for the BibTeX reader (``io/bibtex.py``): it should map entry types with
:data:`ENTRY_TYPES` and end ``to_item`` with :func:`refine`. Until it does, :func:`register`
adds the types the reader lacks to its table, and the loaders call :func:`refine`.
"""

from __future__ import annotations

from typing import Any

from trialbib.model import Item

# CSL type -> (BibLaTeX type, entrysubtype or None). One form per CSL type.
CSL_TO_BIBLATEX: dict[str, tuple[str, str | None]] = {
    "article": ("online", "article"),  # Zotero's preprints; see PREPRINT_STATE
    "article-journal": ("article", None),
    "article-magazine": ("article", "magazine"),
    "article-newspaper": ("article", "newspaper"),
    "bill": ("legislation", "bill"),
    "book": ("book", None),
    "broadcast": ("misc", "broadcast"),
    "chapter": ("incollection", None),
    "classic": ("book", "classic"),
    "collection": ("misc", "collection"),  # CSL: an archival collection, not BibLaTeX's edited book
    "dataset": ("dataset", None),
    "document": ("misc", None),
    "entry": ("inreference", "entry"),
    "entry-dictionary": ("inreference", "dictionary"),
    "entry-encyclopedia": ("inreference", None),
    "event": ("misc", "event"),
    "figure": ("image", "figure"),
    "graphic": ("image", None),
    "hearing": ("jurisdiction", "hearing"),
    "interview": ("misc", "interview"),
    "legal_case": ("jurisdiction", None),
    "legislation": ("legislation", None),
    "manuscript": ("unpublished", None),
    "map": ("misc", "map"),
    "motion_picture": ("movie", None),
    "musical_score": ("music", "score"),
    "pamphlet": ("booklet", None),
    "paper-conference": ("inproceedings", None),
    "patent": ("patent", None),
    "performance": ("performance", None),
    "periodical": ("periodical", None),
    "personal_communication": ("letter", None),
    "post": ("online", "post"),
    "post-weblog": ("online", "weblog"),
    "regulation": ("legislation", "regulation"),
    "report": ("report", None),
    "review": ("review", None),
    "review-book": ("review", "book"),
    "software": ("software", None),
    "song": ("music", None),
    "speech": ("misc", "speech"),
    "standard": ("standard", None),
    "thesis": ("thesis", None),
    "treaty": ("legislation", "treaty"),  # not @legal: readers disagree on what @legal is
    "webpage": ("online", None),
}
# Better BibTeX writes a Zotero preprint as @online with pubstate = {prepublished}.
PREPRINT_STATE = "prepublished"

# Every BibLaTeX (and BibTeX) entry type -> CSL type, with the non-standard types biber accepts.
ENTRY_TYPES: dict[str, str] = {
    "article": "article-journal",
    "artwork": "graphic",
    "audio": "song",
    "bibnote": "document",
    "book": "book",
    "bookinbook": "chapter",
    "booklet": "pamphlet",
    "collection": "book",
    "commentary": "book",
    "conference": "paper-conference",
    "dataset": "dataset",
    "electronic": "webpage",
    "image": "graphic",
    "inbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "inreference": "entry-encyclopedia",
    "jurisdiction": "legal_case",
    "legal": "treaty",
    "legislation": "legislation",
    "letter": "personal_communication",
    "manual": "book",
    "mastersthesis": "thesis",
    "misc": "document",
    "movie": "motion_picture",
    "music": "song",
    "mvbook": "book",
    "mvcollection": "book",
    "mvproceedings": "book",
    "mvreference": "book",
    "online": "webpage",
    "patent": "patent",
    "performance": "performance",
    "periodical": "periodical",
    "phdthesis": "thesis",
    "proceedings": "book",
    "reference": "book",
    "report": "report",
    "review": "review",
    "software": "software",
    "standard": "standard",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "suppperiodical": "article-journal",
    "techreport": "report",
    "thesis": "thesis",
    "unpublished": "manuscript",
    "video": "motion_picture",
    "www": "webpage",
    # types of popular styles (biblatex-gb7714, biblatex-apa, JabRef) that biber passes through
    "archive": "document",
    "database": "dataset",
    "map": "map",
    "newspaper": "article-newspaper",
    "preprint": "article",
    "presentation": "speech",
    "webpage": "webpage",
}

# (CSL type the entry type alone gives, entrysubtype) -> CSL type: the reader's type, refined.
_BY_SUBTYPE = {(ENTRY_TYPES[etype], sub): ctype for ctype, (etype, sub) in CSL_TO_BIBLATEX.items() if sub}
_BY_SUBTYPE[("webpage", "webpage")] = "webpage"

# CSL variables written under a BibLaTeX name of their own (the rest by their CSL name).
RENAMED = {
    "original-title": "origtitle",
    "original-publisher": "origpublisher",
    "original-publisher-place": "origlocation",
    "call-number": "library",
    "number": "eid",
}
_FROM_RENAMED = {bib: csl for csl, bib in RENAMED.items()}
# Variables the writer keeps under their own CSL name; a field of that name reads back into it.
OWN_NAME = frozenset(
    {
        "archive",
        "archive-place",
        "archive_collection",
        "archive_location",
        "authority",
        "collection-number",
        "dimensions",
        "division",
        "jurisdiction",
        "part",
        "part-title",
        "printing",
        "reviewed-genre",
        "reviewed-title",
        "scale",
        "section",
        "source",
        "supplement",
        "volume-title",
        "volume-title-short",
        "medium",
        "available-date",
        "submitted",
        "original-date",
    }
)
NAME_VARIABLES = frozenset(
    {
        "chair",
        "collection-editor",
        "compiler",
        "composer",
        "contributor",
        "curator",
        "director",
        "editorial-director",
        "executive-producer",
        "guest",
        "host",
        "illustrator",
        "interviewer",
        "narrator",
        "organizer",
        "original-author",
        "performer",
        "producer",
        "recipient",
        "reviewed-author",
        "script-writer",
        "series-creator",
    }
)
DATE_VARIABLES = frozenset({"available-date", "submitted", "original-date", "event-date", "accessed", "issued"})


def biblatex_type(item: Item) -> tuple[str, str | None]:
    """The BibLaTeX entry type and ``entrysubtype`` of an item."""
    ctype = str(item.get("type") or "document")
    etype, sub = CSL_TO_BIBLATEX.get(ctype, ("misc", None))
    if ctype == "article" and not item.get("status"):
        return etype, None  # pubstate = {prepublished} says it (Better BibTeX's form)
    if ctype == "webpage" and item.get("status") == PREPRINT_STATE:
        return etype, "webpage"
    return etype, sub


def field_name(variable: str) -> str:
    """The BibLaTeX field a CSL variable without a rule of its own is written to."""
    return RENAMED.get(variable, variable.lower())


def register() -> None:
    """Teach the BibTeX reader the BibLaTeX types it does not know yet (idempotent)."""
    from trialbib.io import bibtex

    for etype, ctype in ENTRY_TYPES.items():
        bibtex.ENTRY_TYPES.setdefault(etype, ctype)


def refine(item: Item) -> Item:
    """An item read from a BibLaTeX entry, with what Better BibTeX's form says put back.

    ``entrysubtype`` picks the CSL type; ``pubstate = {prepublished}`` on ``@online`` is a
    preprint; fields named after CSL variables (``archive_location``, ``scale``, ``origtitle``)
    become those variables. Changes ``item`` in place and returns it; running it twice is harmless.
    """
    _preprint(item)
    custom = item.get("custom")
    if not custom:
        return item
    sub = custom.get("entrysubtype")
    known = (str(item.get("type")), sub.lower()) if isinstance(sub, str) else None
    if known in _BY_SUBTYPE:
        item["type"] = _BY_SUBTYPE[known]
        del custom["entrysubtype"]
    for name in list(custom):
        variable = _FROM_RENAMED.get(name.lower()) or _variable(name)
        if variable is None or variable in item or not isinstance(custom[name], str):
            continue
        value = custom.pop(name)
        item[variable] = _value(variable, value)
    if not custom:
        del item["custom"]
    return item


def _preprint(item: Item) -> None:
    """``@online`` with ``pubstate = {prepublished}`` and no ``entrysubtype``: a preprint."""
    subtype = "entrysubtype" in (item.get("custom") or {})
    if item.get("type") == "webpage" and item.get("status") == PREPRINT_STATE and not subtype:
        item["type"] = "article"
        del item["status"]


def _variable(name: str) -> str | None:
    lowered = name.lower()
    for candidate in (lowered, lowered.replace("_", "-"), lowered.replace("-", "_")):
        if candidate in OWN_NAME or candidate in NAME_VARIABLES:
            return candidate
    return None


def _value(variable: str, text: str) -> Any:
    if variable in NAME_VARIABLES:
        from trialbib.io.bibtex import parse_names

        names, _ = parse_names(text)
        return names
    if variable in DATE_VARIABLES:
        from trialbib.io.zotero import parse_date

        return parse_date(text)  # seam: the shared parser (io/dates.py) once it exists
    return text
