"""The public API: each function is what one CLI command does, without the printing."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from trialbib.errors import InputError
from trialbib.model import Bibliography, TrialSet
from trialbib.render.styles import DEFAULT_STYLE

if TYPE_CHECKING:
    from trialbib.checks.engine import Report as CheckReport
    from trialbib.crosscheck import Report
    from trialbib.io.export import Exported, ExportFormat
    from trialbib.manuscript.document import Formatted
    from trialbib.manuscript.order import ListOrder
    from trialbib.merge import ImportResult
    from trialbib.render.engine import CitationText, Rendered
    from trialbib.render.formats import Format

PathLike = str | os.PathLike[str]


def load_bibliography(
    path: PathLike | Sequence[PathLike], *, strict: bool = True, sources: bool = False
) -> Bibliography:
    """Read a bibliography: BibTeX/BibLaTeX, CSL-JSON, CSL YAML or RIS, or several merged.

    With ``strict`` the first error is raised; otherwise it is in ``problems``. A key defined in
    two files is a problem. ``sources=True`` also keeps each BibTeX entry as written
    (``bib.sources``), which file-level checks and in-place edits need and nothing else does.
    """
    from trialbib.io.load import load_bibliographies
    from trialbib.keys import fill_missing_keys

    bib = load_bibliographies(path, keep_sources=sources, infer=True)
    fill_missing_keys(bib.items)
    if strict or not bib.items:
        bib.raise_first()
    return bib


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
    progress: Callable[[int], None] | None = None,
) -> Rendered:
    """The formatted reference list of ``bib``, numbered in ``order`` (default: file order).

    ``progress``, if given, is called with the number of entries formatted since its last call.
    """
    from trialbib.render.engine import render_bibliography

    return render_bibliography(bib.items, style, fmt, order, locale, progress=progress)


def cite(
    bib: Bibliography,
    keys: Sequence[str],
    style: str = DEFAULT_STYLE,
    fmt: Format = "text",
    order: Sequence[str] | None = None,
    locale: str | None = None,
) -> CitationText:
    """The in-text citation of ``keys`` (``[1-3,5]``), numbered as in the reference list."""
    from trialbib.render.engine import render_citation

    return render_citation(bib.items, keys, style, fmt, order, locale)


def cross_check(printed: str | Sequence[str], bib: Bibliography, *, style: str | None = None) -> Report:
    """Compare a printed reference list (text, or one string per entry) with the bibliography."""
    from trialbib.crosscheck import crosscheck

    return crosscheck(printed, bib, style=style)


def export(bib: Bibliography, fmt: ExportFormat, trials: TrialSet | None = None) -> Exported:
    """The bibliography as CSL-JSON, BibLaTeX, BibTeX or RIS text, with a warning per field lost."""
    from trialbib.io.export import export_items, trial_links

    return export_items(bib.items, fmt, trial_links(trials))


def import_into(path: PathLike, into: PathLike, *, overwrite: bool = False, dry_run: bool = False) -> ImportResult:
    """Merge a Zotero CSL-JSON, RIS or BibTeX export into a .bib file (a backup ``NAME~`` is kept)."""
    from trialbib.merge import import_into as merge_into

    return merge_into(path, into, overwrite=overwrite, dry_run=dry_run)


def check(paths: Sequence[str] = (), *, config: PathLike | None = None) -> CheckReport:
    """Run ``trialbib check``'s rules; ``config`` is a trialbib.toml (default: found upward)."""
    from trialbib.checks.config import find_config, load_config
    from trialbib.checks.engine import load_context, resolve_inputs, run_checks

    settings = load_config(str(config) if config is not None else find_config())
    inputs = resolve_inputs(settings, tuple(paths), None, None)
    return run_checks(settings, load_context(settings, inputs))


def order_from_manuscripts(paths: Sequence[PathLike], bib: Bibliography, *, include_all: bool = False) -> ListOrder:
    """The list the manuscripts at ``paths`` ask for: cited keys by first citation, then nocite.

    ``missing`` holds each cited key the bibliography lacks, where it is first cited.
    """
    from trialbib.manuscript.order import order_from_manuscripts as ordered
    from trialbib.manuscript.order import read_manuscript

    return ordered([read_manuscript(p) for p in paths], bib.keys, include_all=include_all)


def format_manuscript(
    path: PathLike,
    bib: Bibliography,
    output: PathLike,
    style: str = DEFAULT_STYLE,
    *,
    locale: str | None = None,
    heading: str | None = None,
    include_all: bool = False,
) -> Formatted:
    """The manuscript at ``path`` with its citations formatted and the list appended, as
    ``output``'s extension asks (``.md``, ``.html``, ``.tex``, ``.txt``, ``.docx``, ``.odt``); not written."""
    from trialbib.manuscript.outputs import format_manuscript as formatted

    return formatted(path, bib, output, style, locale=locale, heading=heading, include_all=include_all)
