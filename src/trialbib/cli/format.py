"""``trialbib format``: a manuscript with its citations formatted and the reference list appended."""

from __future__ import annotations

import click

from trialbib.cli._options import bib_option, load_bib, strict_option, style_option


@click.command("format")
@click.argument("manuscript", metavar="MANUSCRIPT")
@click.option("-o", "--output", required=True, metavar="FILE", help="Output: .md, .html, .tex, .txt, .docx or .odt.")
@bib_option
@strict_option
@style_option
@click.option("--locale", default=None, help="Force one locale (en-US, zh-CN...) for every entry.")
@click.option("--heading", default=None, help="Heading of the list. Default: 参考文献 or References, by language.")
@click.option("--all", "include_all", is_flag=True, help="Also list the entries never cited.")
def command(
    manuscript: str,
    output: str,
    bib_path: tuple[str, ...],
    style: str,
    locale: str | None,
    heading: str | None,
    include_all: bool,
    strict: bool = False,
) -> None:
    """Write MANUSCRIPT with each citation in the style's in-text form and the list appended.

    Reads pandoc Markdown ([@a; @b, p. 12], @a [p. 3], [-@a], nocite), LaTeX (\\cite, \\citep,
    \\citet, \\parencite, \\textcite, \\autocite, \\supercite, \\nocite) and Word .docx files with
    [@key] or {@key} markers. Numeric styles number by first citation and collapse ranges
    ([1-3,5]), superscript where the style says. The output's extension chooses its format;
    .html, .docx, .odt and conversions between formats need pandoc (pip install 'trialbib[pandoc]').
    A cited key the bibliography lacks is one line each on stderr and exit 1.
    """
    from pathlib import Path

    from trialbib.api import format_manuscript
    from trialbib.errors import UsageError
    from trialbib.escape import line
    from trialbib.manuscript.document import MissingKeys, write_output

    if Path(output).resolve() == Path(manuscript).resolve():
        raise UsageError("the output would overwrite the manuscript", None, "name another output file")
    bib = load_bib(bib_path, strict)
    try:
        result = format_manuscript(
            manuscript, bib, output, style, locale=locale, heading=heading, include_all=include_all
        )
    except MissingKeys as exc:
        for missing in exc.missing:
            click.echo(line(f"trialbib: error: {missing}"), err=True)
        raise SystemExit(1) from None
    for warning in dict.fromkeys(result.warnings):
        about = "" if warning.startswith(f"{manuscript}: ") else f"style {style}: "  # a left-out image names its file
        click.echo(line(f"trialbib: warning: {about}{warning}"), err=True)
    if not result.order:
        click.echo(
            line(f"trialbib: warning: {manuscript} cites no key ([@key], \\cite{{key}}): no list appended"), err=True
        )
    write_output(output, result.content, inputs=(manuscript, *bib_path, style))
