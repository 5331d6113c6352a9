"""Language from script (io/language.py): what formatting uses when the file gives none."""

from __future__ import annotations

import pytest

from trialbib.io.bibtex import parse_bibtex
from trialbib.io.language import INFERRED, infer_language, without_inferred


@pytest.mark.parametrize(
    ("text", "language"),
    [
        pytest.param("低剂量白细胞介素-2 治疗系统性红斑狼疮", "zh", id="chinese"),
        pytest.param("低剂量IL-2治疗 CD4+ T细胞", "zh", id="chinese-with-latin-terms"),
        pytest.param("日本語のテキスト", "ja", id="japanese-kana-and-kanji"),
        pytest.param("한국어 논문", "ko", id="korean"),
        pytest.param("Низкие дозы интерлейкина", "ru", id="russian"),
        pytest.param("Low-dose interleukin-2", "en", id="english"),
        pytest.param("Ökonomie der Müller", "en", id="latin-script"),
        pytest.param("2019 (3): 1-2", None, id="no-letters"),
    ],
)
def test_script_decides(text, language):
    assert infer_language(text) == language


BIB = """@article{en, author = {Wallach, Hanna and others}, title = {Neural networks}, year = 2019}
@article{zh, author = {张三 and 李四 and others}, title = {低剂量白细胞介素-2}, year = 2019}
@article{given, author = {Wallach, Hanna}, title = {Neural networks}, year = 2019, langid = {german}}
"""


def test_only_formatting_reads_get_an_inferred_language():
    assert "language" not in parse_bibtex(BIB).get("en")  # importers and writers see the file as it is
    bib = parse_bibtex(BIB, infer=True)
    assert bib.get("en")["language"] == "en"
    assert bib.get("en")["custom"][INFERRED] is True
    assert bib.get("zh")["language"] == "zh"
    assert bib.get("given")["language"] == "de"
    assert INFERRED not in bib.get("given").get("custom", {})
    assert "language" not in without_inferred(bib.get("en"))


def test_english_entry_without_langid_gets_et_al_in_gbt(tmp_path):
    """Issue 12: entries without langid got 等 in GB/T 7714."""
    from trialbib.api import load_bibliography, render

    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    texts = [entry.text for entry in render(load_bibliography(path), style="gb7714")]
    assert "et al." in texts[0]
    assert "等" not in texts[0]
    assert "等" in texts[1]
    assert "et al" not in texts[1]
