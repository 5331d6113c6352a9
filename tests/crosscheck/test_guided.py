"""A list rendered from odd data cross-checks clean against that data; real errors beside it are found.

The entries are written like held-out data that misled the first reading of the print: family
names holding full stops, authors separated by commas, pages holding a year, a journal with
full stops, an academic year, a status where APA prints the volume, brackets in a name, a
lower-case given name that styles do not initialise (APA's ``Pérez-Jordán, wG``).
"""

from __future__ import annotations

import pytest

from trialbib.api import render
from trialbib.crosscheck import crosscheck
from trialbib.crosscheck.compare import regroup, same_author
from trialbib.crosscheck.parse import parse_reference
from trialbib.io.bibtex import parse_bibtex
from trialbib.model import Bibliography

ODD = r"""
@article{molins, author = {Molins A, and Stufflebeam S. M., and Brown E. N., and H{\"a}m{\"a}l{\"a}inen M. S.},
  title = {Quantification of the benefit from integrating MEG and EEG data in minimum l2-norm estimation},
  journal = {Neuroimage}, year = 2008, volume = 42, number = 3, pages = {1069--1077}}
@article{bruna, author = {Ricardo Bru{\~{n}}a, Fernando Maest{\'{u}}, Ernesto Pereda},
  title = {Phase locking value revisited: teaching new tricks to an old dog},
  journal = {Journal of Neural Engineering}, year = 2018, volume = 15, number = 5, pages = {056011}}
@article{kock, author = {Kock, Anders}, title = {Bilinearity and {C}artesian closed monads},
  journal = {Math. Scand.}, volume = {29}, year = {1971}, pages = {161--174 (1972)}}
@article{blanc, author = {Blanc, G.}, title = {{\'E}quivalence naturelle et formules logiques},
  journal = {Archiv f{\"u}r Mathematische Logik und Grundlagenforschung}, number = {3-4},
  pages = {131--137}, volume = {19}, year = {1978/79}}
@article{aad, author = {Aad, G. and S. [Abdel Khalek] and Abdelalim, A. A.},
  title = {Observation of a new particle in the search for the Standard Model Higgs boson},
  journal = {Physics Letters B}, year = 2012, volume = 716, number = 1, pages = {1--29}}
@article{perez, author = {{P{\'e}rez-Jord{\'a}n}, wG and {Castro-Almaz{\'a}n}, J. A.},
  title = {Precipitable water vapour forecasting}, journal = {Monthly Notices of the Royal Astronomical Society},
  year = 2018, volume = 477, number = 4, pages = {5477-5485}}
@article{zhang, author = {Zhang, S. and Wang, J.}, title = {Circulating regulatory {T} cells were decreased},
  journal = {Ann Rheum Dis}, date = {2019-10-14}, pubstate = {advance online publication},
  doi = {10.1136/annrheumdis-2019-216021}}
"""
STYLES = ["gb7714-2015", "gb7714-2025", "vancouver", "apa"]


def _printed(style: str) -> tuple[list[str], Bibliography]:
    bib = parse_bibtex(ODD)
    entries = render(bib, style=style)
    by_key = {item["id"]: item for item in bib.items}
    return [e.text for e in entries], Bibliography(items=[by_key[e.key] for e in entries], source="odd")


def _substantive(lines: list[str], bib: Bibliography) -> set[tuple[str, str, str]]:
    report = crosscheck("\n".join(lines), bib)
    assert report.matched == len(lines)
    return {(d.key or "", d.kind, d.field) for d in report.differences if d.substantive}


@pytest.mark.parametrize("style", STYLES)
def test_a_list_rendered_from_odd_data_cross_checks_clean(style: str) -> None:
    lines, bib = _printed(style)
    assert _substantive(lines, bib) == set()


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    ("key", "old", "new", "finding"),
    [
        pytest.param("molins", "Stufflebeam", "Stuffelbeam", ("molins", "wrong-value", "authors"), id="author"),
        pytest.param("molins", "1069", "1096", ("molins", "wrong-value", "pages"), id="pages-beside-odd-names"),
        pytest.param("kock", "29", "92", ("kock", "wrong-value", "volume"), id="volume-beside-odd-pages"),
        pytest.param("bruna", "056011", "056012", ("bruna", "wrong-value", "pages"), id="pages-after-suffix"),
        pytest.param("blanc", "Équivalence", "Equivalences", ("blanc", "wrong-value", "title"), id="title"),
    ],
)
def test_a_real_error_beside_odd_data_is_still_found(
    style: str, key: str, old: str, new: str, finding: tuple[str, str, str]
) -> None:
    lines, bib = _printed(style)
    at = [i["id"] for i in bib.items].index(key)
    if old not in lines[at]:  # GB/T 2015 prints family names in capitals
        old, new = old.upper(), new.upper()
    assert old in lines[at]
    lines[at] = lines[at].replace(old, new, 1)
    assert _substantive(lines, bib) == {finding}


def test_a_suffix_of_several_words_is_the_authors() -> None:
    author = {"family": "Ricardo Bruña", "given": "Ernesto Pereda", "suffix": "Fernando Maestú"}
    assert same_author("Ricardo Bruña EP Fernando Maestú", author)
    assert same_author("RICARDO BRUÑA E P Fernando Maestú", author)
    assert not same_author("Ricardo Bruña FM", author)


def test_printed_names_are_cut_again_at_commas_as_the_data_has_them() -> None:
    people = [{"family": "Brown E. N."}, {"family": "S.", "given": "Hämäläinen M."}]
    assert regroup(["Brown E. N.", "S.", "H. M."], people) == ["Brown E. N.", "S., H. M."]
    assert regroup(["Brown E. N.", "Jones", "H. M."], people) is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        pytest.param("Blanc, G. (1978/79). Title. Archiv, 19(3–4), 131–137.", "1978/79", id="apa"),
        pytest.param("1. Blanc G. Title. Archiv. 1978/79;19(3–4):131–7.", "1978/79", id="vancouver"),
        pytest.param("[1] BLANC G. Title[J]. Archiv, 1978/79, 19(3-4): 131-137.", "1978/79", id="gbt"),
        pytest.param("[1] BLANC G. Title[J]. Archiv, 2024-05-09, 19(3-4): 131-137.", "2024", id="gbt-2025-date"),
    ],
)
def test_an_academic_year_is_read_as_the_year(text: str, year: str) -> None:
    assert parse_reference(text).year == year


def test_brackets_in_an_apa_name_are_part_of_it() -> None:
    entry = parse_reference("Aad, G., Khalek], S. [Abdel, & Abdelalim, A. A. (2012). Title. Phys Lett B, 716(1), 1–29.")
    assert entry.form == "apa"
    assert entry.authors == ("Aad, G.", "Khalek], S. [Abdel", "Abdelalim, A. A.")


def test_a_gbt_line_with_a_type_code_before_a_bracketed_year_is_not_read_as_apa() -> None:
    entry = parse_reference("[1] HE J. Title[J]. Ann Rheum Dis (2019). Online: 209-217.")
    assert entry.form == "gbt"
    assert entry.authors == ("HE J",)
