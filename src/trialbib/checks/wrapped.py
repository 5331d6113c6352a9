"""Findings of other parts of trialbib, run once per check and shared by the rules that wrap them.

The evidence-table checks (:func:`trialbib.tables.check_tables`, codes TAB001-TAB006) and the
cross-check of a printed list (:func:`trialbib.crosscheck.crosscheck_problems`, codes
DRF001-DRF012) each find several kinds of problem in one pass; each kind is a rule of its own
here, so it can be selected, ignored and documented like the others.

The rules are built here from the tables that own their facts (``tables.CHECKS`` for TAB,
``crosscheck.compare.KINDS`` for DRF: severity and summary), with the documentation and the
examples kept below; ``trialbib.checks.rules`` lists them among the rule modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any, cast

from trialbib.checks.context import Context
from trialbib.model import Problem, Severity

Finder = Callable[[Context, str], Iterator[Problem]]


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


# -- the rules ----------------------------------------------------------------------------------

TABLE_ABOUT = """\
Checked by :func:`trialbib.tables.check_tables` for every Table 1 record of the trials file,
against the references it links; reported at the record's line.
"""

PRINTED_ABOUT = """\
A finding of the cross-check (:mod:`trialbib.crosscheck`) of a printed reference list against
the data. Runs only when ``printed = "FILE"`` is set in the configuration (the shipped
``article/reference-list.txt`` is the article verbatim, errors included, so the project's own
configuration does not set it); reported at the printed entry's line.
"""

#: Code -> (name, examples) of the evidence-table rules; severities and summaries: ``tables.CHECKS``.
TABLE_RULES: dict[str, tuple[str, str]] = {
    "TAB001": (
        "label-author",
        """\
Failing (``trials.yaml``)::

    - disease: SLE
      references: [he2016lowdose]     # He J, 2016
      label: Zhang et al.(2016)

Passing::

    - disease: SLE
      references: [he2016lowdose]
      label: He et al.(2016)
""",
    ),
    "TAB002": (
        "label-year",
        """\
Failing (``trials.yaml``)::

    - disease: SLE
      references: [he2016lowdose]     # He J, 2016
      label: He et al.(2017)

Passing::

    - disease: SLE
      references: [he2016lowdose]
      label: He et al.(2016)
""",
    ),
    "TAB003": (
        "label-unlinked",
        """\
Failing (``trials.yaml``)::

    - disease: GVHD
      references: [betts2017il2]
      label: Betts et al.(2017); Zhao et al.(2016)

Passing::

    - disease: GVHD
      references: [betts2017il2, zhao2016prophylactic]
      label: Betts et al.(2017); Zhao et al.(2016)
""",
    ),
    "TAB004": (
        "label-author-form",
        """\
Failing (``trials.yaml``)::

    - disease: SLE
      references: [he2016lowdose]     # He J, Zhang X, Wei Y, et al.
      label: He and Zhang(2016)

Passing::

    - disease: SLE
      references: [he2016lowdose]
      label: He et al.(2016)
""",
    ),
    "TAB005": (
        "table-unlisted-reference",
        """\
Failing (``trials.yaml``)::

    - disease: SLE
      references: [he2016lowdose]     # left out of the rendered list's order

Passing::

    - disease: SLE
      references: [he2016lowdose]     # in the list
""",
    ),
    "TAB006": (
        "unreadable-label",
        """\
Failing (``trials.yaml``)::

    - disease: SLE
      references: [he2016lowdose]
      label: He et al. 2016

Passing::

    - disease: SLE
      references: [he2016lowdose]
      label: He et al.(2016)
""",
    ),
}

#: Code -> examples of the cross-check rules; names, severities and summaries: ``crosscheck.compare.KINDS``.
PRINTED_EXAMPLES: dict[str, str] = {
    "DRF001": """\
Failing (the printed list)::

    [3] Rosenzwajg M, Lorenzon R ~~~ 2019

Passing::

    [3] Rosenzwajg M, Lorenzon R, Cacoub P, et al. Immunological and clinical effects ...[J].
    Ann Rheum Dis, 2019, 78(2): 209-217.
""",
    "DRF002": """\
Failing (the printed list)::

    [25] Smith A. A paper the bibliography does not have[J]. Nature, 2020, 1(1): 1-2.

Passing::

    (every printed reference has its entry)
""",
    "DRF003": """\
Failing (the printed list)::

    (references.bib has 24 entries; the printed list stops at [23])

Passing::

    (the printed list has all 24)
""",
    "DRF004": """\
