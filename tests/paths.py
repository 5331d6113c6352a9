"""Where the shipped data and the test fixtures are (importable: tests/ is on pytest's path)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
BAD = DATA / "bad"
ARTICLE = ROOT / "article"
