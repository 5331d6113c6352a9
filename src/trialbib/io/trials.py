"""The trial records file (YAML) to typed records, validated by a JSON schema.

Errors name the file, the line of the offending value and the field, because the file is
edited by hand and a schema path alone (``table1.records[3].dose``) is hard to find.
"""

from __future__ import annotations

import os
from typing import Any

from trialbib.errors import InputError, Location
from trialbib.io.files import read_text
from trialbib.io.trial_records import build_trials, schema
from trialbib.model import (
    Bibliography,
    Problem,
    TrialSet,
)


def read_trials(path: str | os.PathLike[str]) -> TrialSet:
    """Load and validate a trials file; raise InputError naming file, line and field.

    A ``.csv`` file is read as the spreadsheet form (:mod:`trialbib.io.trials_csv`).
    """
    if str(path).lower().endswith(".csv"):
        from trialbib.io.trials_csv import read_trials_csv

        return read_trials_csv(path)
    return parse_trials(read_text(path, "trials file"), source=str(path))


def parse_trials(text: str, source: str = "<string>") -> TrialSet:
    """Parse trials YAML text into a TrialSet."""
    try:
        return _parse_trials(text, source)
    except RecursionError:
        raise InputError(
            "nests lists or mappings too deeply for trial records",
            Location(source),
            "records need only a few levels; look for runs of [ or {",
        ) from None


def _parse_trials(text: str, source: str) -> TrialSet:
    import yaml

    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is None:
            raise InputError("holds no trial records", Location(source), "add table1 or table2 records")
        _no_alias(text, source)
        _no_duplicate_keys(node, source)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"is not valid YAML: {problem}", Location(source, line), "fix the YAML syntax") from None
    from trialbib.io.files import lone_surrogate

    surrogate = lone_surrogate(data)
    if surrogate:
        raise InputError(
            f"holds the escape {surrogate}, half of a character (a lone surrogate)", Location(source), "fix the escape"
        )
    _validate(data, node, source)
    return build_trials(
        data, source, lambda table, index: _node_at(node, [f"table{table}", "records", index]).start_mark.line + 1
    )


def _no_alias(text: str, source: str) -> None:
    """Refuse aliases (``*name``): a hand-written trials file needs none.

    A chain of them ("billion laughs") would make every later walk over the records exponential.
    """
    import yaml

    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            raise InputError(
                f"uses the YAML alias *{event.anchor}, which trials files do not need",
                Location(source, mark.line + 1, mark.column + 1) if mark else Location(source),
                "write the values out instead of &anchor and *alias",
            )


def _no_duplicate_keys(node: Any, source: str) -> None:
    import yaml

    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise InputError(
                    "a key is not a plain name", Location(source, key.start_mark.line + 1), "write name: value"
                )
            if key.value in seen:
                raise InputError(
                    f"key {key.value!r} appears twice in one record",
                    Location(source, key.start_mark.line + 1),
                    "keep one",
                )
            seen.add(key.value)
            _no_duplicate_keys(value, source)
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            _no_duplicate_keys(child, source)


def _node_at(node: Any, path: list[Any]) -> Any:
    """The YAML node at a JSON path, for its line number; the deepest one found."""
    import yaml

    for step in path:
        if isinstance(node, yaml.MappingNode):
            found = [v for k, v in node.value if k.value == step]
            if not found:
                return node
            node = found[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return node
    return node


def _field_name(path: list[Any]) -> str:
    """``['table1', 'records', 0, 'dose', 'values', 1]`` -> ``table1 record 1: dose.values[2]``."""
    head: list[str] = []
    rest: list[str] = []
    steps = list(path)
    while steps:
        step = steps.pop(0)
        if step == "records" and steps and isinstance(steps[0], int):
            head.append(f"record {steps.pop(0) + 1}")
        elif isinstance(step, int):
            (rest or head)[-1] += f"[{step + 1}]"
        elif (head and head[-1].startswith("record")) or rest:
            rest.append(step)
        else:
            head.append(step)
    text = " ".join(head)
    return f"{text}: {'.'.join(rest)}" if rest else text or "top level"


def _validate(data: Any, node: Any, source: str) -> None:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if not errors:
        return
    error = errors[0]
    path = list(error.absolute_path)
    line = _node_at(node, path).start_mark.line + 1
    field = _field_name(path)
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        message = f"{field}: unknown field {', '.join(map(repr, extra))}"
        hint = f"use one of {', '.join(sorted(error.schema.get('properties', {})))}"
    elif error.validator == "required":
        message = f"{field}: {error.message.replace(' is a required property', '')} is missing"
        hint = "add it"
    elif error.validator == "oneOf" and path and path[-1] == "efficacy":
        message = f"{field}: {error.instance!r} is not an efficacy"
        hint = "write 'not evaluated', 'effective' or a list of {measure, direction}"
    else:
        message = f"{field}: {_short(error.message)}"
        hint = "see the trials schema (trialbib/data/trials.schema.json)"
    raise InputError(message, Location(source, line), hint)


def _short(message: str) -> str:
    return message if len(message) < 120 else message[:117] + "..."


def link_problems(trials: TrialSet, bib: Bibliography) -> list[Problem]:
    """A problem for every record that links a key the bibliography does not define."""
    problems = []
    for trial in trials.published:
        for key in trial.references:
            if key not in bib:
                problems.append(
                    Problem(
                        "CIT003",
                        f"table1 row {trial.row} ({trial.disease}) cites unknown key {key!r}; "
                        f"add it to {bib.source or 'the bibliography'} or fix the key",
                        Location(trials.source, trial.line, key=key),
                    )
                )
    return problems
