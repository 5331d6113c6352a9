"""``trialbib tables``: Table 1 and Table 2 as the article shows them, references computed."""

from __future__ import annotations

import click

from trialbib import paths
from trialbib.cli._options import (
    bib_option,
    emit,
    load_bib,
    resolve_trials_path,
    strict_option,
    trials_option,
)


@click.command("tables")
@bib_option
@strict_option
@trials_option
@click.option(
    "--style",
    default=None,
    metavar="NAME|FILE",
    help="Number references as this CSL style orders its list (default: the bibliography's order).",
)
@click.option("--table", "table", type=click.Choice(["1", "2"]), default=None, help="Only this table.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html", "csv", "latex", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--range-from",
    type=click.IntRange(2),
    default=3,
    show_default=True,
    help="Collapse runs of this many consecutive numbers: 3 gives [1,2] and [1-3]; 2 gives [1-2].",
)
@click.option("-o", "--output", default=None, metavar="FILE", help="Write to FILE instead of printing.")
@click.option(
    "--check",
    is_flag=True,
    help="Check labels and links instead of rendering: print each problem; exit 1 if any is an error.",
)
def command(
    bib_path: tuple[str, ...],
    trials_path: str | None,
    style: str | None,
    table: str | None,
    fmt: str,
    range_from: int,
    output: str | None,
    check: bool,
    strict: bool = False,
) -> None:
    """Render the evidence tables with author-year labels and numbers computed from the references.

    Numbers follow the reference list: the bibliography's order, or with --style the order of
    that style's list. With --check, report where records, labels and references disagree
    (codes CIT003 and TAB001-TAB006, see docs/tables.md).
    """
    from trialbib.api import render
    from trialbib.errors import InputError
    from trialbib.escape import line
    from trialbib.io.trials import link_problems, read_trials
    from trialbib.tables import build_tables, check_tables, format_tables

    bib = load_bib(bib_path, strict)
    trials_file = resolve_trials_path(trials_path, bib_path) or paths.TRIALS
    trials = read_trials(trials_file)
    order = [entry.key for entry in render(bib, style=style)] if style else None
    if check:
        problems = check_tables(trials, bib, order)
        for problem in problems:
            click.echo(line(f"{problem.location}: {problem.severity}: {problem.code} {problem.message}"))
        if any(p.severity == "error" for p in problems):
            click.get_current_context().exit(1)
        return
    unknown = link_problems(trials, bib)
    if unknown:
        raise InputError(unknown[0].message, unknown[0].location)
    tables = build_tables(trials, bib, order, tables=(int(table),) if table else (1, 2), min_run=range_from)
    text = format_tables(tables, fmt)
    emit(text, output, (*bib_path, trials_file, style), json=fmt == "json")
