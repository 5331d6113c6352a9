"""Trial records as a spreadsheet: one CSV row per record, and back.

Users keep evidence tables in spreadsheets, so the CSV is a second form of the trials file:
``read_trials`` reads it by its ``.csv`` suffix, it is validated by the same JSON schema, and
the shipped ``trials.yaml`` goes to CSV and back to equal records and the same CSV.

Columns (one header row; Table 1 and Table 2 records share it, a cell a table does not use is
left empty; columns may come in any order and empty ones may be left out)::

    table           1 or 2
    disease         text
    dose            Table 1: daily dose values joined by "/"  (0.3/1/3)
    unit            Table 1: dose unit (MIU)
    per_m2          Table 1: yes when dosed per m2 of body area, else no
    efficacy        Table 1: "not evaluated", "effective", or measures joined by "; " (SLEDAI↓; PLT↑)
    immunology      Table 1: populations joined by "; ", each with ↑ or ↓ (Treg↑; Th17↓)
    references      Table 1: citation keys joined by "; "
    label           Table 1: the printed author-year label, empty when none is kept
    year            Table 2: year the trial was completed
    type            Table 2: single-center or multi-center
    patients        Table 2: number of patients
    countries       Table 2: countries joined by "; "
    more_countries  Table 2: yes when the article adds "etc."
    title           the table's title, on the first row of each table

A direction may also be written as a word (``Treg up``). Files are written as UTF-8 with a byte
order mark, so that Excel shows the arrows; the mark is optional on reading. A cell that a
spreadsheet would run as a formula (starting with ``= + - @``, TAB or CR) is written with a
leading ``'``, as OWASP advises for CSV injection; reading removes that one quote again, so
the file reads back to the same records.
"""

from __future__ import annotations

import csv
import io
import os
from typing import Any

from trialbib.errors import InputError, Location, UsageError
from trialbib.escape import csv_cell, csv_uncell
from trialbib.io.files import read_text, write_text_atomic
from trialbib.io.trial_records import build_trials, schema
from trialbib.model import Change, PublishedTrial, TrialSet, UnpublishedTrial

COLUMNS = (
    "table",
    "disease",
    "dose",
    "unit",
    "per_m2",
    "efficacy",
    "immunology",
    "references",
    "label",
    "year",
    "type",
    "patients",
    "countries",
    "more_countries",
    "title",
)
TABLE1_COLUMNS = ("dose", "unit", "per_m2", "efficacy", "immunology", "references", "label")
TABLE2_COLUMNS = ("year", "type", "patients", "countries", "more_countries")
SEPARATOR = "; "
ARROWS = {"up": "↑", "down": "↓"}
STATES = ("not evaluated", "effective")
_YES = {"yes": True, "y": True, "true": True, "1": True, "no": False, "n": False, "false": False, "0": False, "": False}
_SCHEMA_COLUMN = {"values": "dose", "unit": "unit", "per_m2": "per_m2"}


# -- writing -----------------------------------------------------------------------------------


def trials_to_csv(trials: TrialSet) -> str:
    """The records as CSV text, one row per record, Table 1 then Table 2 (no byte order mark)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for index, trial in enumerate(trials.published):
        writer.writerow(_cells(_published_row(trial, trials.titles.get(1, "") if index == 0 else "")))
    for index, u in enumerate(trials.unpublished):
        writer.writerow(_cells(_unpublished_row(u, trials.titles.get(2, "") if index == 0 else "")))
    return buffer.getvalue()


def _cells(row: dict[str, str]) -> dict[str, str]:
    return {name: csv_cell(value) for name, value in row.items()}


def write_trials_csv(
    trials: TrialSet, path: str | os.PathLike[str], inputs: tuple[str | os.PathLike[str] | None, ...] = ()
) -> None:
    """Write the records to ``path`` (atomically; UTF-8 with a byte order mark for Excel), never
    over one of ``inputs``."""
    write_text_atomic(path, "\ufeff" + trials_to_csv(trials), inputs=inputs)


def exact_number(value: float) -> str:
    """The shortest text that reads back as the same float: ``1.0`` -> ``1``, ``0.33`` -> ``0.33``."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _joined(values: tuple[str, ...] | list[str], what: str, record: str) -> str:
    for value in values:
        if ";" in value or value != value.strip():
            raise UsageError(
                f"{record}: {what} {value!r} cannot go into one CSV cell",
                None,
                "remove ';' and outer spaces from the name",
            )
    return SEPARATOR.join(values)


