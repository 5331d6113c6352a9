"""``trialbib trials``: the trial records of both tables, with their reference numbers."""

from __future__ import annotations

import click

from trialbib.cli._options import DEFAULT_TRIALS, bib_option, resolve_trials_path, trials_option


@click.command("trials")
@bib_option
@trials_option
def command(bib_path: str, trials_path: str | None) -> None:
    """Print the trial records of Table 1 and Table 2 with their reference numbers."""
    from trialbib.api import load_bibliography, load_trials
    from trialbib.tables import TABLE1_HEADER, TABLE2_HEADER, table1_rows, table2_rows

    bib = load_bibliography(bib_path)
    trials = load_trials(resolve_trials_path(trials_path, bib_path) or DEFAULT_TRIALS, bib)
    for number, header, rows in ((1, TABLE1_HEADER, table1_rows(trials, bib)), (2, TABLE2_HEADER, table2_rows(trials))):
        if not rows:
            continue
        title = trials.titles.get(number, "")
        click.echo(f"Table {number}. {title}".rstrip(". ") if title else f"Table {number}")
        click.echo(" | ".join(header))
        for row in rows:
            click.echo(" | ".join(row))
        click.echo()
