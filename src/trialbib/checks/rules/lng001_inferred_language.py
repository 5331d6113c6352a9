"""An entry with neither ``langid`` nor ``language``, whose language trialbib infers from its script.

Formatting needs each item's language for its terms (GB/T 7714's "et al." or 等); without one,
trialbib takes it from the script of the title and names (CJK -> zh, kana -> ja, hangul -> ko,
Cyrillic -> ru, Latin -> en). This rule names every entry formatted on such a guess, so that a
repository can write the language down. Enable it with ``extend-select = ["LNG001"]``.

Failing::

    @article{a, author = {He, J.}, title = {Low-dose IL-2}, journal = {Nat Med}, year = {2016}}

Passing::

    @article{a, author = {He, J.}, title = {Low-dose IL-2}, journal = {Nat Med}, year = {2016},
      langid = {english}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "LNG001"
NAME = "inferred-language"
SEVERITY: Severity = "info"
OPTIONS: dict[str, Any] = {}
DEFAULT = False

_LANGIDS = {"en": "english", "zh": "chinese", "ja": "japanese", "ko": "korean", "ru": "russian", "el": "greek"}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    from trialbib.io.language import INFERRED, infer_language, item_text

    if ctx.bib is None:
        return
    for item in ctx.bib.items:
        inferred = (item.get("custom") or {}).get(INFERRED)
        if item.get("language") and not inferred:
            continue
        language = item["language"] if inferred else infer_language(item_text(item))
        if language is None:
            continue
        yield problem(
            f"no langid or language; formatted as {language!r} by the script of its title and names; "
            f"add langid = {{{_LANGIDS.get(language, language)}}} if that is right",
            ctx.at_entry(item["id"]),
        )
