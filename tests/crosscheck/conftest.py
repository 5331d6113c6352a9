"""Fixtures for the cross-check: the data with the known final citation of [1], and clean lists.

The clean lists are written here from the data by two small formatters that follow the printed
conventions by hand (not by trialbib's own code): the article's house form of GB/T 7714
("He J, Zhang R, Shao M, et al. Title[J]. Journal, 2016,22(9):991-993.", online-first items as
"[J/OL]. Journal, 2019(2019-09-19)[2019-10-01]. DOI:..." as styles/article.csl writes them) and
Vancouver/NLM ("Journal. 2019;78(2):209-17.").
"""

from __future__ import annotations

import copy

import pytest

FINAL_1 = "Ann Rheum Dis, 2020, 79(1): 141-149"  # ../shared/data/reference-identifiers.md, ref 1


@pytest.fixture(scope="module")
def xbib(bib):  # type: ignore[no-untyped-def]
    """The shipped bibliography, with the final citation of [1] that PubMed records."""
    data = copy.deepcopy(bib)
    data.items[0].setdefault("custom", {})["finalcitation"] = FINAL_1
    return data


@pytest.fixture(scope="module")
def bib(bib):  # type: ignore[no-untyped-def]
    """The shipped data as it was when the article was printed: [1]'s final citation left out.

    references.bib records it (``finalcitation``), which every list printed before 2020 is
    reported for; the mutation tests want the one difference each mutation makes, so they
    compare against the data without it (``xbib`` is the data with it).
    """
    data = copy.deepcopy(bib)
    custom = data.items[0].get("custom", {})
    assert custom.pop("finalcitation") == FINAL_1
    return data


def _initials(given: str) -> str:
    return "".join(part[0] for part in given.replace(".", " ").replace("-", " ").split())


def _names(item: dict, etal: str = "et al") -> str:  # type: ignore[type-arg]
    names = [f"{a['family']} {_initials(a.get('given', ''))}" for a in item["author"]]
    if item.get("custom", {}).get("author-truncated"):
        names.append(etal)
    return ", ".join(names)


def _date(parts: list[int]) -> str:
    return "-".join([str(parts[0]), *(f"{p:02d}" for p in parts[1:])])


def house_entry(n: int, item: dict) -> str:  # type: ignore[type-arg]
    """One entry in the article's house form of GB/T 7714."""
    year = item["issued"]["date-parts"][0][0]
    if "volume" in item:
        issue = f"({item['issue']})" if item.get("issue") else ""
        source = f"{item['container-title']}, {year},{item['volume']}{issue}:{item['page']}."
        code = "[J]"
    else:
        online = _date(item["issued"]["date-parts"][0])
        accessed = _date(item["accessed"]["date-parts"][0])
        doi = f" DOI:{item['DOI']}." if item.get("DOI") else ""
        source = f"{item['container-title']}, {year}({online})[{accessed}].{doi}"
        code = "[J/OL]"
    return f"[{n}] {_names(item)}. {item['title']}{code}. {source}"


def vancouver_entry(n: int, item: dict) -> str:  # type: ignore[type-arg]
    """One entry in Vancouver/NLM form, last pages shortened as NLM does (209-217 -> 209-17)."""
    parts = item["issued"]["date-parts"][0]
    if "volume" in item:
        first, _, last = item["page"].partition("-")
        while last and len(last) > 1 and len(first) == len(last) and first[0] == last[0]:
            first, last = first[1:], last[1:]
        page = item["page"].partition("-")[0] + ("-" + last if last else "")
        issue = f"({item['issue']})" if item.get("issue") else ""
        source = f"{item['container-title']}. {parts[0]};{item['volume']}{issue}:{page}."
    else:
        month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][parts[1] - 1]
        doi = f" doi:{item['DOI']}." if item.get("DOI") else ""
        source = f"{item['container-title']}. {parts[0]} {month} {parts[2]}.{doi}"
    return f"{n}. {_names(item)}. {item['title']}. {source}"


@pytest.fixture(scope="module")
def house(bib) -> list[str]:  # type: ignore[no-untyped-def]
    return [house_entry(n, item) for n, item in enumerate(bib.items, 1)]


@pytest.fixture(scope="module")
def vancouver(bib) -> list[str]:  # type: ignore[no-untyped-def]
    return [vancouver_entry(n, item) for n, item in enumerate(bib.items, 1)]