def _changes(changes: tuple[Change, ...], what: str, record: str) -> str:
    _joined([c.name for c in changes], what, record)
    return SEPARATOR.join(f"{c.name}{ARROWS[c.direction]}" for c in changes)


def _published_row(t: PublishedTrial, title: str) -> dict[str, str]:
    record = f"table1 row {t.row} ({t.disease})"
    if t.efficacy.state == "measured":
        efficacy = _changes(t.efficacy.measures, "efficacy measure", record)
    else:
        efficacy = t.efficacy.state
    return {
        "table": "1",
        "disease": t.disease,
        "dose": "/".join(exact_number(v) for v in t.dose.values),
        "unit": t.dose.unit,
        "per_m2": "yes" if t.dose.per_m2 else "no",
        "efficacy": efficacy,
        "immunology": _changes(t.immunology, "population", record),
        "references": _joined(list(t.references), "citation key", record),
        "label": t.label or "",
        "title": title,
    }


def _unpublished_row(t: UnpublishedTrial, title: str) -> dict[str, str]:
    record = f"table2 row {t.row} ({t.disease})"
    return {
        "table": "2",
        "disease": t.disease,
        "year": str(t.year),
        "type": t.design,
        "patients": str(t.patients),
        "countries": _joined(list(t.countries), "country", record),
        "more_countries": "yes" if t.more_countries else "no",
        "title": title,
    }


# -- reading -----------------------------------------------------------------------------------


def read_trials_csv(path: str | os.PathLike[str]) -> TrialSet:
    """Load a trials CSV; an InputError names the file, the row and the column of a bad cell."""
    return parse_trials_csv(read_text(path, "trials CSV file"), source=str(path))


def _letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index: 0 -> A, 26 -> AA."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(65 + rest) + text
    return text


