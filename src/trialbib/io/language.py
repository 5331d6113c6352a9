"""An item's language from the script of its title and names, where the file does not say.

Better BibTeX writes no ``langid`` when Zotero's Language field is empty, which is usual; the
formatter then falls back to the style's locale, and GB/T 7714 gives English items ``等``.
The script decides: kana -> ja (Japanese titles also hold kanji), hangul -> ko, other CJK
ideographs -> zh, Cyrillic -> ru, Greek -> el, Latin -> en. Letters are counted, so a Chinese
title with ``IL-2`` in it stays Chinese. Items get ``language`` and a mark
(``custom["language-inferred"]``) so a check can report the guess.
"""

from __future__ import annotations

import re
from functools import lru_cache

from trialbib.model import Item

INFERRED = "language-inferred"
_SCRIPT_RANGES = {
    "kana": "[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]",
    "hangul": "[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]",
    "han": "[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0002fa1f]",
    "cyrillic": "[\u0400-\u052f]",
    "greek": "[\u0370-\u03ff]",
}


@lru_cache(maxsize=1)
def _scripts() -> dict[str, re.Pattern[str]]:
    """Compiled when first needed (~3 ms): reading and writing files never infers a language."""
    return {name: re.compile(ranges) for name, ranges in _SCRIPT_RANGES.items()}


_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_NAME_FIELDS = ("author", "editor")


def script_counts(text: str) -> dict[str, int]:
    """Letters of ``text`` by script: ``latin``, ``kana``, ``hangul``, ``han``, ``cyrillic``, ``greek``."""
    counts = {"latin": len(_LATIN.findall(text))}
    if not text.isascii():
        for name, pattern in _scripts().items():
            found = len(pattern.findall(text))
            if found:
                counts[name] = found
    return {name: n for name, n in counts.items() if n}


def infer_language(text: str) -> str | None:
    """``zh``, ``ja``, ``ko``, ``ru``, ``el`` or ``en`` by script; None when there are no letters
    or the script is none of these."""
    counts = script_counts(text)
    if not counts:
        return None
    if counts.get("kana"):
        return "ja"
    if counts.get("hangul", 0) >= counts.get("han", 0) and counts.get("hangul"):
        return "ko"
    if counts.get("han"):
        return "zh"
    best = max(counts, key=lambda s: counts[s])
    return {"cyrillic": "ru", "greek": "el", "latin": "en"}.get(best)


def item_text(item: Item) -> str:
    parts = [str(item.get("title") or ""), str(item.get("container-title") or "")]
    for field in _NAME_FIELDS:
        for name in item.get(field) or []:
            parts.extend(str(name.get(k, "")) for k in ("family", "given", "literal"))
    return " ".join(parts)


def mark_language(item: Item) -> None:
    """Give ``item`` an inferred ``language`` (and the mark) when it has none."""
    if item.get("language"):
        return
    language = infer_language(item_text(item))
    if language is None:
        return
    item["language"] = language
    item.setdefault("custom", {})[INFERRED] = True


def without_inferred(item: Item) -> Item:
    """``item`` without an inferred language: a guess is for formatting, not for writing out."""
    custom = item.get("custom") or {}
    if not custom.get(INFERRED):
        return item
    copy = {k: v for k, v in item.items() if k != "language"}
    rest = {k: v for k, v in custom.items() if k != INFERRED}
    if rest:
        copy["custom"] = rest
    else:
        copy.pop("custom", None)
    return copy
