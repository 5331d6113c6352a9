"""An entry lacks a field its type requires.

The requirements are those of the BibTeX (``btxdoc``) and BibLaTeX (manual, section 2.1)
data models, less what a work may rightly lack: only theses, conference papers, patents and
unpublished works must name an author (an unsigned article, a government report, an
encyclopedia entry have none, and styles print them title first); a web page (``@online``)
needs a title and an address, not a date; ``@report``/``@thesis`` need no ``type`` (it only
labels the genre). ``journal``/``journaltitle``, ``year``/``date``, ``address``/``location`` and
``school``/``institution`` stand for each other. Option ``model``: ``either`` (default: an
entry passes if it satisfies one of the two), ``bibtex`` or ``biblatex``.

An entry with ``crossref`` (or ``xref``) has the fields its parent supplies, as BibTeX and
biber give them: every field of the parent, and the parent's ``title`` as the child's
``booktitle``. This holds whether or not the reader already inherited them; a ``crossref`` to
an entry the file does not define supplies nothing, and the message says so.

Failing::

    @article{a, author = {He, J.}, title = {Low-dose IL-2}, year = {2016}}
    @phdthesis{b, title = {Low-dose IL-2}, school = {PKU}, year = {2016}}

Passing::

    @article{a, author = {He, J.}, title = {Low-dose IL-2}, journal = {Nat Med}, year = {2016}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "FLD001"
NAME = "required-fields"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {"model": "either"}
CHOICES = {"model": ("either", "bibtex", "biblatex")}

ALIASES = {
    "journal": "journal|journaltitle",
    "journaltitle": "journal|journaltitle",
    "year": "year|date",
    "date": "year|date",
    "school": "school|institution",
    "institution": "school|institution",
}
BIBTEX: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author|editor", "title", "publisher", "year"),
    "booklet": ("title",),
    "inbook": ("author|editor", "title", "chapter|pages", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "conference": ("author", "title", "booktitle", "year"),
    "manual": ("title",),
    "mastersthesis": ("author", "title", "school", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "misc": (),
    "proceedings": ("title", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "unpublished": ("author", "title", "note"),
}
_AUTHOR_TITLE_DATE = ("author", "title", "date")
_EITHER_TITLE_DATE = ("author|editor", "title", "date")
# A web page often has no author and no date, and styles print it well without them: its title
# and address are what a reader needs. ``type`` of @report/@thesis only labels the genre.
_ONLINE = ("title", "doi|eprint|url")
BIBLATEX: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journaltitle", "date"),
    "book": _AUTHOR_TITLE_DATE,
    "mvbook": _AUTHOR_TITLE_DATE,
    "inbook": ("author", "title", "booktitle", "date"),
    "bookinbook": ("author", "title", "booktitle", "date"),
    "booklet": _EITHER_TITLE_DATE,
    "collection": ("editor", "title", "date"),
    "mvcollection": ("editor", "title", "date"),
    "incollection": ("author", "title", "booktitle", "date"),
    "inreference": ("author|editor", "title", "booktitle", "date"),
    "reference": ("editor", "title", "date"),
    "dataset": _EITHER_TITLE_DATE,
    "manual": _EITHER_TITLE_DATE,
    "misc": _EITHER_TITLE_DATE,
    "online": _ONLINE,
    "electronic": _ONLINE,
    "www": _ONLINE,
    "patent": ("author", "title", "number", "date"),
    "periodical": ("editor", "title", "date"),
    "proceedings": ("title", "date"),
    "mvproceedings": ("title", "date"),
    "inproceedings": ("author", "title", "booktitle", "date"),
    "conference": ("author", "title", "booktitle", "date"),
    "report": ("author", "title", "institution", "date"),
    "techreport": ("author", "title", "institution", "date"),
    "thesis": ("author", "title", "institution", "date"),
    "phdthesis": ("author", "title", "institution", "date"),
    "mastersthesis": ("author", "title", "institution", "date"),
    "software": _EITHER_TITLE_DATE,
    "standard": ("title", "date"),
    "unpublished": ("author", "title", "date"),
}


NAMED = frozenset({"phdthesis", "mastersthesis", "thesis", "inproceedings", "conference", "patent", "unpublished"})
_PEOPLE = frozenset({"author", "editor", "author|editor"})


def needs(entry_type: str, required: tuple[str, ...]) -> tuple[str, ...]:
    """The requirements that hold for this type: a person only where the work always has one."""
    return required if entry_type in NAMED else tuple(r for r in required if r not in _PEOPLE)


def missing(fields: dict[str, str], required: tuple[str, ...]) -> list[str]:
    """The requirements (``a|b`` alternatives, aliases expanded) that no non-empty field meets."""
    present = {name for name, value in fields.items() if value.strip()}
    out = []
    for need in required:
        names: set[str] = set()
        for name in need.split("|"):
            names.update(ALIASES.get(name, name).split("|"))
        if not names & present:
            out.append(need)
    return out


PARENT_FIELDS = ("crossref", "xref")


def inherited(fields: dict[str, str], parents: dict[str, dict[str, str]]) -> tuple[dict[str, str], str | None]:
    """``fields`` with what a ``crossref`` parent supplies, and the parent's key if it is undefined.

    BibTeX copies every field the child lacks; biber also maps the parent's ``title`` to the
    child's ``booktitle``. Parents are followed up to a few levels (biber allows chains).
    """
    merged = dict(fields)
    seen: set[str] = set()
    current = fields
    for _ in range(4):
        target = next((current[name].strip() for name in PARENT_FIELDS if current.get(name, "").strip()), None)
        if target is None or target.lower() in seen:
            return merged, None
        seen.add(target.lower())
        parent = parents.get(target.lower())
        if parent is None:
            return merged, target
        for name, value in parent.items():
            if value.strip() and not merged.get(name, "").strip():
                merged[name] = value
        if parent.get("title", "").strip() and not merged.get("booktitle", "").strip():
            merged["booktitle"] = parent["title"]
        current = parent
    return merged, None


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    model = options["model"]
    parents = {item["id"].lower(): source.fields for item, source in ctx.entries()}
    for item, source in ctx.entries():
        fields, undefined = inherited(source.fields, parents)
        candidates = []
        if model in ("either", "bibtex") and source.entry_type in BIBTEX:
            candidates.append(missing(fields, needs(source.entry_type, BIBTEX[source.entry_type])))
        if model in ("either", "biblatex") and source.entry_type in BIBLATEX:
            candidates.append(missing(fields, needs(source.entry_type, BIBLATEX[source.entry_type])))
        if not candidates or not all(candidates):
            continue
        lacking = min(candidates, key=len)
        why = f" (its crossref {undefined!r} is not defined in this file)" if undefined else ""
        yield problem(
            f"@{source.entry_type} requires {', '.join(lacking)}{why}; add {'it' if len(lacking) == 1 else 'them'}",
            ctx.at_entry(item["id"]),
        )
