"""``trialbib trials``: the trial records of both tables, with their reference numbers."""

from __future__ import annotations

import click

from trialbib import paths
from trialbib.cli._options import (
    bib_option,
    load_bib,
    resolve_trials_path,
    strict_option,
    trials_option,
)


@click.command("trials")
@bib_option
@strict_option
@trials_option
@click.option("--disease", default=None, help="Records whose disease has these words (any case), e.g. SLE.")
@click.option("--population", default=None, help="Records with a change in this immune population, e.g. Treg.")
@click.option(
    "--direction",
    type=click.Choice(["up", "down"]),
    default=None,
    help="Which way the population (or, without --population, any immune population) moved.",
)
@click.option("--dose-min", type=float, default=None, metavar="N", help="Some daily dose is at least N.")
@click.option("--dose-max", type=float, default=None, metavar="N", help="Some daily dose is at most N.")
@click.option("--table", type=click.Choice(["1", "2"]), default=None, help="Only records of this table.")
@click.option("--key", default=None, metavar="KEY", help="Records that cite this citation key.")
@click.option(
    "--export-csv",
    default=None,
    metavar="FILE",
    help="Write the matching records to FILE as CSV (one row per record; '-' prints it) instead.",
)
def command(
    bib_path: tuple[str, ...],
    trials_path: str | None,
    disease: str | None,
    population: str | None,
    direction: str | None,
    dose_min: float | None,
    dose_max: float | None,
    table: str | None,
    key: str | None,
    export_csv: str | None,
    strict: bool = False,
) -> None:
    """Print the trial records of Table 1 and Table 2 with their reference numbers.

    Filters combine (all must match): `trialbib trials --population Treg --direction up
    --dose-max 1`. --trials takes the YAML file or its CSV form (a .csv file); --export-csv
    writes that CSV, which reads back to the same records (see docs/tables.md).
    """
    from trialbib.api import load_trials
    from trialbib.escape import line, no_commands
    from trialbib.tables import TABLE1_HEADER, TABLE2_HEADER, filter_trials, table1_rows, table2_rows

    bib = load_bib(bib_path, strict)
    trials_file = resolve_trials_path(trials_path, bib_path) or paths.TRIALS
    trials = load_trials(trials_file, bib)
    trials = filter_trials(
        trials,
        disease=disease,
        population=population,
        direction=direction,
        dose_min=dose_min,
        dose_max=dose_max,
        table=int(table) if table else None,
        key=key,
    )
    if export_csv:
        from trialbib.io.files import is_stdout
        from trialbib.io.trials_csv import trials_to_csv, write_trials_csv

        if is_stdout(export_csv):
            click.echo(no_commands(trials_to_csv(trials)), nl=False)
        else:
            write_trials_csv(trials, export_csv, inputs=(*bib_path, trials_file))
        return
    if not trials.published and not trials.unpublished:
        click.echo("trialbib: no record matches", err=True)
        return
    for number, header, rows in ((1, TABLE1_HEADER, table1_rows(trials, bib)), (2, TABLE2_HEADER, table2_rows(trials))):
        if not rows:
            continue
        title = trials.titles.get(number, "")
        click.echo(line(f"Table {number}. {title}".rstrip(". ") if title else f"Table {number}"))
        click.echo(line(" | ".join(header)))
        for row in rows:
            click.echo(line(" | ".join(row)))
        click.echo()
