"""Output through pandoc (pypandoc-binary's): .html, .docx, .odt, .txt, and the filter itself.

Each output is read back (python-docx and pandoc for .docx) rather than trusted.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest

from paths import DATA, ROOT
from trialbib.api import load_bibliography
from trialbib.manuscript.outputs import format_manuscript
from trialbib.manuscript.pandoc import pandoc_path

HERE = DATA / "manuscript"
GB = "china-national-standard-gb-t-7714-2015-numeric"  # gb7714-2015


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return load_bibliography(HERE / "library.bib")


def pandoc_text(data: bytes, reader: str) -> str:
    """What pandoc reads from a file: its plain text, one paragraph per line."""
    out = subprocess.run(
        [pandoc_path(), "-f", reader, "-t", "plain", "--wrap=none"], input=data, capture_output=True, check=True
    )
    return out.stdout.decode("utf-8")


def docx_paragraphs(data: bytes) -> list[str]:
    """The body paragraphs python-docx reads (the title is metadata to pandoc's plain writer)."""
    import docx

    paragraphs = docx.Document(io.BytesIO(data)).paragraphs
    return [p.text for p in paragraphs if p.text.strip() and p.style.name != "Title"]


def test_pandoc_is_pypandoc_binary():
    import pypandoc

    assert pandoc_path() == str(pypandoc.get_pandoc_path())


@pytest.mark.parametrize("name", ["paper.md", "paper.tex"], ids=["md", "tex"])
def test_docx_reads_back_the_same_in_python_docx_and_pandoc(library, name):
    data = format_manuscript(HERE / name, library, "out.docx", GB).content
    assert isinstance(data, bytes)
    assert data[:2] == b"PK"
    paragraphs = docx_paragraphs(data)
    plain = [line for line in pandoc_text(data, "docx").splitlines() if line.strip()]
    # pandoc writes superscripts in plain text as ^(...); python-docx gives the characters
    assert [re.sub(r"\^\(([^()]*)\)", r"\1", line).strip() for line in plain] == [p.strip() for p in paragraphs]
    assert "References" in paragraphs
    assert paragraphs[paragraphs.index("References") + 1].startswith("[1] MORGAN D A, RUSCETTI F W, GALLO R.")
    assert any("[3–5]" in p for p in paragraphs) if name == "paper.md" else any("[4,5]" in p for p in paragraphs)


def test_docx_citation_is_superscript_and_titles_italic_in_apa(library):
    import docx

    data = format_manuscript(HERE / "paper.md", library, "out.docx", GB).content
    runs = [r for p in docx.Document(io.BytesIO(data)).paragraphs for r in p.runs]
    assert any(r.text == "[3–5]" and r.font.superscript for r in runs)
    data = format_manuscript(HERE / "paper.md", library, "out.docx", "apa").content
    runs = [r for p in docx.Document(io.BytesIO(data)).paragraphs for r in p.runs]
    assert any(r.text == "Nat Med" and r.italic for r in runs)


def test_html_and_odt_and_txt(library):
    html = format_manuscript(HERE / "paper.md", library, "out.html", GB).content
    assert isinstance(html, str)
    assert '1976<span class="citation"><sup>[1]</sup></span>' in " ".join(html.split())
    assert '<div id="refs" class="references csl-bib-body"' in html
    odt = format_manuscript(HERE / "paper.md", library, "out.odt", "vancouver").content
    assert isinstance(odt, bytes)
    assert "Regulatory T cells depend on it (3–5)." in pandoc_text(odt, "odt")
    txt = format_manuscript(HERE / "paper.tex", library, "out.txt", GB).content
    assert "showed that regulatory T cells depend on it [4,5]." in " ".join(str(txt).split())
    assert "^(" not in str(txt)


def test_markdown_to_latex_through_pandoc(library):
    tex = " ".join(str(format_manuscript(HERE / "paper.md", library, "out.tex", "vancouver").content).split())
    assert "Regulatory T cells depend on it {(3--5)}." in tex
    assert "\\section*{References}" in tex
    assert "15. 孙八." in tex


def test_the_filter_gives_the_same_document(library, tmp_path):
    """``pandoc paper.md --filter trialbib-pandoc`` and ``trialbib format`` write the same text."""
    script = tmp_path / "trialbib-pandoc"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(ROOT / 'src')!r})\n"
        "from trialbib.manuscript.pandoc import main\nmain()\n",
        "utf-8",
    )
    script.chmod(0o755)
    out = tmp_path / "paper.docx"
    env = {**os.environ, "TRIALBIB_NO_CACHE": "1"}
    meta = ["-M", f"bibliography={HERE / 'library.bib'}", "-M", f"csl={GB}"]
    subprocess.run(
        [pandoc_path(), str(HERE / "paper.md"), "--filter", str(script), *meta, "-o", str(out)],
        check=True,
        env=env,
        capture_output=True,
    )
    direct = format_manuscript(HERE / "paper.md", library, "out.docx", GB).content
    assert isinstance(direct, bytes)
    assert docx_paragraphs(out.read_bytes()) == docx_paragraphs(direct)


def test_missing_pandoc_names_the_extra(monkeypatch):
    import pypandoc

    from trialbib.errors import UsageError

    monkeypatch.setattr(pypandoc, "get_pandoc_path", lambda: (_ for _ in ()).throw(OSError("no pandoc")))
    with pytest.raises(UsageError, match=r"trialbib\[pandoc\]"):
        pandoc_path()


def test_the_filter_reads_every_bibliography_listed_in_any_format_with_languages(tmp_path):
    """``bibliography: [a.bib, b.json]`` as pandoc takes it; an English entry without langid is English."""
    import panflute as pf

    from trialbib.manuscript.pandoc import _filter_settings

    (tmp_path / "a.bib").write_text(
        "@article{smith2020, author = {Smith, John and Jones, Ann and Brown, Bo and White, Cy},"
        " title = {A study}, journal = {J Test}, year = {2020}}\n",
        "utf-8",
    )
    (tmp_path / "b.json").write_text('[{"id": "li2021", "type": "book", "title": "书名"}]', "utf-8")
    paths = [pf.MetaString(str(tmp_path / name)) for name in ("a.bib", "b.json")]
    meta = {"bibliography": pf.MetaList(*paths)}
    bib, style = _filter_settings(pf.Doc(metadata=meta))
    assert [item["id"] for item in bib.items] == ["smith2020", "li2021"]
    assert style == "gb7714"
    english = next(item for item in bib.items if item["id"] == "smith2020")
    assert english["language"].startswith("en")
