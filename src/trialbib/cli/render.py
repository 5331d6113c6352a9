"""``trialbib render``: the reference list regenerated from the data."""

from __future__ import annotations

import click

from trialbib.cli._options import bib_option, resolve_trials_path, style_option, trials_option


@click.command("render")
@bib_option
@trials_option
@style_option
@click.option("--format", "fmt", type=click.Choice(["text", "html"]), default="text", show_default=True)
@click.option("--locale", default=None, help="Locale such as en-US or zh-CN (default: the style's).")
def command(bib_path: str, trials_path: str | None, style: str, fmt: str, locale: str | None) -> None:
    """Print the reference list regenerated from the bibliography, in file order."""
    from trialbib.api import load_bibliography, load_trials, render

    bib = load_bibliography(bib_path)
    trials_file = resolve_trials_path(trials_path, bib_path)
    if trials_file:
        load_trials(trials_file, bib)
    for entry in render(bib, style=style, fmt=fmt, locale=locale):  # type: ignore[arg-type]
        click.echo(entry.text)
