"""The command-line reference (``docs/cli.md``): the ``--help`` of every command, generated.

``python -m trialbib.cli._reference > docs/cli.md`` regenerates it; a test keeps it in step.
The help is laid out 100 columns wide whatever the terminal, so the file does not depend on it.
"""

from __future__ import annotations

import click

WIDTH = 100


def help_text(command: click.Command, name: str, parent: click.Context | None = None) -> str:
    """What ``trialbib ... NAME --help`` prints."""
    ctx = click.Context(command, info_name=name, parent=parent, terminal_width=WIDTH, max_content_width=WIDTH)
    return command.get_help(ctx)


def markdown() -> str:
    """The reference: the group's help, then one section per command in ``trialbib --help``'s order."""
    from trialbib.cli import cli

    settings = {**cli.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    top = click.Context(cli, info_name="trialbib", **settings)
    lines = [
        "# The `trialbib` command line",
        "",
        "Generated from `--help` by `python -m trialbib.cli._reference > docs/cli.md`; do not edit",
        "by hand.",
        "",
        "```text",
        cli.get_help(top),
        "```",
    ]
    for name in cli.list_commands(top):
        command = cli.get_command(top, name)
        assert command is not None
        lines += ["", f"## trialbib {name}", "", "```text", help_text(command, name, top), "```"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    click.echo(markdown(), nl=False)
