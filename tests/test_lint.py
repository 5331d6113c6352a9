"""The code stays ruff clean and mypy strict clean under the settings the project chose (issue 18),
so a lint or typing regression fails the suite rather than waiting for someone to run the tools."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from paths import ROOT

FAMILIES = ["E", "F", "W", "I", "UP", "B", "SIM", "C90", "SLF", "PT", "RUF"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_the_chosen_rules_are_switched_on():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    lint = config["tool"]["ruff"]["lint"]
    assert sorted(lint["select"]) == sorted(FAMILIES)
    assert lint["mccabe"]["max-complexity"] == 15
    assert config["tool"]["mypy"]["strict"] is True


def test_src_and_tests_are_ruff_clean():
    done = run("ruff", "check", "--no-cache", "--output-format", "concise", "src", "tests")
    assert done.returncode == 0, done.stdout + done.stderr


def test_src_is_mypy_strict_clean(tmp_path: Path):
    done = run("mypy", "--cache-dir", str(tmp_path / "mypy"), "src")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Success: no issues found")
