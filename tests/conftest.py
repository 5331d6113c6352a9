"""Shared paths and fixtures: the shipped article data and the test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from paths import ARTICLE, ROOT


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def bib():  # type: ignore[no-untyped-def]
    from trialbib.api import load_bibliography

    return load_bibliography(ROOT / "references.bib")


@pytest.fixture(scope="session")
def trials(bib):  # type: ignore[no-untyped-def]
    from trialbib.api import load_trials

    return load_trials(ROOT / "trials.yaml", bib)


@pytest.fixture(scope="session")
def printed() -> list[str]:
    """The 24 references exactly as the article prints them."""
    return (ARTICLE / "reference-list.txt").read_text("utf-8").splitlines()


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Tests never read or write the user's cache folder."""
    import os

    os.environ["TRIALBIB_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
