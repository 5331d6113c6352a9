"""Each item's locale: the terms (et al./等, ed./编) of its own language.

Apart from :mod:`.elements` so that the citation collapsing (:mod:`.collapse`), which the
elements call, can switch an item's locale without importing them back.
"""

from __future__ import annotations

from typing import Any


def item_locale(language: str | None) -> str | None:
    """The CSL locale for an item's BCP 47 language tag (``zh`` -> ``zh-CN``), or None."""
    from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

    if not language:
        return None
    parts = str(language).replace("_", "-").split("-")
    primary = parts[0].lower()
    if len(parts) > 1:
        full = f"{primary}-{parts[-1].upper()}"
        if full in LANGUAGE_NAMES:
            return full
    dialect: str | None = PRIMARY_DIALECTS.get(primary)
    return dialect


def locales_for(root: Any, reference: Any) -> list[Any] | None:
    """4. The locale list of an item's language (cached on the style), or None for the style's."""
    locale = item_locale(reference.get("language"))
    cache: dict[str, list[Any] | None] = root.__dict__.setdefault("_tb_locales", {})
    default: list[Any] | None = root.__dict__["_tb_default_locales"]
    if locale is None:
        return default
    if locale not in cache:
        style_locale = default[0].get("{http://www.w3.org/XML/1998/namespace}lang") if default else None
        default_lang = (root.get("default-locale") or style_locale or "en-US").split("-")[0]
        if locale.split("-")[0] == default_lang:
            cache[locale] = default
        else:
            saved = root.locales
            try:
                root.set_locale_list(locale, validate=False)
                cache[locale] = root.locales
            except Exception:  # a locale citeproc-py does not ship: keep the style's
                cache[locale] = default
            finally:
                root.locales = saved
    return cache[locale]
