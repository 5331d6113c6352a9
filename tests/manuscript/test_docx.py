"""Word manuscripts: markers replaced in place, split markers too, everything else unchanged."""

from __future__ import annotations

import io
import subprocess

import pytest

from paths import DATA
from trialbib.api import load_bibliography
from trialbib.manuscript.docx import scan_docx
from trialbib.manuscript.outputs import format_manuscript
from trialbib.manuscript.pandoc import pandoc_path

HERE = DATA / "manuscript"
GB = "china-national-standard-gb-t-7714-2015-numeric"  # gb7714-2015


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return load_bibliography(HERE / "library.bib")


@pytest.fixture
def manuscript(tmp_path):  # type: ignore[no-untyped-def]
    """A Word file as Word leaves it: a heading, a bold run, markers split across runs, a table."""
    import docx

    document = docx.Document()
    document.add_heading("Introduction", level=1)
    paragraph = document.add_paragraph()
    paragraph.add_run("Low-dose IL-2").bold = True
    paragraph.add_run(" raised regulatory T cells [@he20")
    paragraph.add_run("16lowdose; @zhao2018fine]").italic = True
    paragraph.add_run(" and platelets {@zhang2018low")
    paragraph.add_run(", p. 401}.")
    document.add_paragraph("Again [@he2016lowdose], then [@sakaguchi2007regulatory; @zhao2018fine; @he2016lowdose].")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Trial [@he2019efficacy]"
    path = tmp_path / "paper.docx"
    document.save(str(path))
    return path


def read(data: bytes):  # type: ignore[no-untyped-def]
    import docx

    return docx.Document(io.BytesIO(data))


def test_scan_finds_split_markers_in_order(manuscript):
    scanned = scan_docx(manuscript)
    assert scanned.keys == [
        "he2016lowdose",
        "zhao2018fine",
        "zhang2018low",
        "sakaguchi2007regulatory",
        "he2019efficacy",
    ]


def test_markers_replaced_formatting_kept(library, manuscript):
    data = format_manuscript(manuscript, library, "out.docx", "vancouver").content
    assert isinstance(data, bytes)
    document = read(data)
    heading, body, again = document.paragraphs[:3]
    assert (heading.text, heading.style.name) == ("Introduction", "Heading 1")
    assert body.text == "Low-dose IL-2 raised regulatory T cells (1,2) and platelets (3)."
    assert again.text == "Again (1), then (1,2,4)."
    assert [(r.text, r.bold, r.italic) for r in body.runs] == [
        ("Low-dose IL-2", True, None),
        (" raised regulatory T cells (1,2)", None, None),
        ("", None, True),  # the rest of the split marker: emptied, the run kept
        (" and platelets (3)", None, None),
        (".", None, None),
    ]
    assert document.tables[0].cell(0, 0).text == "Trial (5)"
    texts = [p.text for p in document.paragraphs]
    assert texts[3] == "References"
    assert texts[4].startswith("1. He J, Zhang X, Wei Y, et al. Low-dose interleukin-2")
    assert len(texts) == 4 + 5


def test_superscript_citation_is_its_own_run(library, manuscript):
    document = read(format_manuscript(manuscript, library, "out.docx", GB).content)  # type: ignore[arg-type]
    body = document.paragraphs[1]
    assert body.text == "Low-dose IL-2 raised regulatory T cells[1,2] and platelets[3]."
    sup = [r.text for r in body.runs if r.font.superscript]
    assert sup == ["[1,2]", "[3]"]
    assert document.paragraphs[2].text == "Again[1], then[1,2,4]."


def test_bibliography_italics_and_pandoc_reads_the_same(library, manuscript):
    data = format_manuscript(manuscript, library, "out.docx", "apa").content
    assert isinstance(data, bytes)
    document = read(data)
    assert any(r.text == "Nat Med" and r.italic for p in document.paragraphs for r in p.runs)
    plain = subprocess.run(
        [pandoc_path(), "-f", "docx", "-t", "plain", "--wrap=none"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    stripped = (line.strip() for line in plain.splitlines())
    lines = [line for line in stripped if line and not line.startswith(("-", "|", "+"))]
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    assert [line for line in lines if not line.startswith("Trial")] == paragraphs


def test_word_manuscript_only_to_docx(library, manuscript):
    from trialbib.errors import UsageError

    with pytest.raises(UsageError, match=r"into a \.docx"):
        format_manuscript(manuscript, library, "out.md", GB)


def test_render_and_format_a_word_manuscript_from_the_command_line(manuscript, tmp_path):
    from click.testing import CliRunner

    from trialbib.cli import cli

    bib = str(HERE / "library.bib")
    result = CliRunner().invoke(cli, ["render", "--manuscript", str(manuscript), "--bib", bib, "--style", GB])
    assert result.exit_code == 0
    assert [line[:12] for line in result.stdout.splitlines()] == [
        "[1] HE J, ZH",
        "[2] ZHAO Z, ",
        "[3] ZHANG J,",
        "[4] SAKAGUCH",
        "[5] HE J, ZH",
    ]
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(cli, ["format", str(manuscript), "-o", str(out), "--bib", bib, "--style", GB])
    assert result.exit_code == 0
    assert read(out.read_bytes()).paragraphs[-1].text.startswith("[5] HE J, ZHANG R, SHAO M, et al. Efficacy")
