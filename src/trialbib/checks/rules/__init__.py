"""The registry: every rule, in the order ``trialbib rules`` lists them.

A rule is a module with ``CODE`` (stable, e.g. ``KEY002``), ``NAME`` (kebab-case),
``SEVERITY``, ``OPTIONS`` (name -> default), optionally ``CHOICES`` (option -> allowed
values), ``FIELDS`` and ``fix(token)`` (fixable), a docstring that documents it with a failing
and a passing example, and ``check(ctx, options)``.

Which rules run by default is decided here and nowhere else: each rule has a class in
``CLASSES``, and a rule is on by default only when its class is in ``DEFAULT_CLASSES`` -- what it
finds breaks a tool (BibTeX, biber, pandoc, a Zotero import) or changes what a reader sees.
Taste, house style and one-workflow rules are opt-in (``extend-select``), as in ruff.

The TAB and DRF families are not files: each is built by :mod:`trialbib.checks.wrapped` from the
table that owns its severities and summaries; ``MODULES`` names the family where it is listed.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from types import ModuleType

MODULES = (
    "syn001_parse_error",
    "syn002_duplicate_field",
    "syn003_undefined_string",
    "syn004_unknown_entry_type",
    "syn005_oversized_field",
    "key001_missing_key",
    "key002_duplicate_key",
    "key003_duplicate_key_case",
    "key004_invalid_key",
    "key005_key_rule",
    "cit001_undefined_citation",
    "cit002_uncited_entry",
    "cit003_trial_missing_key",
    "cit004_citation_order",
    "TAB",  # TAB001-TAB006: trialbib.checks.wrapped.table_rules
    "dup001_duplicate_doi",
    "dup002_duplicate_pmid",
    "dup003_duplicate_entry",
    "fld001_required_fields",
    "fld002_empty_field",
    "fmt001_invalid_doi",
    "fmt002_doi_not_bare",
    "fmt003_invalid_pmid",
    "fmt004_invalid_pmcid",
    "fmt005_invalid_issn",
    "fmt006_invalid_isbn",
    "fmt007_invalid_nct",
    "fmt008_invalid_date",
    "fmt009_invalid_pages",
    "fmt010_page_dash",
    "fmt011_invalid_url",
    "fmt012_month_name",
    "fmt013_whitespace",
    "nam001_malformed_names",
    "nam002_et_al",
    "nam003_others_misuse",
    "lng001_inferred_language",
    "con001_journal_forms",
    "con002_online_first",
    "con003_zotero_dropped",
    "lst001_expected_list",
    "DRF",  # DRF001-DRF012: trialbib.checks.wrapped.printed_rules
    "sup001_unused_suppression",
)


CLASS_MEANING = {
    "breaks-tool": "breaks a tool: BibTeX, biber, pandoc or a Zotero import fails or misreads the entry",
    "reader-sees": "changes what a reader sees: a wrong, missing or unusable part of a reference",
    "style": "taste or house style: how the file is written, not what it says",
    "workflow": "matters in one workflow only (a project's key rule, a Zotero import, online-first tracking)",
}
DEFAULT_CLASSES = ("breaks-tool", "reader-sees")
CLASSES: dict[str, str] = {
    "SYN001": "breaks-tool",
    "SYN002": "breaks-tool",
    "SYN003": "breaks-tool",
    "SYN004": "breaks-tool",
    "SYN005": "breaks-tool",
    "KEY001": "breaks-tool",
    "KEY002": "breaks-tool",
    "KEY003": "breaks-tool",
    "KEY004": "breaks-tool",
    "KEY005": "workflow",
    "CIT001": "reader-sees",
    "CIT002": "reader-sees",
    "CIT003": "reader-sees",
    "CIT004": "reader-sees",
    "TAB001": "reader-sees",
    "TAB002": "reader-sees",
    "TAB003": "reader-sees",
    "TAB004": "reader-sees",
    "TAB005": "reader-sees",
    "TAB006": "reader-sees",
    "DUP001": "reader-sees",
    "DUP002": "reader-sees",
    "DUP003": "reader-sees",
    "FLD001": "reader-sees",
    "FLD002": "style",
    "FMT001": "reader-sees",
    "FMT002": "reader-sees",
    "FMT003": "reader-sees",
    "FMT004": "reader-sees",
    "FMT005": "reader-sees",
    "FMT006": "reader-sees",
    "FMT007": "reader-sees",
    "FMT008": "reader-sees",
    "FMT009": "reader-sees",
    "FMT010": "style",
    "FMT011": "reader-sees",
    "FMT012": "style",
    "FMT013": "style",
    "NAM001": "breaks-tool",
    "NAM002": "breaks-tool",
    "NAM003": "breaks-tool",
    "CON001": "style",
    "CON002": "workflow",
    "CON003": "workflow",
    "LST001": "reader-sees",
    "DRF001": "reader-sees",
    "DRF002": "reader-sees",
    "DRF003": "reader-sees",
    "DRF004": "reader-sees",
    "DRF005": "reader-sees",
    "DRF006": "reader-sees",
    "DRF007": "reader-sees",
    "DRF008": "reader-sees",
    "DRF009": "reader-sees",
    "DRF010": "reader-sees",
    "DRF011": "reader-sees",
    "DRF012": "reader-sees",
    "LNG001": "workflow",  # an inferred language is a guess to confirm, not a defect
    "SUP001": "breaks-tool",
}


FAMILIES = ("TAB", "DRF")  # entries of MODULES built by trialbib.checks.wrapped, not files


def _load(name: str) -> list[ModuleType]:
    """The rule module ``name``, or the rules of a family."""
    from trialbib.checks import wrapped

    if name == "TAB":
        return wrapped.table_rules()
    if name == "DRF":
        return wrapped.printed_rules()
    return [importlib.import_module(f"{__name__}.{name}")]


@lru_cache(maxsize=1)
def rules() -> dict[str, ModuleType]:
    """Code -> rule module, in registry order."""
    return {module.CODE: module for name in MODULES for module in _load(name)}


def by_name() -> dict[str, ModuleType]:
    """Kebab-case name -> rule module."""
    return {module.NAME: module for module in rules().values()}


def lookup(name_or_code: str) -> ModuleType | None:
    """A rule by code (any case) or name."""
    return rules().get(name_or_code.upper()) or by_name().get(name_or_code.lower())


def rule_class(module: ModuleType) -> str:
    """The rule's class (see ``CLASSES``); a rule without one is treated as style (opt-in)."""
    return CLASSES.get(module.CODE) or str(getattr(module, "CLASS", "style"))


def enabled_by_default(module: ModuleType) -> bool:
    """On by default: the one place that decides it, from the rule's class."""
    return rule_class(module) in DEFAULT_CLASSES


def summary(module: ModuleType) -> str:
    """The first line of a rule's docstring."""
    return (module.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