Failing (the printed list)::

    [4] Mizel SB, Farrar JJ. Revised nomenclature ...
    [5] Morgan DA, Ruscetti FW, Gallo R. Selective in vitro growth ...

Passing::

    [4] Morgan DA, Ruscetti FW, Gallo R. Selective in vitro growth ...
    [5] Mizel SB, Farrar JJ. Revised nomenclature ...
""",
    "DRF005": """\
Failing (the printed list)::

    [2] He J, Zhang X, Wei Y, et al. Low-dose interleukin-2 ...[J]. Nat Med, 2016, 22(9): 991-994.

Passing::

    [2] He J, Zhang X, Wei Y, et al. Low-dose interleukin-2 ...[J]. Nat Med, 2016, 22(9): 991-993.
""",
    "DRF006": """\
Failing (the printed list)::

    [2] He J, Zhang X, Wei Y, et al. Low-dose interleukin-2 ...[J]. Nat Med, 2016: 991-993.

Passing::

    [2] He J, Zhang X, Wei Y, et al. Low-dose interleukin-2 ...[J]. Nat Med, 2016, 22(9): 991-993.
""",
    "DRF007": """\
Failing (the printed list)::

    [1] He J, Zhang R, Shao M, et al. Efficacy and safety ...[J/OL]. Ann Rheum Dis, 2019, 9(2019-09-19)[2019-10-01].

Passing::

    [1] He J, Zhang R, Shao M, et al. Efficacy and safety ...[J/OL]. Ann Rheum Dis, 2019(2019-09-19)[2019-10-01].
    DOI: 10.1136/annrheumdis-2019-215396.
""",
    "DRF008": """\
Failing (the printed list)::

    [2] He J, Zhang X, Wei Y, et al. Low-dose interleukin-2 ...[M]. Nat Med, 2016, 22(9): 991-993.

Passing::

    [2] He J, Zhang X, Wei Y, et al. Low-dose interleukin-2 ...[J]. Nat Med, 2016, 22(9): 991-993.
""",
    "DRF009": """\
Failing (the printed list)::

    [20] Zhang J, Ruan Y, Xu X, et al. Therapeutic potential ...[J]. Cytom B Clin Cytom, 2018, 94(3): 428-433.

Passing::

    [20] Zhang J, Ruan Y, Xu X, et al. Therapeutic potential ...[J]. Cytometry B Clin Cytom, 2018, 94(3): 428-433.
""",
    "DRF010": """\
Failing (the printed list)::

    [6] Shao Q, Gao H. Progress in interleukin-2 therapy ...[J/OL]. Scand J Immunol, 2019(2019-09-08)[2019-10-01].

Passing::

    [6] Shao Q, Gao H. Progress in interleukin-2 therapy ...[J/OL]. Scand J Immunol, 2019(2019-09-08)[2019-10-01].
    DOI: 10.1111/sji.12822.
""",
    "DRF011": """\
Failing (the printed list)::

    (the data has volume and pages; the list still prints the online-first form)

Passing::

    (the list prints the final citation)
""",
    "DRF012": """\
Failing (the printed list)::

    [4] Morgan DA, Ruscetti FW, Gallo R . Selective in vitro growth ...

Passing::

    [4] Morgan DA, Ruscetti FW, Gallo R. Selective in vitro growth ...
""",
}


def _rule(code: str, name: str, severity: str, summary: str, doc: str, problems: Finder) -> ModuleType:
    """A rule module like those in ``trialbib.checks.rules``, made from a table row."""
    module = ModuleType(
        f"{__name__}.{code.lower()}_{name.replace('-', '_')}", f"{summary[0].upper()}{summary[1:]}.\n\n{doc}"
    )

    def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
        yield from problems(ctx, code)

    rule: Severity = cast(Severity, severity)
    vars(module).update(CODE=code, NAME=name, SEVERITY=rule, OPTIONS={}, check=check)
    return module


def table_rules() -> list[ModuleType]:
    """TAB001-TAB006, in code order."""
    from trialbib.tables import CHECKS

    return [
        _rule(code, name, CHECKS[code][0], CHECKS[code][1], f"{TABLE_ABOUT}\n{examples}", table_problems)
        for code, (name, examples) in TABLE_RULES.items()
    ]


def printed_rules() -> list[ModuleType]:
    """DRF001-DRF012, in code order."""
    from trialbib.crosscheck.compare import KINDS

    return [
        _rule(
            k.code,
            f"printed-{k.name}",
            k.severity,
            k.meaning,
            f"{PRINTED_ABOUT}\n{PRINTED_EXAMPLES[k.code]}",
            printed_problems,
        )
        for k in sorted(KINDS.values(), key=lambda k: k.code)
    ]
