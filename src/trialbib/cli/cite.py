"""``trialbib cite``: the in-text citation of some keys, as the style wants it."""

from __future__ import annotations

import click

from trialbib.cli._options import bib_option, style_option


@click.command("cite")
@click.argument("keys", nargs=-1, required=True)
@bib_option
@style_option
@click.option("--format", "fmt", type=click.Choice(["text", "html"]), default="text", show_default=True)
@click.option("--locale", default=None, help="Locale such as en-US or zh-CN (default: the style's).")
def command(keys: tuple[str, ...], bib_path: tuple[str, ...], style: str, fmt: str, locale: str | None) -> None:
    """Print the in-text citation of KEYS, numbered as in the reference list.

    Numeric styles collapse runs of three or more numbers: `trialbib cite a b c e` gives [1-3,5].
    """
    from trialbib.api import load_bibliography
    from trialbib.render.engine import render_citation

    bib = load_bibliography(bib_path)
    result = render_citation(bib.items, list(keys), style=style, fmt=fmt, locale=locale)  # type: ignore[arg-type]
    for warning in result.warnings:
        click.echo(f"trialbib: warning: style {style}: {warning}", err=True)
    click.echo(result.text)