class _Cells:
    """One CSV row by column name, raising errors that name its row and column."""

    def __init__(self, cells: dict[str, str], header: list[str], source: str, row: int, line: int):
        self.cells, self.header, self.source, self.row, self.line = cells, header, source, row, line

    def error(self, column: str | None, message: str, hint: str) -> InputError:
        if column is None or column not in self.header:
            where = f"row {self.row}" + (f", column {column}" if column else "")
            return InputError(f"{where}: {message}", Location(self.source, self.line), hint)
        index = self.header.index(column)
        return InputError(
            f"row {self.row}, column {_letter(index)} ({column}): {message}",
            Location(self.source, self.line, index + 1),
            hint,
        )

    def get(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def items(self, column: str) -> list[str]:
        text = self.get(column)
        return [part.strip() for part in text.split(";")] if text else []

    def flag(self, column: str) -> bool:
        value = self.get(column).lower()
        if value not in _YES:
            raise self.error(column, f"{self.get(column)!r} is not yes or no", "write yes or no")
        return _YES[value]

    def integer(self, column: str) -> int | None:
        text = self.get(column)
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise self.error(column, f"{text!r} is not a whole number", "write digits only") from None

    def changes(self, column: str, key: str) -> list[dict[str, str]]:
        result = []
        for part in self.items(column):
            name, direction = _split_change(part)
            if not name or direction is None:
                raise self.error(
                    column,
                    f"{part!r} has no direction",
                    f"end each item with ↑ or ↓ (or ' up'/' down') and join items with '{SEPARATOR}'",
                )
            result.append({key: name, "direction": direction})
        return result


def _split_change(text: str) -> tuple[str, str | None]:
    for direction, arrow in ARROWS.items():
        if text.endswith(arrow):
            return text[: -len(arrow)].strip(), direction
        if text.lower().endswith(f" {direction}"):
            return text[: -len(direction)].strip(), direction
    return text, None


def parse_trials_csv(text: str, source: str = "<string>") -> TrialSet:
    """Parse CSV text (see the module docstring for the columns) into a TrialSet."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    header: list[str] | None = None
    data: dict[str, Any] = {}
    where: dict[tuple[int, int], _Cells] = {}
    row = end = 0
    try:
        for cells in reader:
            row, start, end = row + 1, end + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = _header(cells, source, start)
                continue
            if len(cells) > len(header):
                raise InputError(
                    f"row {row} has {len(cells)} cells, the header {len(header)}",
                    Location(source, start),
                    "remove the extra cells or name their column",
                )
            cells = [csv_uncell(cell) for cell in cells]
            record = _Cells(dict(zip(header, cells, strict=False)), header, source, row, start)
            table, entry = _record(record)
            section = data.setdefault(f"table{table}", {"records": []})
            title = record.get("title")
            if title and section.setdefault("title", title) != title:
                raise record.error(
                    "title", f"differs from table {table}'s title on an earlier row", "write the title once"
                )
            where[(table, len(section["records"]))] = record
            section["records"].append(entry)
    except csv.Error as exc:
        raise InputError(f"is not valid CSV: {exc}", Location(source, reader.line_num), "fix the quoting") from None
    if not data:
        raise InputError("holds no trial records", Location(source), "add a header row and one row per record")
    _validate(data, where)
    return build_trials(data, source, lambda table, index: where[(table, index)].line)


def _header(cells: list[str], source: str, line: int) -> list[str]:
    header = [c.strip().lower() for c in cells]
    for index, name in enumerate(header):
        if name not in COLUMNS:
            raise InputError(
                f"row 1, column {_letter(index)}: unknown column {cells[index]!r}",
                Location(source, line, index + 1),
                f"use the columns {', '.join(COLUMNS)}",
            )
        if header.index(name) != index:
            raise InputError(
                f"row 1, column {_letter(index)}: column {name!r} appears twice",
                Location(source, line, index + 1),
                "keep one",
            )
    for name in ("table", "disease"):
        if name not in header:
            raise InputError(f"row 1: no column {name!r}", Location(source, line), "add it to the header row")
    return header


def _record(cells: _Cells) -> tuple[int, dict[str, Any]]:
    """The record of one row, as the YAML file would hold it (the schema checks the rest)."""
    table = cells.get("table")
    if table not in ("1", "2"):
        raise cells.error("table", f"{table!r} is not a table number", "write 1 or 2")
    unused = TABLE2_COLUMNS if table == "1" else TABLE1_COLUMNS
    for column in unused:
        if cells.get(column) and not (column in ("per_m2", "more_countries") and _YES.get(cells.get(column)) is False):
            raise cells.error(column, f"is not used by table {table} records", "leave it empty")
    entry: dict[str, Any] = {}
    if cells.get("disease"):
        entry["disease"] = cells.get("disease")
    if table == "1":
        if cells.get("dose"):
            entry["dose"] = {"values": _dose(cells), "unit": cells.get("unit") or "MIU", "per_m2": cells.flag("per_m2")}
        efficacy = cells.get("efficacy")
        if efficacy.lower() in STATES:
            entry["efficacy"] = efficacy.lower()
        elif efficacy:
            entry["efficacy"] = cells.changes("efficacy", "measure")
        entry["immunology"] = cells.changes("immunology", "population")
        if cells.get("references"):
            entry["references"] = cells.items("references")
        if cells.get("label"):
            entry["label"] = cells.get("label")
    else:
        for column, name in (("year", "year"), ("patients", "patients")):
            value = cells.integer(column)
            if value is not None:
                entry[name] = value
        if cells.get("type"):
            entry["type"] = cells.get("type").lower()
        if cells.get("countries"):
            entry["countries"] = cells.items("countries")
        entry["more_countries"] = cells.flag("more_countries")
    return int(table), entry


def _dose(cells: _Cells) -> list[float]:
    values = []
    for part in cells.get("dose").split("/"):
        try:
            values.append(float(part.strip()))
        except ValueError:
            raise cells.error(
                "dose", f"{part.strip()!r} is not a number", "write numbers joined by '/', e.g. 0.3/1/3"
            ) from None
    return values


def _validate(data: dict[str, Any], where: dict[tuple[int, int], _Cells]) -> None:
    """The trials schema on the rows, its first error named by row and column."""
    from jsonschema import Draft202012Validator

    errors = [e for e in Draft202012Validator(schema()).iter_errors(data) if len(e.absolute_path) >= 3]
    if not errors:
        return
    error = min(errors, key=lambda e: (where[(int(e.absolute_path[0][-1]), e.absolute_path[2])].row, len(e.path)))
    path = list(error.absolute_path)
    cells = where[(int(path[0][-1]), path[2])]
    column = None
    if len(path) > 3:
        column = path[3]
        if column == "dose" and len(path) > 4:
            column = _SCHEMA_COLUMN.get(path[4], "dose")
    elif error.validator == "required":
        column = error.message.split("'")[1]
        if column in ("dose", "efficacy", "references", "year", "type", "patients", "countries", "disease"):
            raise cells.error(column, "is empty", "fill it in")
    message = error.message if len(error.message) < 120 else error.message[:117] + "..."
    raise cells.error(column, message, "see the columns in docs/tables.md")
