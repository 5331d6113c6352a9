"""Each repair of citeproc-py, shown on the smallest style that exposes its defect."""

from __future__ import annotations

import pytest

from trialbib.render import csl
from trialbib.render.engine import render_bibliography
from trialbib.render.styles import StyleSource

CSL = "http://purl.org/net/xbiblio/csl"


def style(layout: str, macros: str = "", bibliography: str = "", root: str = "") -> StyleSource:
    xml = (
        f'<style xmlns="{CSL}" version="1.0" class="in-text" {root}><info><title>t</title><id>t</id></info>'
        f"{macros}<citation><layout><text variable='citation-number'/></layout></citation>"
        f"<bibliography {bibliography}><layout>{layout}</layout></bibliography></style>"
    )
    return StyleSource("test", "test.csl", xml.encode())


def item(**fields):  # type: ignore[no-untyped-def]
    data = {"id": "a", "type": "article-journal", "title": "T", "language": "en"}
    data.update(fields)
    return data


def text(source: StyleSource, *items, **kwargs) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.text for e in render_bibliography(list(items), source, **kwargs)]


TYPE_CODE = """
<macro name="type-id"><choose><if type="article-journal"><text value="J"/></if></choose></macro>
<macro name="medium-id"><choose><if variable="DOI URL" match="any"><text value="OL"/></if></choose></macro>
"""


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param({}, "T[J]", id="no-doi-keeps-J"),
        pytest.param({"DOI": "10.1/x"}, "T[J/OL]", id="doi-gives-J/OL"),
    ],
)
def test_group_hidden_only_by_variables_actually_called(fields, expected):
    layout = (
        "<text variable='title'/><group delimiter='/' prefix='[' suffix=']'>"
        "<text macro='type-id'/><text macro='medium-id'/></group>"
    )
    assert text(style(layout, TYPE_CODE), item(**fields)) == [expected]


def test_group_with_empty_variable_is_still_hidden():
    layout = (
        "<text variable='title'/><group prefix=' (' suffix=')'><text value='vol. '/><text variable='volume'/></group>"
    )
    assert text(style(layout), item()) == ["T"]
    assert text(style(layout), item(volume="3")) == ["T (vol. 3)"]


NAMES = "<names variable='author'><name initialize-with='' name-as-sort-order='all' sort-separator=' '/></names>"
AUTHORS = [{"family": "He", "given": "J"}, {"family": "Zhang", "given": "R"}, {"family": "Shao", "given": "M"}]


@pytest.mark.parametrize(
    ("limits", "expected"),
    [
        pytest.param('et-al-min="4" et-al-use-first="3"', "He J, Zhang R, Shao M, et al.", id="gbt-4-3"),
        pytest.param('et-al-min="7" et-al-use-first="6"', "He J, Zhang R, Shao M, et al.", id="vancouver-7-6"),
        pytest.param('et-al-min="4" et-al-use-first="1"', "He J et al.", id="use-first-1"),
        pytest.param("", "He J, Zhang R, Shao M, et al.", id="no-limits"),
    ],
)
def test_truncated_author_list_prints_the_styles_et_al(limits, expected):
    source = style(NAMES, bibliography=limits)
    truncated = item(author=AUTHORS, custom={"author-truncated": True})
    assert text(source, truncated) == [expected]


def test_untruncated_list_has_no_et_al():
    source = style(NAMES.replace("<name ", "<name and='text' "), bibliography='et-al-min="7" et-al-use-first="6"')
    assert text(source, item(author=AUTHORS)) == ["He J, Zhang R, and Shao M"]  # contextual: 3 names


@pytest.mark.parametrize(
    ("name_attrs", "expected"),
    [
        pytest.param("name-as-sort-order='all' initialize-with=''", "张三, 欧阳明", id="gbt"),
        pytest.param("name-as-sort-order='all' initialize-with='. '", "张三, 欧阳明", id="apa-initials"),
        pytest.param("", "张三, 欧阳明", id="given-first"),
        pytest.param("form='short'", "张, 欧阳", id="short-form-family-only"),
    ],
)
def test_cjk_names_family_then_given_without_space(name_attrs, expected):
    source = style(f"<names variable='author'><name {name_attrs}/></names>")
    authors = [{"family": "张", "given": "三"}, {"family": "欧阳", "given": "明"}]
    assert text(source, item(author=authors, language="zh")) == [expected]


def test_terms_follow_the_items_language_unless_forced():
    source = style(NAMES, bibliography='et-al-min="4" et-al-use-first="3"', root='default-locale="zh-CN"')
    en = item(author=AUTHORS, custom={"author-truncated": True})
    zh = dict(en, id="b", language="zh")
    assert text(source, en, zh) == ["He J, Zhang R, Shao M, et al.", "He J, Zhang R, Shao M, 等"]
    assert text(source, en, zh, locale="en-US") == ["He J, Zhang R, Shao M, et al."] * 2


def test_second_field_align_separates_the_number():
    layout = "<text variable='citation-number' prefix='[' suffix=']'/><text variable='title'/>"
    source = style(layout, bibliography='second-field-align="flush"')
    entry = render_bibliography([item()], source, fmt="html")[0]
    assert entry.text == (
        '<div class="csl-left-margin">[1]</div><div class="csl-right-inline"><span class="csl-title">T</span></div>'
    )
    assert render_bibliography([item()], source)[0].text == "[1] T"


def test_localized_date_keeps_its_delimiter():
    locale = (
        "<locale><date form='text' delimiter=' '><date-part name='year'/>"
        "<date-part name='month' form='short' strip-periods='true'/><date-part name='day'/></date></locale>"
    )
    source = style("<date variable='issued' form='text'/>", macros=locale)
    assert text(source, item(issued={"date-parts": [[2019, 9, 19]]})) == ["2019 Sept 19"]  # en-US short month


def test_literal_names_are_not_upper_cased():
    source = style("<names variable='author'><name><name-part name='family' text-case='uppercase'/></name></names>")
    authors = [{"literal": "World Health Organization"}, {"family": "Lee", "given": "M"}]
    assert text(source, item(author=authors)) == ["World Health Organization, M LEE"]


def test_title_case_applies_without_a_language():
    source = style("<text variable='title' text-case='title'/>")
    untagged = item(title="the role of il-2")
    del untagged["language"]
    assert text(source, untagged) == ["The Role of Il-2"]


def test_repairs_are_pinned_to_proven_versions(monkeypatch):
    assert csl.citeproc_version().startswith(csl.PROVEN_VERSIONS)
    assert csl.version_warning() is None
    monkeypatch.setattr(csl, "citeproc_version", lambda: "0.12.0")
    warning = csl.version_warning()
    assert warning is not None
    assert "0.12.0" in warning
    assert "0.11.x" in warning


@pytest.mark.parametrize(
    ("language", "locale"),
    [
        pytest.param("zh", "zh-CN", id="zh"),
        pytest.param("zh-TW", "zh-TW", id="zh-TW"),
        pytest.param("en", "en-US", id="en"),
        pytest.param("en-GB", "en-GB", id="en-GB"),
        pytest.param("english", None, id="not-bcp47"),
        pytest.param(None, None, id="none"),
    ],
)
def test_item_locale(language, locale):
    assert csl.item_locale(language) == locale
