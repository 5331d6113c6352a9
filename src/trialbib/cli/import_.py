"""``trialbib import``: merge a Zotero CSL-JSON, RIS or BibTeX export into the bibliography."""

from __future__ import annotations

import click

from trialbib import paths


@click.command("import")
@click.argument("file", type=click.Path())
@click.option(
    "--into", default=paths.BIBLIOGRAPHY, show_default=True, metavar="FILE", help="The .bib file to merge into."
)
@click.option("--overwrite", is_flag=True, help="Take the imported value where a field differs.")
@click.option("--dry-run", is_flag=True, help="Show the changes as a unified diff; write nothing.")
def command(file: str, into: str, overwrite: bool, dry_run: bool) -> None:
    """Merge FILE (CSL-JSON, RIS, BibTeX or BibLaTeX) into the bibliography.

    Entries are matched by DOI, then PMID, then title + year + first author. Matched entries
    gain the fields they lack; a field that differs is reported as a conflict and kept unless
    --overwrite. New entries keep their citation key (or get one by the key rule) and are
    appended. Untouched entries and comments stay as they are; the old .bib is kept as NAME~.
    """
    from trialbib.escape import line, no_commands, terminal
    from trialbib.merge import import_into

    result = import_into(file, into, overwrite=overwrite, dry_run=dry_run)
    counts: dict[str, int] = {}
    for outcome in result.merge.outcomes:
        counts[outcome.action] = counts.get(outcome.action, 0) + 1
        if outcome.action != "unchanged":
            click.echo(line(outcome.describe()))
    for name, keys in result.lost.items():
        click.echo(line(f"trialbib: warning: {into} cannot hold {name}: left out of {', '.join(keys)}"), err=True)
    summary = ", ".join(f"{counts.get(a, 0)} {a}" for a in ("new", "updated", "conflict", "unchanged"))
    if dry_run:
        click.echo(no_commands(terminal(result.diff)), nl=False)
        click.echo(line(f"{summary} (dry run: {into} not changed)"))
    elif result.written:
        saved = f"; the old file is {result.backup}" if result.backup else ""
        click.echo(line(f"{summary}; wrote {into}{saved}"))
    else:
        click.echo(line(f"{summary}; {into} unchanged"))
    if result.merge.conflicts and not overwrite:
        click.echo("conflicting fields were kept as they are; use --overwrite to take the imported values")
