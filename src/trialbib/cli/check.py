"""``trialbib check``: citation checks for CI, a linter with rule codes."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import click

from trialbib.cli._options import bib_option_as_given, trials_option

if TYPE_CHECKING:
    from trialbib.checks.config import Config
    from trialbib.checks.context import Context
    from trialbib.checks.engine import Inputs, Report

FORMAT_CHOICES = ["auto", "text", "errorformat", "json", "github", "sarif", "junit", "gitlab"]


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@bib_option_as_given
@trials_option
@click.option("--config", "config_path", default=None, metavar="FILE", help="trialbib.toml or pyproject.toml to use.")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option(
    "--format",
    "--output-format",
    "fmt",
    type=click.Choice(FORMAT_CHOICES),
    default="auto",
    show_default=True,
    help="Output format; auto is github inside GitHub Actions, else text.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="Exit 1 when a problem is at least this severe (default: any finding).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (2 still means bad input).")
@click.option("--statistics", is_flag=True, help="Show the number of findings per rule instead of each one.")
@click.option("--select", multiple=True, metavar="RULES", help="Run only these rules (codes, prefixes, names, ALL).")
@click.option("--extend-select", multiple=True, metavar="RULES", help="Run these rules as well (e.g. opt-in KEY005).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the .bib file (a backup NAME~ is kept).")
@click.option("--diff", is_flag=True, help="Show the fixes as a unified diff; change nothing; exit 1 if any.")
@click.option("-o", "--output", "output", default=None, metavar="FILE", help="Write the report to FILE.")
def command(
    paths: tuple[str, ...],
    bib_path: tuple[str, ...],
    trials_path: str | None,
    config_path: str | None,
    no_config: bool,
    fmt: str,
    fail_on: str | None,
    exit_zero: bool,
    statistics: bool,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fix: bool,
    diff: bool,
    output: str | None,
) -> None:
    """Check the bibliography, trial records and manuscripts; exit 1 on findings.

    PATHS may name a .bib file (`-`: read it from standard input), a trials .yaml file,
    manuscripts (.md, .tex, .txt, .docx, ...) and folders of manuscripts. Without PATHS, the paths of
    trialbib.toml or [tool.trialbib] in pyproject.toml (found upward from here) are used, else
    references.bib and trials.yaml.

    Exit status: 0 clean, 1 a finding (at or above --fail-on when set; never with --exit-zero;
    with --diff: a fix to show), 2 bad usage or unreadable input.
    `trialbib rules` lists the rules; `trialbib rules CODE` explains one.
    """
    from trialbib.checks.config import ConfigError, expand, find_config, load_config
    from trialbib.checks.engine import load_context, resolve_inputs, run_checks
    from trialbib.checks.reporters import choose_format, render
    from trialbib.checks.reporters import statistics as count_by_rule
    from trialbib.io.files import read_stdin

    if fix and diff:
        raise click.UsageError("--fix and --diff cannot be combined; use --diff to preview")
    config = load_config(None if no_config else (config_path or find_config()))
    try:
        if select:
            config.select = _split(select)
            expand(config.select)
        config.extend_select += _split(extend_select)
        config.ignore += _split(ignore)
        expand(config.extend_select + config.ignore)
    except ConfigError as exc:
        raise click.UsageError(str(exc).replace("invalid config: ", "")) from None
    stdin = "-" in paths or "-" in bib_path
    if stdin and (fix or diff):
        raise click.UsageError("--fix and --diff need a file; standard input cannot be fixed in place")
    inputs = resolve_inputs(config, paths, bib_path, trials_path)
    ctx = load_context(config, inputs, stdin=read_stdin() if stdin else None)  # bounded, checked as a file
    report = run_checks(config, ctx)
    if diff:
        changed = bool(inputs.bibliography) and _show_diff(ctx, report, inputs.bibliography or "")
        if inputs.bibliography and any(p.code == "CIT004" for p in report.problems):
            changed = _renumber(config, ctx, report, inputs, write=False)[1] or changed
        click.get_current_context().exit(1 if changed and not exit_zero else 0)
    if fix and ctx.bib_text is not None and inputs.bibliography:
        report = _fix(config, ctx, report, inputs.bibliography)
    if fix and inputs.bibliography and any(p.code == "CIT004" for p in report.problems):
        ctx = load_context(config, inputs)  # the .bib as the fixes above left it
        report = _renumber(config, ctx, report, inputs, write=True)[0]
    chosen = choose_format(fmt)
    text = count_by_rule(report.problems) if statistics else render(report.problems, chosen, report.rules)
    from trialbib.cli._options import emit

    read = (inputs.bibliography, inputs.trials, *inputs.manuscripts, *inputs.more_bibliographies, config.path)
    read += (config.expected, config.printed, config.style)  # the style when it is a .csl file
    github = chosen == "github" and not statistics
    emit(text, output, read, commands=github, json=chosen in ("json", "sarif") and not statistics)
    if not exit_zero and report.failed(fail_on or config.fail_on):
        click.get_current_context().exit(1)


def _show_diff(ctx: Context, report: Report, path: str) -> bool:
    """Print the fixes as a unified diff; True when there is something to fix."""
    from trialbib.checks.fixes import plan_fixes, unified_diff
    from trialbib.escape import no_commands, terminal

    original = ctx.bib_text or ""
    fixed, changes = plan_fixes(original, path, report.problems)
    click.echo(no_commands(terminal(unified_diff(original, fixed, path))), nl=False)
    if changes:
        click.echo(f"trialbib: would fix {len(changes)} problem{'s' if len(changes) > 1 else ''}", err=True)
    return bool(changes)


def _fix(config: Config, ctx: Context, report: Report, path: str) -> Report:
    """Apply the fixes, then check the fixed text again so the report is current."""
    from trialbib.checks.engine import run_checks
    from trialbib.checks.fixes import plan_fixes
    from trialbib.escape import line
    from trialbib.io.bibtex import parse_bibtex
    from trialbib.io.files import write_text_atomic

    original = ctx.bib_text or ""
    fixed, changes = plan_fixes(original, path, report.problems)
    if changes:
        backup = write_text_atomic(path, fixed, backup=True)
        for change in changes:
            click.echo(line(f"fixed {change.describe(path)}"), err=True)
        plural = "es" if len(changes) > 1 else ""
        click.echo(line(f"trialbib: {len(changes)} fix{plural} written; backup in {backup}"), err=True)
        # a new context: results memoised from the old text (tables, printed list) must go
        ctx = replace(ctx, bib_text=fixed, bib=parse_bibtex(fixed, source=path), settings={})
        report = run_checks(config, ctx)
    else:
        click.echo("trialbib: nothing to fix", err=True)
    return report


def _renumber(config: Config, ctx: Context, report: Report, inputs: Inputs, write: bool) -> tuple[Report, bool]:
    """CIT004's fix: renumber the numeric manuscripts by first citation and reorder the .bib to match
    (with ``write``; else print the diff). Also says whether there was anything to change."""
    from trialbib.checks.engine import load_context, run_checks
    from trialbib.checks.fixes import unified_diff
    from trialbib.escape import line, no_commands, terminal
    from trialbib.io.files import read_text, write_text_atomic
    from trialbib.manuscript.renumber import plan_renumbering

    path = str(inputs.bibliography)
    numeric = [m.source for m in ctx.manuscripts if m.numbers and not m.keys]
    if ctx.bib is None or ctx.bib_text is None or not numeric:
        return report, False
    texts = [(source, read_text(source, "manuscript")) for source in numeric]
    changes = plan_renumbering(texts, path, ctx.bib_text, ctx.bib)
    for change in changes:
        if write:
            backup = write_text_atomic(change.path, change.new, backup=True)
            click.echo(line(f"trialbib: CIT004 renumbered {change.path}; backup in {backup}"), err=True)
        else:
            click.echo(no_commands(terminal(unified_diff(change.old, change.new, change.path))), nl=False)
    if not write or not changes:
        return report, bool(changes)
    return run_checks(config, load_context(config, inputs)), True
