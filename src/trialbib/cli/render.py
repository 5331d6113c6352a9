"""``trialbib render``: the reference list regenerated from the data."""

from __future__ import annotations

import click

from trialbib.cli._options import (
    Progress,
    bib_option,
    load_bib,
    resolve_trials_path,
    strict_option,
    style_option,
    trials_option,
)

FORMATS = ["text", "html", "markdown", "latex", "json", "docx"]


@click.command("render")
@bib_option
@strict_option
@trials_option
@style_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True, help="Output format.")
@click.option(
    "--locale", default=None, help="Force one locale (en-US, zh-CN...) for every entry. Default: each item's language."
)
@click.option(
    "--manuscript",
    "manuscripts",
    multiple=True,
    metavar="FILE",
    help="Number and select by the citations of FILE (.md, .tex, .docx); repeat, or list several after it.",
)
@click.option("--all", "include_all", is_flag=True, help="With --manuscript: also list the entries never cited.")
@click.option("-o", "--output", default=None, metavar="FILE", help="Write to FILE (required for --format docx).")
@click.argument("more", nargs=-1, metavar="[FILE...]")
def command(
    bib_path: tuple[str, ...],
    trials_path: str | None,
    style: str,
    fmt: str,
    locale: str | None,
    manuscripts: tuple[str, ...],
    include_all: bool,
    output: str | None,
    more: tuple[str, ...],
    strict: bool = False,
) -> None:
    """Print the reference list regenerated from the bibliography, in file order.

    With --manuscript FILE [FILE...], only the entries the manuscripts cite (plus nocite, or all
    with --all) are listed; numeric styles number them by first citation across the files in the
    order given. A cited key the bibliography lacks is one line each on stderr and exit 1.
    Styles that sort (APA) sort. The style's et al./等 and other terms follow each item's language
    unless --locale is given. CSL features the formatter cannot honour are named once on stderr.
    """
    from trialbib.api import load_trials, render
    from trialbib.errors import UsageError
    from trialbib.escape import line, no_commands
    from trialbib.io.files import is_stdout
    from trialbib.render.formats import document

    if more and not manuscripts:
        raise click.UsageError(f"unexpected argument {more[0]!r} (manuscripts follow --manuscript)")
    files = [*manuscripts, *more]
    if fmt == "docx" and not output:
        raise UsageError("--format docx writes a file", None, "give -o FILE.docx")
    bib = load_bib(bib_path, strict)
    trials_file = resolve_trials_path(trials_path, bib_path)
    if trials_file:
        load_trials(trials_file, bib)
    order = None
    if files:
        from trialbib.api import order_from_manuscripts

        listed = order_from_manuscripts(files, bib, include_all=include_all)
        if listed.missing:
            for missing in listed.missing:
                click.echo(line(f"trialbib: error: {missing}"), err=True)
            raise SystemExit(1)
        order = listed.keys
        if not order:
            click.echo("trialbib: warning: the manuscripts cite no key ([@key], \\cite{key}): empty list", err=True)
    elif include_all:
        raise click.UsageError("--all goes with --manuscript")
    progress = Progress(len(order if order is not None else bib.items), "formatting")
    try:
        shown = "text" if fmt == "docx" else fmt
        entries = render(bib, style=style, fmt=shown, order=order, locale=locale, progress=progress)  # type: ignore[arg-type]
    finally:
        progress.close()
    for warning in getattr(entries, "warnings", []):
        click.echo(line(f"trialbib: warning: style {style}: {warning}"), err=True)
    read = (*bib_path, trials_file, style, *files)
    if fmt == "docx":
        from trialbib.manuscript.document import write_output
        from trialbib.manuscript.docx import bibliography_docx

        write_output(str(output), bibliography_docx(entries), inputs=read)
        return
    text = document(entries, fmt)
    if output and not is_stdout(output):
        from trialbib.manuscript.document import write_output

        write_output(output, text + "\n", inputs=read)
    else:
        click.echo(text if fmt == "json" else no_commands(text))  # json: escaped by document()
