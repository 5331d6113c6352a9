"""``trialbib render``: the reference list regenerated from the data."""

from __future__ import annotations

import click

from trialbib.cli._options import Progress, bib_option, resolve_trials_path, style_option, trials_option

FORMATS = ["text", "html", "markdown", "latex", "json"]


@click.command("render")
@bib_option
@trials_option
@style_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option(
    "--locale", default=None, help="Force one locale (en-US, zh-CN...) for every entry. Default: each item's language."
)
def command(bib_path: tuple[str, ...], trials_path: str | None, style: str, fmt: str, locale: str | None) -> None:
    """Print the reference list regenerated from the bibliography, in file order.

    Numeric styles number the entries in file order; styles that sort (APA) sort. The style's
    et al./等 and other terms follow each item's language unless --locale is given. CSL features
    the formatter cannot honour are named once on stderr.
    """
    from trialbib.api import load_bibliography, load_trials, render
    from trialbib.render.formats import document

    bib = load_bibliography(bib_path)
    trials_file = resolve_trials_path(trials_path, bib_path)
    if trials_file:
        load_trials(trials_file, bib)
    progress = Progress(len(bib.items), "formatting")
    try:
        entries = render(bib, style=style, fmt=fmt, locale=locale, progress=progress)  # type: ignore[arg-type]
    finally:
        progress.close()
    for warning in getattr(entries, "warnings", []):
        click.echo(f"trialbib: warning: style {style}: {warning}", err=True)
    click.echo(document(entries, fmt))
