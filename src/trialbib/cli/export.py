"""``trialbib export``: the bibliography as CSL-JSON, BibTeX, BibLaTeX or RIS."""

from __future__ import annotations

import click

from trialbib.cli._options import bib_option, emit, load_bib, resolve_trials_path, strict_option, trials_option


@click.command("export")
@bib_option
@strict_option
@trials_option
@click.option(
    "--to",
    "fmt",
    type=click.Choice(["csl-json", "bibtex", "biblatex", "ris"]),
    required=True,
    help="csl-json for Zotero and pandoc, biblatex (Better BibTeX's form), bibtex (classic), ris.",
)
@click.option("-o", "--output", metavar="FILE", default=None, help="Write to FILE (atomically) instead of stdout.")
def command(
    bib_path: tuple[str, ...], trials_path: str | None, fmt: str, output: str | None, strict: bool = False
) -> None:
    """Export the bibliography for Zotero, JabRef, EndNote, pandoc or LaTeX.

    CSL-JSON carries the citation key, PMID and the trial records that cite each entry in
    `note`, where Zotero keeps them (its Extra field). Every field the chosen format cannot
    hold is named in a warning on stderr; nothing is dropped silently.
    """
    from trialbib.api import export, load_trials
    from trialbib.escape import line

    bib = load_bib(bib_path, strict)
    trials_file = resolve_trials_path(trials_path, bib_path)
    trials = load_trials(trials_file, bib) if trials_file else None
    exported = export(bib, fmt, trials)  # type: ignore[arg-type]
    for warning in exported.warnings:
        click.echo(line(f"trialbib: warning: {warning}"), err=True)
    emit(exported.data, output, (*bib_path, trials_file), json=fmt == "csl-json")
