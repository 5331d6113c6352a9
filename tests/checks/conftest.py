"""``lint``: run rules on text and get exact (code, location) pairs back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from trialbib.checks.config import from_dict
from trialbib.checks.context import Context
from trialbib.checks.engine import run_checks
from trialbib.errors import Location  # the type of the pairs
from trialbib.io.bibtex import parse_bibtex
from trialbib.io.manuscript import scan_manuscript
from trialbib.io.trials import parse_trials

Found = list[tuple[str, Location]]


def lint_text(
    bib: str | None = None,
    *,
    select: list[str] | None = None,
    manuscripts: dict[str, str] | None = None,
    trials: str | None = None,
    config: dict | None = None,
    columns: bool = False,
) -> Found:
    """The problems of a .bib text (named ``t.bib``), manuscripts and trials, as (code, location).

    Columns in ``t.bib`` are left out unless ``columns`` (the rule tables give lines and keys;
    ``test_locations_have_columns`` checks the columns).
    """
    data = dict(config or {})
    if select is not None:
        data.setdefault("check", {})["select"] = select
    cfg = from_dict(data)
    ctx = Context(
        bib=parse_bibtex(bib, source="t.bib") if bib is not None else None,
        bib_text=bib,
        trials=parse_trials(trials, source="t.yaml") if trials is not None else None,
        manuscripts=[
            scan_manuscript(text, name, latex=name.endswith(".tex")) for name, text in (manuscripts or {}).items()
        ],
        expected=cfg.expected,
        printed=cfg.printed,
        style=cfg.style,
    )
    found = [(p.code, p.location) for p in run_checks(cfg, ctx).problems]
    if columns:
        return found
    return [(code, replace(loc, column=None) if loc.file == "t.bib" else loc) for code, loc in found]


@pytest.fixture
def lint() -> Callable[..., Found]:
    return lint_text
