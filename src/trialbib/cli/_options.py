"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_BIB = "references.bib"
DEFAULT_TRIALS = "trials.yaml"


def bib_option(func: F) -> F:
    """``--bib FILE``: the bibliography, ``references.bib`` in this folder by default."""
    return click.option(
        "--bib",
        "bib_path",
        default=DEFAULT_BIB,
        show_default=True,
        metavar="FILE",
        help="BibTeX/BibLaTeX bibliography to read.",
    )(func)


def trials_option(func: F) -> F:
    """``--trials FILE``: the trial records, ``trials.yaml`` here by default (skipped if absent)."""
    return click.option(
        "--trials",
        "trials_path",
        default=None,
        metavar="FILE",
        help=f"Trial records (YAML). Default: {DEFAULT_TRIALS} beside the default bibliography.",
    )(func)


def style_option(func: F) -> F:
    """``--style NAME|FILE.csl``: any installed CSL style, an alias, or a file."""
    return click.option(
        "--style",
        default="gb7714",
        show_default=True,
        metavar="NAME|FILE",
        help="CSL style: a name (e.g. apa, vancouver), an alias, or a .csl file.",
    )(func)


def resolve_trials_path(given: str | None, bib_path: str = DEFAULT_BIB) -> str | None:
    """The trials file to read: the one given, else ``trials.yaml`` beside the default bibliography."""
    import os

    if given is not None:
        return given
    if bib_path == DEFAULT_BIB and os.path.exists(DEFAULT_TRIALS):
        return DEFAULT_TRIALS
    return None
