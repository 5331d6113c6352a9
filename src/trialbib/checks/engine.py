"""Run the selected rules over the inputs and return the problems, configured and suppressed.

The flow, in order: load the inputs into a :class:`Context`; run each selected rule, giving
every problem it yields the rule's code and severity (or the configured one); drop problems
ignored for their file (``per-file-ignores``) or by an inline ``% trialbib: ignore[...]``
comment; report suppressions that silenced nothing (SUP001); sort by file, line and column.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from types import ModuleType

from trialbib.checks.config import SEVERITIES, Config
from trialbib.checks.context import Context
from trialbib.checks.rules import lookup, rules
from trialbib.errors import InputError, Location, UsageError
from trialbib.io.load import describe
from trialbib.io.manuscript import MANUSCRIPT_SUFFIXES, read_manuscript
from trialbib.model import Problem
from trialbib.paths import BIBLIOGRAPHY, TRIALS

STDIN = "-"  # the bibliography read from standard input
RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Report:
    """The outcome of one run: its problems and the rules that ran."""

    problems: list[Problem] = field(default_factory=list)
    rules: list[ModuleType] = field(default_factory=list)
    context: Context | None = None

    def counts(self) -> dict[str, int]:
        return {level: sum(p.severity == level for p in self.problems) for level in SEVERITIES}

    def failed(self, fail_on: str) -> bool:
        """True when a problem is at or above ``fail_on`` (``never``: never)."""
        if fail_on == "never":
            return False
        return any(RANK[p.severity] >= RANK[fail_on] for p in self.problems)


@dataclass(frozen=True)
class Inputs:
    """What to check: one bibliography, an optional trials file, manuscripts."""

    bibliography: str | None
    trials: str | None = None
    manuscripts: tuple[str, ...] = ()
    more_bibliographies: tuple[str, ...] = ()  # further --bib files, merged after the first


def resolve_inputs(
    config: Config, paths: Sequence[str] = (), bib: str | Sequence[str] | None = None, trials: str | None = None
) -> Inputs:
    """Sort command-line paths into bibliography, trials and manuscripts; fall back on the config.

    A ``.bib`` path is the bibliography, ``.yaml``/``.yml`` the trials, a folder is searched for
    manuscripts, anything else is a manuscript. Without a bibliography anywhere,
    ``references.bib`` in the working folder is used when it exists (and ``trials.yaml`` beside it).
    """
    manuscripts: list[str] = []
    bibs = [bib] if isinstance(bib, str) else list(bib or ())
    for path in paths:
        lower = path.lower()
        if lower.endswith((".bib", ".biblatex", ".bibtex", ".json", ".ris")) or path == STDIN:
            bibs.append(path)
        elif lower.endswith((".yaml", ".yml")):
            trials = path
        elif os.path.isdir(path):
            manuscripts.extend(_manuscripts_in(path))
        else:
            manuscripts.append(path)
    bibs = list(dict.fromkeys(bibs))
    bib, more = (bibs[0], tuple(bibs[1:])) if bibs else (None, ())
    for named, what in (
        *((b, describe(b)) for b in bibs),
        (trials, "trials file"),
        *((m, "manuscript") for m in manuscripts),
    ):
        if named is not None and named != STDIN and not os.path.exists(named):
            raise InputError(f"no such {what}", Location(named), "check the path")
    explicit_bib = bib is not None
    bib = bib or config.bibliography
    if bib is not None and not explicit_bib and not os.path.exists(bib):
        raise InputError("no such file (named in the configuration)", Location(bib), f"fix {config.path}")
    if bib is None and os.path.exists(BIBLIOGRAPHY):
        bib = BIBLIOGRAPHY
    if trials is None:
        if config.trials is not None:
            trials = config.trials
        elif not explicit_bib and bib == BIBLIOGRAPHY and os.path.exists(TRIALS):
            trials = TRIALS
    if not paths or not manuscripts:
        manuscripts = manuscripts or _glob(config.manuscripts)
    if bib is None:
        what = "nothing to check" if not manuscripts else "no bibliography to check the manuscripts against"
        raise InputError(
            f"{what}: no references.bib here",
            hint="give a .bib file (trialbib check refs.bib paper.md) or set bibliography in trialbib.toml",
        )
    return Inputs(
        display_path(bib),
        display_path(trials),
        tuple(display_path(m) or m for m in manuscripts),
        tuple(display_path(b) or b for b in more),
    )


def _manuscripts_in(folder: str) -> list[str]:
    """Manuscripts under ``folder``; directory links are not followed, links out of it skipped."""
    from trialbib.io.files import walk_files

    return walk_files(folder, MANUSCRIPT_SUFFIXES)


def _glob(patterns: Sequence[str]) -> list[str]:
    from trialbib.io.files import glob_files

    found: list[str] = []
    for pattern in patterns:
        found.extend(m for m in glob_files(pattern) if m not in found)
    return found


def load_context(config: Config, inputs: Inputs, stdin: str | None = None) -> Context:
    """Read every input; a file that cannot be read at all is an InputError (exit 2).

    A bibliography named ``-`` is the text ``stdin`` (the CLI reads standard input).
    """
    from trialbib.io.files import read_text
    from trialbib.io.load import detect_format, load_bibliographies, parse_bibliography
    from trialbib.io.trials import read_trials

    ctx = Context(style=config.style, expected=config.expected, printed=config.printed)
    if inputs.bibliography is None:
        raise InputError(
            "no bibliography to check the manuscripts against",
            Location(inputs.manuscripts[0] if inputs.manuscripts else None),
            "give a .bib file (trialbib check refs.bib paper.md) or set bibliography in trialbib.toml",
        )
    if inputs.more_bibliographies:
        if STDIN in (inputs.bibliography, *inputs.more_bibliographies):
            raise UsageError(
                "standard input (-) is one bibliography alone", hint="give the files by name to merge them"
            )
        ctx.bib = load_bibliographies([inputs.bibliography, *inputs.more_bibliographies], keep_sources=True)
    else:
        if inputs.bibliography == STDIN:
            text = stdin or ""
        else:
            text = read_text(inputs.bibliography, describe(inputs.bibliography))
        fmt = detect_format(inputs.bibliography, text)
        ctx.bib_text = text if fmt == "bibtex" else None  # file-level checks and fixes are for .bib text
        ctx.bib = parse_bibliography(text, inputs.bibliography, fmt, keep_sources=True)
    if not ctx.bib.items and not ctx.bib.errors:  # "All checks passed" on /etc/passwd would be a lie
        raise InputError(
            "holds no entries, so there is nothing to check", Location(inputs.bibliography), "name a BibTeX file"
        )
    if inputs.trials is not None:
        ctx.trials = read_trials(inputs.trials)
    ctx.manuscripts = [read_manuscript(path) for path in inputs.manuscripts]
    return ctx


def run_checks(config: Config, ctx: Context) -> Report:
    """Run the selected rules on ``ctx`` and return the configured, suppressed, sorted problems."""
    selected = config.selected()
    found: list[Problem] = []
    for module in selected:
        severity = config.severity.get(module.CODE, module.SEVERITY)
        options = config.options_for(module)
        for problem in module.check(ctx, options):
            found.append(
                replace(problem, code=module.CODE, severity=severity, location=_with_column(ctx, problem.location))
            )
    found = [p for p in found if p.code not in config.ignored_in(p.location.file)]
    kept, unused = apply_suppressions(ctx, found, {m.CODE for m in selected})
    if any(m.CODE == "SUP001" for m in selected):
        severity = config.severity.get("SUP001", rules()["SUP001"].SEVERITY)
        kept.extend(replace(p, severity=severity) for p in unused if "SUP001" not in config.ignored_in(p.location.file))
    unique = list(dict.fromkeys(kept))
    unique.sort(key=sort_key)
    return Report(unique, selected, ctx)


def _with_column(ctx: Context, loc: Location) -> Location:
    """A .bib location without a column gets the column where its line's text starts."""
    if loc.column is not None or loc.line is None or loc.file is None or loc.file != ctx.source:
        return loc
    column = ctx.column(loc.line, re.compile(r"\S"))
    return replace(loc, column=column) if column else loc


