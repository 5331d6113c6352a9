"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from trialbib.checks.engine import DEFAULT_BIB, DEFAULT_TRIALS

F = TypeVar("F", bound=Callable[..., Any])


def _configured(name: str) -> str | None:
    """A path from the nearest trialbib.toml / [tool.trialbib] (found upward), if it sets one."""
    from trialbib.checks.config import find_config, load_config

    found = find_config()
    return getattr(load_config(found), name) if found is not None else None


def _default_bib(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    return value or _configured("bibliography") or DEFAULT_BIB


def bib_option(func: F) -> F:
    """``--bib FILE``: the bibliography; default: the configured one, else ``references.bib``."""
    return click.option(
        "--bib",
        "bib_path",
        default=None,
        callback=_default_bib,
        metavar="FILE",
        help=f"BibTeX/BibLaTeX bibliography to read. Default: trialbib.toml's, else {DEFAULT_BIB}.",
    )(func)


def trials_option(func: F) -> F:
    """``--trials FILE``: the trial records; see :func:`resolve_trials_path` for the default."""
    return click.option(
        "--trials",
        "trials_path",
        default=None,
        metavar="FILE",
        help=f"Trial records (YAML or CSV). Default: trialbib.toml's, else {DEFAULT_TRIALS} beside {DEFAULT_BIB}.",
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
    """The trials file to read: the one given; the configured one, when the bibliography is the
    configured one; else ``trials.yaml`` beside the bibliography when that is a ``references.bib``
    (the pair a trialbib project keeps)."""
    from pathlib import Path

    if given is not None:
        return given
    configured, configured_bib = _configured("trials"), _configured("bibliography") or DEFAULT_BIB
    if configured is not None and Path(configured_bib).resolve() == Path(bib_path).resolve():
        return configured  # the configured records belong with the configured bibliography
    bib = Path(bib_path)
    beside = bib.with_name(DEFAULT_TRIALS)
    if bib.name == DEFAULT_BIB and beside.exists():
        return str(beside)
    return None


class Progress:
    """A progress bar on stderr for long work, shown only when stderr is a terminal."""

    MIN_ITEMS = 500

    def __init__(self, total: int, label: str):
        import sys

        self.bar = None
        if total >= self.MIN_ITEMS and sys.stderr.isatty():
            self.bar = click.progressbar(length=total, label=label, file=sys.stderr)
            self.bar.__enter__()

    def __call__(self, done: int) -> None:
        if self.bar is not None:
            self.bar.update(done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
