"""Trial records from schema-valid data: the schema and the records, shared by both readers.

The YAML reader (:mod:`trialbib.io.trials`) and the CSV reader (:mod:`trialbib.io.trials_csv`)
both end here, so neither has to import the other.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from typing import Any

from trialbib.errors import InputError, Location
from trialbib.model import Change, Dose, Efficacy, PublishedTrial, TrialSet, UnpublishedTrial


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON schema every trials file must satisfy."""
    text = resources.files("trialbib").joinpath("data/trials.schema.json").read_text("utf-8")
    return dict(json.loads(text))


def build_trials(data: dict[str, Any], source: str, line_of: Callable[[int, int], int]) -> TrialSet:
    """Records from schema-valid data; ``line_of(table, index)`` is where record ``index`` is written.

    Shared by the YAML and the CSV readers, so both refuse the same duplicates the same way.
    """
    trials = TrialSet(source=source)
    seen: dict[Any, int] = {}
    for table in (1, 2):
        section = data.get(f"table{table}")
        if not section:
            continue
        if section.get("title"):
            trials.titles[table] = section["title"]
        for index, record in enumerate(section["records"]):
            line = line_of(table, index)
            trial = _published(record, index + 1, line) if table == 1 else _unpublished(record, index + 1, line)
            identity = (table, *_identity(trial))
            if identity in seen:
                raise InputError(
                    f"table{table} record {index + 1} ({trial.disease}) duplicates the record at line {seen[identity]}",
                    Location(source, line),
                    "remove one or make them differ",
                )
            seen[identity] = line
            if isinstance(trial, PublishedTrial):
                trials.published.append(trial)
            else:
                trials.unpublished.append(trial)
    return trials


def _identity(trial: PublishedTrial | UnpublishedTrial) -> tuple[Any, ...]:
    if isinstance(trial, PublishedTrial):
        return (trial.disease.lower(), frozenset(trial.references))
    return (trial.disease.lower(), trial.year, trial.design, trial.patients, trial.countries)


def _published(record: dict[str, Any], row: int, line: int) -> PublishedTrial:
    dose = record["dose"]
    efficacy = record["efficacy"]
    if isinstance(efficacy, str):
        eff = Efficacy(state=efficacy)  # type: ignore[arg-type]  # the schema allows only the states
    else:
        eff = Efficacy("measured", tuple(Change(m["measure"], m["direction"]) for m in efficacy))
    return PublishedTrial(
        row=row,
        disease=record["disease"],
        dose=Dose(tuple(float(v) for v in dose["values"]), dose.get("unit", "MIU"), bool(dose.get("per_m2"))),
        efficacy=eff,
        immunology=tuple(Change(c["population"], c["direction"]) for c in record["immunology"]),
        references=tuple(record["references"]),
        label=record.get("label"),
        line=line,
    )


def _unpublished(record: dict[str, Any], row: int, line: int) -> UnpublishedTrial:
    return UnpublishedTrial(
        row=row,
        disease=record["disease"],
        year=record["year"],
        design=record["type"],
        patients=record["patients"],
        countries=tuple(record["countries"]),
        more_countries=bool(record.get("more_countries")),
        line=line,
    )
