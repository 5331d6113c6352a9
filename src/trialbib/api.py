"""The public API: each function is what one CLI command does, without the printing."""

from __future__ import annotations

import os
from collections.abc import Sequence

from trialbib.errors import InputError
from trialbib.model import Bibliography, TrialSet
from trialbib.render.engine import Entry, Format
from trialbib.render.styles import DEFAULT_STYLE

PathLike = str | os.PathLike[str]


def load_bibliography(path: PathLike, *, strict: bool = True) -> Bibliography:
    """Read a .bib file. With ``strict`` the first error is raised; otherwise it is in ``problems``."""
    from trialbib.io.bibtex import read_bibtex

    bib = read_bibtex(path)
    if strict:
        raise_first(bib)
    return bib


def raise_first(bib: Bibliography) -> None:
    """Raise the first error-level problem of a bibliography as an InputError."""
    if bib.errors:
        problem = bib.errors[0]
        more = len(bib.errors) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise InputError(f"{problem.message}{suffix}", problem.location)
    if not bib.items:
        raise InputError("holds no entries", _where(bib.source), "add @article{key, ...} entries")


def _where(source: str | None):  # type: ignore[no-untyped-def]
    from trialbib.errors import Location

    return Location(source)


def load_trials(path: PathLike, bib: Bibliography | None = None) -> TrialSet:
    """Read a trials file; with ``bib``, every linked key must exist in it."""
    from trialbib.io.trials import link_problems, read_trials

    trials = read_trials(path)
    if bib is not None:
        problems = link_problems(trials, bib)
        if problems:
            raise InputError(problems[0].message, problems[0].location)
    return trials


def render(
    bib: Bibliography,
    style: str = DEFAULT_STYLE,
    fmt: Format = "text",
    order: Sequence[str] | None = None,
    locale: str | None = None,
) -> list[Entry]:
    """The formatted reference list of ``bib``, numbered in ``order`` (default: file order)."""
    from trialbib.render.engine import render_bibliography

    return render_bibliography(bib.items, style, fmt, order, locale)
