"""Export: the bibliography in one of the interchange formats, and what the format cannot hold.

Each writer returns its text and ``{model field: [keys]}`` for what it could not keep (or, in
RIS, kept only in a note); this module turns those into warnings the CLI prints, one line per
field, so that nothing is ever dropped silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from trialbib.model import Item, TrialSet

ExportFormat = Literal["csl-json", "bibtex", "biblatex", "ris"]
FORMATS: tuple[ExportFormat, ...] = ("csl-json", "bibtex", "biblatex", "ris")


@dataclass(frozen=True)
class Exported:
    """The exported text and one warning line per model field the format could not hold.

    A writer may give the UTF-8 bytes a file gets (CSL-JSON does): a file write takes
    :attr:`data` as they are, and only :attr:`text` decodes them.
    """

    written: str | bytes
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.written.decode("utf-8") if isinstance(self.written, bytes) else self.written

    @property
    def data(self) -> bytes:
        """The text as UTF-8, what a file of this export holds."""
        return self.written if isinstance(self.written, bytes) else self.written.encode("utf-8")


def trial_links(trials: TrialSet | None) -> dict[str, list[str]]:
    """``{key: ["table1 row 1: SLE", ...]}``: the trial records that cite each entry."""
    links: dict[str, list[str]] = {}
    for trial in trials.published if trials else []:
        for key in trial.references:
            links.setdefault(key, []).append(f"table{trial.table} row {trial.row}: {trial.disease}")
    return links


def export_items(items: list[Item], fmt: ExportFormat, links: Mapping[str, list[str]] | None = None) -> Exported:
    """Write ``items`` as ``fmt``; trial links go into the CSL-JSON note and the RIS N1."""
    from trialbib.io.language import without_inferred

    items = [without_inferred(item) for item in items]
    if fmt == "ris":  # RIS has no markup: rich text (``<i>``, ``<sup>``) as plain text
        from trialbib.io.latex import strip_tags

        items = [{k: strip_tags(v) if isinstance(v, str) else v for k, v in item.items()} for item in items]
    if fmt == "csl-json":
        from trialbib.io.csljson import csljson_output

        truncated = [item["id"] for item in items if (item.get("custom") or {}).get("author-truncated")]
        warnings = []
        if truncated:
            warnings.append(
                _line(
                    "csl-json has no standard field for",
                    "a truncated author list",
                    truncated,
                    "kept in custom and note of",
                )
                + "; CSL processors print these lists without 'et al.'"
            )
        return Exported(csljson_output(items, links), warnings)
    if fmt == "ris":
        from trialbib.io.ris import write_ris

        text, noted = write_ris(items, dict(links or {}))
        return Exported(
            text, [_line("ris has no tag for", name, keys, "kept in an N1 note of") for name, keys in noted.items()]
        )
    from trialbib.io.bibtex_write import write_bibtex

    written = write_bibtex(items, fmt)
    hint = "; export biblatex or csl-json to keep it" if fmt == "bibtex" else ""
    return Exported(
        written.text,
        [_line(f"{fmt} cannot hold", name, keys, "left out of") + hint for name, keys in written.dropped.items()],
    )


def _line(what: str, name: str, keys: list[str], verb: str) -> str:
    shown = ", ".join(keys[:3]) + (", ..." if len(keys) > 3 else "")
    entries = "entry" if len(keys) == 1 else "entries"
    return f"{what} {name}: {verb} {len(keys)} {entries} ({shown})"
