"""Findings of other parts of trialbib, run once per check and shared by the rules that wrap them.

The evidence-table checks (:func:`trialbib.tables.check_tables`, codes TAB001-TAB006) and the
cross-check of a printed list (:func:`trialbib.crosscheck.crosscheck_problems`, codes
DRF001-DRF012) each find several kinds of problem in one pass; each kind is a rule of its own
here, so it can be selected, ignored and documented like the others.
"""

from __future__ import annotations

from collections.abc import Iterator

from trialbib.checks.context import Context
from trialbib.model import Problem


def table_problems(ctx: Context, code: str) -> Iterator[Problem]:
    """The evidence-table problems with ``code`` (none without trials and a bibliography)."""
    if ctx.trials is None or ctx.bib is None:
        return
    if "tables" not in ctx.settings:
        from trialbib.tables import check_tables

        ctx.settings["tables"] = [p for p in check_tables(ctx.trials, ctx.bib) if p.code != "CIT003"]
    yield from (p for p in ctx.settings["tables"] if p.code == code)


def printed_problems(ctx: Context, code: str) -> Iterator[Problem]:
    """The cross-check problems with ``code`` (none unless a printed list is configured)."""
    if ctx.printed is None or ctx.bib is None or not ctx.bib.items:
        return
    if "printed" not in ctx.settings:
        from trialbib.crosscheck import crosscheck_problems
        from trialbib.io.files import read_text

        text = read_text(ctx.printed, "printed reference list")
        ctx.settings["printed"] = crosscheck_problems(text, ctx.bib, source=ctx.printed)
    yield from (p for p in ctx.settings["printed"] if p.code == code)
