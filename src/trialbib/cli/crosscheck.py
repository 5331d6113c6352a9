"""``trialbib crosscheck``: a printed reference list against the data, defect by defect."""

from __future__ import annotations

import click

from trialbib import paths
from trialbib.cli._options import bib_option

DEFAULT_PRINTED = paths.PRINTED


@click.command("crosscheck")
@click.argument("printed", default=None, required=False, metavar="[PRINTED.txt]")
@bib_option
@click.option(
    "--style",
    default=None,
    metavar="NAME|FILE",
    help="Also show each entry regenerated in this CSL style beside the printed one.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--manuscript",
    "manuscript_path",
    default=None,
    metavar="FILE",
    help="Check the printed order against this manuscript's order of first citation (.md, .tex, .txt, .docx).",
)
@click.pass_context
def command(
    ctx: click.Context,
    printed: str | None,
    bib_path: tuple[str, ...],
    style: str | None,
    fmt: str,
    manuscript_path: str | None,
) -> None:
    """Compare a printed reference list with the bibliography, field by field.

    PRINTED is a text file with one reference per line (numbered [1], 1. or unnumbered; GB/T 7714
    2015 or 2025, Vancouver or APA form), article/reference-list.txt by default. Each difference
    is classified once; substantive ones are listed first, typography last. The order is the
    bibliography's, or with --manuscript the manuscript's order of first citation.

    Exit status: 0 when nothing substantive differs, 1 when something does, 2 on bad input.
    """
    from trialbib.api import load_bibliography
    from trialbib.crosscheck import crosscheck
    from trialbib.crosscheck.report import FORMATTERS
    from trialbib.errors import InputError, Location
    from trialbib.escape import json_text, no_commands, terminal
    from trialbib.io.files import read_text

    if printed is None:
        import os

        if not os.path.exists(DEFAULT_PRINTED):
            raise InputError(
                f"no printed list given, and no {DEFAULT_PRINTED} here", None, "run: trialbib crosscheck PRINTED.txt"
            )
        printed = DEFAULT_PRINTED
    text = read_text(printed, "printed reference list")
    if not text.strip():
        raise InputError("holds no references", Location(file=printed), "put one printed reference on each line")
    bib = load_bibliography(bib_path)
    manuscript = None
    if manuscript_path is not None:
        from trialbib.io.manuscript import read_manuscript

        manuscript = read_manuscript(manuscript_path)
    report = crosscheck(text, bib, style=style, source=printed, manuscript=manuscript)
    out = FORMATTERS[fmt](report)
    click.echo(json_text(out) if fmt == "json" else no_commands(terminal(out)), nl=False)
    ctx.exit(0 if report.ok else 1)
