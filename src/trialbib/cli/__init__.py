"""The ``trialbib`` command line: a thin layer over the library.

This package is the only place that imports click, prints or exits. Each command lives in the
module of its name (``import`` in ``import_.py``) and is imported only when it runs, so that
``trialbib --help`` and ``--version`` stay fast.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
from typing import Any

import click

from trialbib._version import __version__
from trialbib.errors import TrialbibError
from trialbib.escape import line


def _command_modules() -> dict[str, str]:
    """Command name -> module name; modules starting with ``_`` are helpers, not commands."""
    return {
        info.name.rstrip("_").replace("_", "-"): info.name
        for info in pkgutil.iter_modules(__path__)
        if not info.name.startswith("_")
    }


def _command_path(args: Any) -> str:
    """``trialbib COMMAND`` from the arguments: click's parser errors carry no context (click 8.2+)."""
    words = sys.argv[1:] if args is None else list(args)
    command = next((word for word in words if not word.startswith("-")), None)
    return f"trialbib {command}" if command in _command_modules() else "trialbib"


class LazyGroup(click.Group):
    """A group whose commands are modules of this package, imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_command_modules())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = _command_modules().get(cmd_name)
        if module is None:
            return None
        command: click.Command = importlib.import_module(f"{__name__}.{module}").command
        return command

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """click's entry point, with usage errors on one line like every other error (exit 2)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else _command_path(args)
            message = re.sub(r"\s*\n\s*", " ", exc.format_message()).rstrip(".")  # click's lists span lines
            click.echo(line(f"trialbib: error: {message}; see '{where} --help'"), err=True)
            sys.exit(2)
        except click.ClickException as exc:
            click.echo(line(f"trialbib: error: {exc.format_message()}"), err=True)
            sys.exit(exc.exit_code)
        except (click.Abort, EOFError):
            click.echo("trialbib: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrialbibError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"trialbib: error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="trialbib")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error (for bug reports).")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Keep a review's references as a checked, living bibliography.

    Regenerate the reference list from references.bib in any CSL style, cross-check a printed
    list against the data, render the evidence tables, export to Zotero and BibTeX, and run
    citation checks in CI.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main() -> None:
    """Console entry point."""
    try:
        cli.main(prog_name="trialbib")
    except KeyboardInterrupt:  # pragma: no cover - interactive
        click.echo("trialbib: interrupted", err=True)
        sys.exit(130)