def sort_key(problem: Problem) -> tuple[str, int, int, str]:
    loc = problem.location
    return (loc.file or "", loc.line or 0, loc.column or 0, problem.code)


_SUPPRESS = re.compile(r"^\s*%\s*trialbib:\s*ignore\[([^\]]*)\](.*)$", re.IGNORECASE)
_ENTRY = re.compile(r"^\s*@\s*(\w+)\s*[{(]")


@dataclass
class Suppression:
    """``% trialbib: ignore[...]``: codes silenced on lines ``start``-``end`` (the next entry)."""

    line: int
    codes: dict[str, str]
    start: int = 0
    end: int = 0
    used: set[str] = field(default_factory=set)


def find_suppressions(text: str, source: str | None) -> tuple[list[Suppression], list[Problem]]:
    """The suppression comments of a .bib text, each bound to the entry after it."""
    lines = text.split("\n")
    entries = [i + 1 for i, line in enumerate(lines) if (m := _ENTRY.match(line)) and m.group(1).lower() != "comment"]
    found: list[Suppression] = []
    problems: list[Problem] = []
    for number, line in enumerate(lines, 1):
        match = _SUPPRESS.match(line)
        if not match:
            continue
        codes: dict[str, str] = {}
        for selector in filter(None, (s.strip() for s in match.group(1).split(","))):
            module = lookup(selector)
            if module is None:
                message = f"suppression names unknown rule {selector!r}"
                problems.append(Problem("SUP001", message, Location(source, number), "warning"))
            else:
                codes[module.CODE] = selector
        following = [e for e in entries if e > number]
        suppression = Suppression(number, codes)
        if following:
            suppression.start = following[0]
            later = [e for e in entries if e > following[0]]
            suppression.end = later[0] - 1 if later else len(lines)
        found.append(suppression)
    return found, problems


def apply_suppressions(
    ctx: Context, problems: list[Problem], active: set[str] | None = None
) -> tuple[list[Problem], list[Problem]]:
    """Problems left after inline suppressions, and a SUP001 problem per code that silenced nothing.

    A suppression of a rule that is not selected in this run is not reported as unused.
    """
    if not ctx.bib_text or ctx.bib is None:
        return problems, []
    suppressions, unused = find_suppressions(ctx.bib_text, ctx.bib.source)
    kept = []
    for problem in problems:
        line = problem.location.line
        hit = next(
            (
                s
                for s in suppressions
                if problem.location.file == ctx.bib.source
                and line is not None
                and s.start <= line <= s.end
                and problem.code in s.codes
            ),
            None,
        )
        if hit is None:
            kept.append(problem)
        else:
            hit.used.add(problem.code)
    for s in suppressions:
        for code, selector in s.codes.items():
            if code not in s.used and (active is None or code in active):
                target = "the next entry" if s.start else "anything (no entry follows)"
                unused.append(
                    Problem(
                        "SUP001",
                        f"suppression of {selector} does not silence {target}; remove it",
                        Location(ctx.bib.source, s.line),
                        "warning",
                    )
                )
    return kept, unused


def display_path(path: str | None) -> str | None:
    """``path`` relative to the working folder when it is inside it (for CI annotations)."""
    from trialbib.checks.config import shown

    return None if path is None else shown(path)
