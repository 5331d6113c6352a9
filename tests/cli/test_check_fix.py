"""``trialbib check --fix`` checks the fixed file again with nothing remembered from before."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from paths import ROOT
from trialbib.cli import cli


def test_findings_after_a_fix_come_from_the_fixed_bibliography(tmp_path, monkeypatch):
    import trialbib.tables

    monkeypatch.chdir(tmp_path)
    text = (ROOT / "references.bib").read_text("utf-8")
    assert "pages     = {991--993}" in text
    (tmp_path / "refs.bib").write_text(text.replace("{991--993}", "{991-993}"), "utf-8")
    shutil.copy(ROOT / "trials.yaml", tmp_path / "trials.yaml")
    seen = []
    real = trialbib.tables.check_tables

    def spy(trials, bib):  # type: ignore[no-untyped-def]
        seen.append(bib)
        return real(trials, bib)

    monkeypatch.setattr(trialbib.tables, "check_tables", spy)
    result = CliRunner().invoke(
        cli,
        ["check", "refs.bib", "trials.yaml", "--no-config", "--extend-select", "FMT010", "--fix", "--format", "text"],
    )
    assert "FMT010 pages: {991-993} -> {991--993}" in result.output
    assert result.exit_code == 0, result.output
    assert len(seen) == 2, "the evidence-table findings of the unfixed file were reused"
    assert seen[1] is not seen[0]
    assert "{991--993}" in (tmp_path / "refs.bib").read_text("utf-8")
