"""``docs/cli.md`` is the ``--help`` of every command, regenerated and compared."""

from __future__ import annotations

from click.testing import CliRunner

from trialbib.cli import cli
from trialbib.cli._reference import markdown

REGENERATE = "regenerate it: python -m trialbib.cli._reference > docs/cli.md"


def test_cli_reference_is_in_step_with_the_help(root):
    assert (root / "docs" / "cli.md").read_text("utf-8") == markdown(), REGENERATE


def test_cli_reference_has_every_command_with_the_help_it_prints(root):
    text = (root / "docs" / "cli.md").read_text("utf-8")
    names = cli.list_commands(None)  # type: ignore[arg-type]
    assert len(names) >= 10
    for name in names:
        assert f"\n## trialbib {name}\n" in text, REGENERATE
        shown = CliRunner().invoke(cli, [name, "--help"], prog_name="trialbib", terminal_width=100)
        assert shown.exit_code == 0
        first = shown.output.splitlines()[0]
        assert first.startswith(f"Usage: trialbib {name}")
        assert first in text
