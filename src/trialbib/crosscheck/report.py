"""The result of a cross-check, and its three forms: text for a terminal or CI log, markdown, JSON.

Substantive differences come first, then updates the data knows of, then typography, so that
a reader meets what changes a lookup before what changes only the look of an entry.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from trialbib.crosscheck.compare import GROUPS, KINDS, Difference

GROUP_TITLES = {
    "substantive": "Substantive differences",
    "update": "Updates known to the data",
    "typography": "Typography",
}


@dataclass(frozen=True)
class EntryResult:
    """One printed entry (or one bibliography entry missing from the print) and its differences."""

    label: str
    key: str | None
    printed: str | None
    differences: tuple[Difference, ...]
    regenerated: str | None = None
    line: int | None = None


@dataclass(frozen=True)
class Report:
    """Every entry's differences, in printed order, then the entries the print lacks."""

    entries: tuple[EntryResult, ...]
    printed_count: int
    data_count: int
    matched: int
    source: str | None = None

    @property
    def differences(self) -> list[Difference]:
        return [d for e in self.entries for d in e.differences]

    def group(self, group: str) -> list[Difference]:
        return [d for d in self.differences if d.group == group]

    @property
    def substantive(self) -> list[Difference]:
        return self.group("substantive")

    @property
    def ok(self) -> bool:
        """True when nothing substantive differs (typography and updates do not count)."""
        return not self.substantive

    def counts(self) -> dict[str, int]:
        """Differences per kind, in the order of ``KINDS``."""
        counter = Counter(d.kind for d in self.differences)
        return {name: counter[name] for name in KINDS if counter[name]}

    def summary(self) -> str:
        """One line: entries on both sides, then counts per group and kind."""
        counts = self.counts()
        parts = []
        for group in GROUPS:
            kinds = [f"{name} {n}" for name, n in counts.items() if KINDS[name].group == group]
            total = sum(n for name, n in counts.items() if KINDS[name].group == group)
            word = f"{group}s" if group == "update" and total != 1 else group
            parts.append(f"{total} {word}" + (f" ({', '.join(kinds)})" if kinds and group != "typography" else ""))
        return (
            f"crosscheck: {self.printed_count} printed, {self.data_count} in the bibliography, "
            f"{self.matched} matched; " + "; ".join(parts)
        )


def _value(value: str | None) -> str:
    return "—" if value is None else repr(value)


def format_text(report: Report) -> str:
    """One block per entry and group: the printed entry, then each difference on its own line."""
    lines: list[str] = []
    for group in GROUPS:
        blocks = [(e, [d for d in e.differences if d.group == group]) for e in report.entries]
        blocks = [(e, ds) for e, ds in blocks if ds]
        if not blocks:
            continue
        lines.append(f"== {GROUP_TITLES[group]} ==")
        for entry, diffs in blocks:
            head = f"{entry.label} {entry.key or '(no match)'}"
            lines.append(head)
            if group == "substantive" and entry.printed:
                lines.append(f"  printed:     {entry.printed}")
                if entry.regenerated:
                    lines.append(f"  regenerated: {entry.regenerated}")
            for d in diffs:
                lines.append(
                    f"  {d.kind} {d.field}: printed {_value(d.printed)}, expected {_value(d.expected)} ({d.message})"
                )
        lines.append("")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def _cell(value: str | None) -> str:
    """A value as a code span, or escaped where a backtick would end the span early."""
    from trialbib.escape import markdown, terminal

    if value is None:
        return "—"
    if "`" in value or "\n" in value:
        return markdown(value, line_start=False)
    return f"`{terminal(value)}`".replace("|", "\\|")


def format_markdown(report: Report) -> str:
    """A table per group, one row per difference (values escaped: they come from the printed list)."""
    from trialbib.escape import markdown

    lines = ["# Cross-check", ""]
    for group in GROUPS:
        rows = [(e, d) for e in report.entries for d in e.differences if d.group == group]
        if not rows:
            continue
        lines += [f"## {GROUP_TITLES[group]}", "", "| entry | key | class | field | printed | expected | note |"]
        lines.append("|---|---|---|---|---|---|---|")
        for entry, d in rows:
            note, label, key = (markdown(t, line_start=False) for t in (d.message, entry.label, entry.key or ""))
            lines.append(
                f"| {label} | {key} | {d.kind} | {d.field} | {_cell(d.printed)} | {_cell(d.expected)} | {note} |"
            )
        lines.append("")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def to_json(report: Report) -> dict[str, object]:
    """The report as plain data: summary counts and every difference with its code."""
    return {
        "printed": report.printed_count,
        "bibliography": report.data_count,
        "matched": report.matched,
        "ok": report.ok,
        "counts": report.counts(),
        "summary": report.summary(),
        "entries": [
            {
                "label": e.label,
                "key": e.key,
                "line": e.line,
                "printed": e.printed,
                "regenerated": e.regenerated,
                "differences": [
                    {
                        "code": d.code,
                        "class": d.kind,
                        "group": d.group,
                        "field": d.field,
                        "printed": d.printed,
                        "expected": d.expected,
                        "message": d.message,
                    }
                    for d in e.differences
                ],
            }
            for e in report.entries
            if e.differences
        ],
    }


def format_json(report: Report) -> str:
    return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"


FORMATTERS = {"text": format_text, "markdown": format_markdown, "json": format_json}
