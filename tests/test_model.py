"""The model's Bibliography: its key index is built once and follows every change of the items."""

from __future__ import annotations

import copy
import pickle

import pytest

from trialbib.errors import InputError, Location
from trialbib.model import Bibliography, Items, Problem


def _bib(*keys: str) -> Bibliography:
    return Bibliography(items=[{"id": k, "title": k.upper()} for k in keys], source="refs.bib")


def test_by_key_is_built_once_until_the_items_change():
    bib = _bib("a", "b")
    assert isinstance(bib.items, Items)
    assert bib.by_key is bib.by_key
    assert list(bib.by_key) == ["a", "b"]


@pytest.mark.parametrize(
    ("change", "keys"),
    [
        pytest.param(lambda items: items.append({"id": "c"}), ["a", "b", "c"], id="append"),
        pytest.param(lambda items: items.extend([{"id": "c"}]), ["a", "b", "c"], id="extend"),
        pytest.param(lambda items: items.insert(0, {"id": "c"}), ["c", "a", "b"], id="insert"),
        pytest.param(lambda items: items.pop(), ["a"], id="pop"),
        pytest.param(lambda items: items.remove(items[0]), ["b"], id="remove"),
        pytest.param(lambda items: items.clear(), [], id="clear"),
        pytest.param(lambda items: items.__setitem__(0, {"id": "z"}), ["z", "b"], id="setitem"),
        pytest.param(lambda items: items.__setitem__(slice(0, 2), [{"id": "y"}]), ["y"], id="slice"),
        pytest.param(lambda items: items.__delitem__(0), ["b"], id="delitem"),
        pytest.param(lambda items: items.__iadd__([{"id": "c"}]), ["a", "b", "c"], id="iadd"),
        pytest.param(lambda items: items.sort(key=lambda i: i["id"], reverse=True), ["b", "a"], id="sort"),
        pytest.param(lambda items: items.reverse(), ["b", "a"], id="reverse"),
    ],
)
def test_by_key_follows_a_change_of_the_items(change, keys):
    bib = _bib("a", "b")
    assert "a" in bib
    change(bib.items)
    assert list(bib.by_key) == keys
    assert [k for k in ("a", "b", "c", "y", "z") if k in bib] == sorted(keys)
    assert all(bib.get(k)["id"] == k for k in keys)  # type: ignore[index]


def test_by_key_follows_new_items():
    bib = _bib("a")
    assert bib.get("a") is not None
    bib.items = [{"id": "b"}]
    assert isinstance(bib.items, Items)
    assert bib.get("a") is None
    assert bib.get("b") == {"id": "b"}


def test_copies_have_their_own_index():
    bib = _bib("a")
    assert "a" in bib
    for other in (copy.deepcopy(bib), pickle.loads(pickle.dumps(bib))):
        other.items.append({"id": "b"})
        assert "b" in other
        assert "b" not in bib
        assert other == Bibliography(items=[{"id": "a", "title": "A"}, {"id": "b"}], source="refs.bib")


def test_raise_first_names_the_first_error_and_counts_the_rest():
    bib = _bib("a")
    bib.problems = [Problem("SYN001", f"bad {n}", Location("refs.bib", n)) for n in (3, 7, 9)]
    with pytest.raises(InputError, match=r"^refs.bib:3: bad 3 \(and 2 more problems\)"):
        bib.raise_first()
    with pytest.raises(InputError, match="holds no entries"):
        Bibliography(source="empty.bib").raise_first()
    _bib("a").raise_first()
