"""``trialbib cite``: the in-text citation of some keys, as the style wants it."""

from __future__ import annotations

import click

from trialbib.cli._options import bib_option, load_bib, strict_option, style_option


@click.command("cite")
@click.argument("keys", nargs=-1, required=True)
@bib_option
@strict_option
@style_option
@click.option("--format", "fmt", type=click.Choice(["text", "html"]), default="text", show_default=True)
@click.option("--locale", default=None, help="Locale such as en-US or zh-CN (default: the style's).")
@click.option(
    "--manuscript",
    "manuscripts",
    multiple=True,
    metavar="FILE",
    help="Number as the list of these manuscripts does (first citation); repeat for several.",
)
def command(
    keys: tuple[str, ...],
    bib_path: tuple[str, ...],
    style: str,
    fmt: str,
    locale: str | None,
    manuscripts: tuple[str, ...],
    strict: bool = False,
) -> None:
    """Print the in-text citation of KEYS, numbered as in the reference list.

    Numeric styles collapse runs of three or more numbers: `trialbib cite a b c e` gives [1-3,5].
    With --manuscript, the numbers are those of the list the manuscripts give (first citation).
    """
    from trialbib.api import cite
    from trialbib.escape import line, no_commands, terminal

    bib = load_bib(bib_path, strict)
    order = None
    if manuscripts:
        from trialbib.api import order_from_manuscripts

        listed = order_from_manuscripts(manuscripts, bib, include_all=True)
        for missing in listed.missing:  # not numbered, as in render --manuscript (which exits 1 on them)
            click.echo(line(f"trialbib: warning: {missing}"), err=True)
        order = listed.keys
    result = cite(bib, keys, style, fmt, order, locale)  # type: ignore[arg-type]
    for warning in result.warnings:
        click.echo(line(f"trialbib: warning: style {style}: {warning}"), err=True)
    click.echo(no_commands(terminal(result.text)))
