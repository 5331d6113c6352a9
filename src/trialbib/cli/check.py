"""``trialbib check``: citation checks for CI, a linter with rule codes."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import click

from trialbib.cli._options import trials_option

if TYPE_CHECKING:
    from trialbib.checks.config import Config
    from trialbib.checks.context import Context
    from trialbib.checks.engine import Inputs, Report

FORMAT_CHOICES = ["auto", "text", "errorformat", "json", "github", "sarif"]


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--bib",
    "bib_path",
    multiple=True,
    metavar="FILE",
    help="Bibliography (BibTeX, CSL-JSON, CSL YAML, RIS); repeat to merge. Default: config, else references.bib.",
)
@trials_option
@click.option("--config", "config_path", default=None, metavar="FILE", help="trialbib.toml or pyproject.toml to use.")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("--format", "fmt", type=click.Choice(FORMAT_CHOICES), default="auto", show_default=True,
              help="Output format; auto is github inside GitHub Actions, else text.")  # fmt: skip
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None,
              help="Exit 1 when a problem is at least this severe (default: error).")  # fmt: skip
@click.option("--select", multiple=True, metavar="RULES", help="Run only these rules (codes, prefixes, names, ALL).")
@click.option("--extend-select", multiple=True, metavar="RULES", help="Run these rules as well (e.g. opt-in KEY005).")
@click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the .bib file (a backup NAME~ is kept).")
@click.option("--diff", is_flag=True, help="Show the fixes as a unified diff; change nothing.")
@click.option("-o", "--output", "output", default=None, metavar="FILE", help="Write the report to FILE.")
def command(
    paths: tuple[str, ...],
    bib_path: tuple[str, ...],
    trials_path: str | None,
    config_path: str | None,
    no_config: bool,
    fmt: str,
    fail_on: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    fix: bool,
    diff: bool,
    output: str | None,
) -> None:
    """Check the bibliography, trial records and manuscripts; exit 1 on findings.

    PATHS may name a .bib file, a trials .yaml file, manuscripts (.md, .tex, .txt, ...) and
    folders of manuscripts. Without PATHS, the paths of trialbib.toml or [tool.trialbib] in
    pyproject.toml (found upward from here) are used, else references.bib and trials.yaml.

    Exit status: 0 clean, 1 a problem at or above --fail-on, 2 bad usage or unreadable input.
    `trialbib rules` lists the rules; `trialbib rules CODE` explains one.
    """
    from trialbib.checks.config import ConfigError, expand, find_config, load_config
    from trialbib.checks.engine import load_context, resolve_inputs, run_checks
    from trialbib.checks.reporters import choose_format, render

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
    inputs = resolve_inputs(config, paths, bib_path, trials_path)
    ctx = load_context(config, inputs)
    report = run_checks(config, ctx)
    if (fix or diff) and ctx.bib_text is not None and inputs.bibliography:
        report = _fix(config, ctx, report, inputs.bibliography, write=fix)
    if (fix or diff) and inputs.bibliography and any(p.code == "CIT004" for p in report.problems):
        report = _renumber(config, ctx, report, inputs, write=fix)
    chosen = choose_format(fmt)
    text = render(report.problems, chosen, report.rules)
    from trialbib.cli._options import emit

    read = (inputs.bibliography, inputs.trials, *inputs.manuscripts, config.path, config.expected, config.printed)
    read += (config.style,)  # a .csl file, when the style is one
    emit(text, output, read, commands=chosen == "github", json=chosen in ("json", "sarif"))
    if report.failed(fail_on or config.fail_on):
        click.get_current_context().exit(1)


def _fix(config: Config, ctx: Context, report: Report, path: str, write: bool) -> Report:
    """Apply (or show) the fixes, then check the fixed text again so the report is current."""
    from trialbib.checks.engine import run_checks
    from trialbib.checks.fixes import plan_fixes, unified_diff
    from trialbib.escape import line, no_commands, terminal
    from trialbib.io.bibtex import parse_bibtex
    from trialbib.io.files import write_text_atomic

    original = ctx.bib_text or ""
    fixed, changes = plan_fixes(original, path, report.problems)
    if not write:
        click.echo(no_commands(terminal(unified_diff(original, fixed, path))), nl=False)
        return report
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


def _renumber(config: Config, ctx: Context, report: Report, inputs: Inputs, write: bool) -> Report:
    """CIT004's fix: renumber the numeric manuscripts by first citation and reorder the .bib to match."""
    from trialbib.checks.engine import load_context, run_checks
    from trialbib.checks.fixes import unified_diff
    from trialbib.escape import line, no_commands, terminal
    from trialbib.io.files import read_text, write_text_atomic
    from trialbib.manuscript.renumber import plan_renumbering

    path = str(inputs.bibliography)
    numeric = [m.source for m in ctx.manuscripts if m.numbers and not m.keys]
    if ctx.bib is None or ctx.bib_text is None or not numeric:
        return report
    texts = [(source, read_text(source, "manuscript")) for source in numeric]
    changes = plan_renumbering(texts, path, ctx.bib_text, ctx.bib)
    for change in changes:
        if write:
            backup = write_text_atomic(change.path, change.new, backup=True)
            click.echo(line(f"trialbib: CIT004 renumbered {change.path}; backup in {backup}"), err=True)
        else:
            click.echo(no_commands(terminal(unified_diff(change.old, change.new, change.path))), nl=False)
    if not write or not changes:
        return report
    return run_checks(config, load_context(config, inputs))
