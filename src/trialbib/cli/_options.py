"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from trialbib import paths
from trialbib.render.styles import DEFAULT_STYLE

F = TypeVar("F", bound=Callable[..., Any])


def _configured(name: str) -> str | None:
    """A path from the nearest trialbib.toml / [tool.trialbib] (found upward), if it sets one."""
    from trialbib.checks.config import find_config, load_config

    found = find_config()
    return getattr(load_config(found), name) if found is not None else None


def _default_bib(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(value) or (_configured("bibliography") or paths.BIBLIOGRAPHY,)


def _bib(resolve: bool) -> Callable[[F], F]:
    """The one ``--bib FILE`` definition (repeatable); ``resolve`` fills in the default."""
    return click.option(
        "--bib",
        "bib_path",
        multiple=True,
        callback=_default_bib if resolve else None,
        metavar="FILE",
        help="Bibliography: BibTeX/BibLaTeX, CSL-JSON, CSL YAML or RIS (by extension or content); "
        f"repeat to merge several. Default: trialbib.toml's, else {paths.BIBLIOGRAPHY}.",
    )


bib_option = _bib(resolve=True)
"""``--bib FILE`` (repeatable): the bibliographies, merged in order; default: the configured
one, else ``references.bib``. The command receives a tuple of paths."""

bib_option_as_given = _bib(resolve=False)
"""``--bib`` as typed, an empty tuple when absent: for ``check``, whose default also depends on
``--no-config``, ``--config`` and a .bib among its path arguments."""


def trials_option(func: F) -> F:
    """``--trials FILE``: the trial records; see :func:`resolve_trials_path` for the default."""
    return click.option(
        "--trials",
        "trials_path",
        default=None,
        metavar="FILE",
        help=f"Trial records (YAML or CSV). Default: trialbib.toml's, else {paths.TRIALS} beside {paths.BIBLIOGRAPHY}.",
    )(func)


def style_option(func: F) -> F:
    """``--style NAME|FILE.csl``: any installed CSL style, an alias, or a file."""
    return click.option(
        "--style",
        default=DEFAULT_STYLE,
        show_default=True,
        metavar="NAME|FILE",
        help="CSL style: a name (e.g. apa, vancouver), an alias, or a .csl file.",
    )(func)


def strict_option(func: F) -> F:
    """``--strict``: any problem in the bibliography is an error (exit 2) instead of a warning."""
    return click.option(
        "--strict",
        is_flag=True,
        help="Exit 2 on any problem in the bibliography. Default: report each on stderr, use the rest.",
    )(func)


def load_bib(bib_path: str | tuple[str, ...], strict: bool = False) -> Any:
    """The bibliography for a command: problems on stderr one line each, or (``strict``) exit 2."""
    from trialbib.api import load_bibliography

    bib = load_bibliography(bib_path, strict=False)
    if strict:
        bib.raise_first(warnings=True)
    for problem in bib.problems:
        click.echo(f"trialbib: warning: {problem}", err=True)
    return bib


def resolve_trials_path(given: str | None, bib_path: str | tuple[str, ...] = paths.BIBLIOGRAPHY) -> str | None:
    """The trials file to read: the one given; the configured one, when the bibliography is the
    configured one; else ``trials.yaml`` beside the bibliography when that is a ``references.bib``
    (the pair a trialbib project keeps)."""
    from pathlib import Path

    if given is not None:
        return given
    if not isinstance(bib_path, str):
        if len(bib_path) != 1:
            return _configured("trials")  # several bibliographies: only a configured trials file
        bib_path = bib_path[0]
    configured, configured_bib = _configured("trials"), _configured("bibliography") or paths.BIBLIOGRAPHY
    if configured is not None and Path(configured_bib).resolve() == Path(bib_path).resolve():
        return configured  # the configured records belong with the configured bibliography
    bib = Path(bib_path)
    beside = bib.with_name(paths.TRIALS)
    if bib.name == paths.BIBLIOGRAPHY and beside.exists():
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


def emit(
    text: str | bytes,
    output: str | None,
    inputs: tuple[str | None, ...] = (),
    commands: bool = False,
    json: bool = False,
) -> None:
    """Print ``text``, or write it to ``output`` (``-`` and ``/dev/stdout`` print) through the one
    safe write path: never over a device, a FIFO or one of the command's ``inputs``. Printed
    text starts no workflow command unless it is one by design (``commands``); ``json`` text is
    kept valid JSON while doing so. ``text`` may be its UTF-8 bytes (written to a file as they are)."""
    from trialbib.escape import json_text, no_commands
    from trialbib.io.files import is_stdout, write_bytes_atomic

    if output is None or is_stdout(output):
        text = text.decode("utf-8") if isinstance(text, bytes) else text
        click.echo(text if commands else json_text(text) if json else no_commands(text), nl=False)
    else:
        write_bytes_atomic(output, text if isinstance(text, bytes) else text.encode("utf-8"), inputs=inputs)
