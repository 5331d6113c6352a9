"""``trialbib rules``: the rules of ``trialbib check``, or one rule explained."""

from __future__ import annotations

import click


@click.command("rules")
@click.argument("rule", required=False, metavar="[CODE|NAME]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="markdown writes the whole rule reference (docs/rules.md).",
)
def command(rule: str | None, fmt: str) -> None:
    """List the rules (code, name, severity, default on/off), or explain one with its examples."""
    import json

    from trialbib.checks.rules import enabled_by_default, lookup, rules, summary
    from trialbib.errors import UsageError

    if fmt == "markdown":
        from trialbib.checks.docs import markdown

        click.echo(markdown(), nl=False)
        return
    if rule is not None:
        module = lookup(rule)
        if module is None:
            raise UsageError(f"no rule {rule!r}", hint="`trialbib rules` lists them")
        selected = [module]
    else:
        selected = list(rules().values())
    if fmt == "json":
        data = [
            {
                "code": m.CODE,
                "name": m.NAME,
                "severity": m.SEVERITY,
                "default": enabled_by_default(m),
                "fixable": hasattr(m, "fix"),
                "options": m.OPTIONS,
                "summary": summary(m),
            }
            for m in selected
        ]
        click.echo(json.dumps(data if rule is None else data[0], indent=2, ensure_ascii=False))
        return
    if rule is None:
        for m in selected:
            flags = ("" if enabled_by_default(m) else " (opt-in)") + (" (fixable)" if hasattr(m, "fix") else "")
            click.echo(f"{m.CODE}  {m.NAME:<28} {m.SEVERITY:<8} {summary(m)}{flags}")
        return
    module = selected[0]
    click.echo(f"{module.CODE} {module.NAME}")
    click.echo(
        f"severity: {module.SEVERITY}; {'on by default' if enabled_by_default(module) else 'opt-in'}"
        f"{'; fixable with --fix' if hasattr(module, 'fix') else ''}"
    )
    if module.OPTIONS:
        click.echo("options: " + ", ".join(f"{k} = {v!r}" for k, v in module.OPTIONS.items()))
    click.echo()
    import inspect

    click.echo(inspect.cleandoc(module.__doc__ or ""))
