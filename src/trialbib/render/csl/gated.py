"""Wrappers of citeproc-py's non-element classes that act only inside a trialbib session.

Names and strings are not CSL elements, so trialbib cannot give them subclasses through the
style's element lookup. Each wrapper here is installed once and asks the context variable of
:mod:`.state` first: outside a trialbib session it calls citeproc-py's own method unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from trialbib.render.csl.markers import is_marker
from trialbib.render.csl.particles import GLUE, split_suffix
from trialbib.render.csl.particles import parse as parse_particles
from trialbib.render.csl.state import current

_installed: list[bool] = []
SHOW = "_tb_show"  # on a copy of a name: "short" or "full", how disambiguation shows it


class FullGiven(str):
    """A given name printed in full, not initialized (a disambiguated name)."""


_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]")


def is_cjk(text: str | None) -> bool:
    """True when ``text`` is written in Chinese, Japanese or Korean script."""
    return bool(text) and bool(_CJK.search(str(text)))


def install() -> None:
    """Install the session-only wrappers (once per process)."""
    if _installed:
        return
    _installed.append(True)
    from citeproc.source import Name
    from citeproc.string import MixedString, NoCase, String

    _PLAIN.update((String, NoCase))
    _MIXED.append(MixedString)
    Name.parts = _name_parts(Name.parts)
    import citeproc.model
    import citeproc.string
    from citeproc.source.json import CiteProcJSON

    CiteProcJSON.parse_string = _parse_string(CiteProcJSON.parse_string)
    citeproc.string.normalize_seam = citeproc.model.normalize_seam = _normalize_seam(citeproc.string.normalize_seam)
    String.capitalize_first = _string_capitalize_first(String.capitalize_first)
    MixedString.capitalize_first = _mixed_capitalize_first(MixedString.capitalize_first)


def _name_parts(upstream: Any) -> Any:
    def parts(self: Any) -> tuple[Any, ...]:
        """3. cjk-names: ``张三``, family then given name with no space and no initials."""
        state = current()
        if state is None:
            whole: tuple[Any, ...] = upstream(self)
            return whole
        state.literal = "literal" in self
        given, family, dp, ndp, suffix = upstream(self)
        if family and family[:1] == '"' and family[-1:] == '"' and len(family) > 1:
            family = family[1:-1]  # a family name in double quotes is kept as written
        elif family and given and not ndp and not self.get("static-particles") and _parse_names(self):
            # 11. particles typed into the family or given name (citeproc-js's parseParticles),
            # and a suffix typed after a comma in the given name (``John, III``)
            if not suffix:
                given, suffix, _comma = split_suffix(given)
            family, given, dropping, ndp = parse_particles(family, given)
            dp = dp or dropping
            if ndp and ndp[-1] in "-'\u2019\u02bb":  # al-One: no space after the particle
                ndp += GLUE
        # D'Agostino -> D’Agostino, as citeproc-js prints it
        given, family, dp, ndp, suffix = (_curly(part) for part in (given, family, dp, ndp, suffix))
        if is_cjk(family) and (given is None or is_cjk(given)):
            if state.forms and state.forms[-1] == "short":
                return None, family, None, None, None
            return None, family + (given or ""), None, None, suffix
        show = dict.get(self, SHOW)
        if show == "short":  # a name not expanded in a list expanded for disambiguation
            return None, family, None, ndp, None
        if show == "full" and given:
            given = FullGiven(given)
        return given, family, dp, ndp, suffix

    parts.__wrapped__ = upstream  # type: ignore[attr-defined]
    return parts


def _curly(part: Any) -> Any:
    return part.replace("'", "\u2019") if part and "'" in part else part


def _parse_string(upstream: Any) -> Any:
    def parse_string(self: Any, string: Any) -> Any:
        """A rich session reads a field's markup once (:func:`.richtext.protect`)."""
        state = current()
        if state is not None and state.rich and isinstance(string, str):
            from trialbib.render.csl.richtext import protect

            string = protect(string)
        return upstream(self, string)

    parse_string.__wrapped__ = upstream  # type: ignore[attr-defined]
    return parse_string


def _normalize_seam(upstream: Any) -> Any:
    def normalize_seam(left: Any, other: Any) -> Any:
        """A rich session merges two marks that meet by CSL's punctuation rules (``.`` after
        ``?`` dropped, ``?`` then ``,`` kept); citeproc-py drops only a doubled mark."""
        state = current()
        if state is None:
            return upstream(left, other)
        if not state.rich:
            return plain_seam(upstream, left, other)
        from citeproc.string import MixedString

        from trialbib.render.csl.richtext import seam

        start = seam(str(left), str(other))
        if start is None:
            return upstream(left, other)
        cut = len(str(other)) - len(start)
        if isinstance(other, MixedString) and other:
            first = next(iter(other))
            if cut > 0 and len(str(first)) >= cut:
                rest = type(first)(str(first)[cut:])
                return MixedString(([rest] if str(rest) else []) + list(other)[1:])
            if cut < 0:
                return MixedString([type(first)(start[:-cut] + str(first)), *list(other)[1:]])
            return other
        return type(other)(start) if isinstance(other, str) else other

    normalize_seam.__wrapped__ = upstream  # type: ignore[attr-defined]
    return normalize_seam


def plain_seam(upstream: Any, left: Any, other: Any) -> Any:
    """citeproc-py's seam, deciding from the two characters that meet: it made a string of the
    whole entry so far at every seam (quadratic in the entry's pieces)."""
    first = _edge(other, False)
    if not first:
        return other
    last = _edge(left, True)
    if not last or last != first or (first != " " and first not in ".,;:!?"):
        return other
    return upstream(left, other)  # a doubled space or mark: citeproc-py strips it


_PLAIN: set[type] = {str}  # str types whose str() is their value; citeproc-py's added by install()
_MIXED: list[type] = []  # citeproc-py's MixedString, set by install()


def _edge(value: Any, last: bool) -> str:
    """The last (or first) character of ``str(value)``, without joining a MixedString."""
    kind = type(value)
    if kind in _PLAIN:  # none of them overrides slicing
        return value[-1:] if last else value[:1]  # type: ignore[no-any-return]
    if _MIXED and kind is _MIXED[0]:
        for segment in reversed(value) if last else list.__iter__(value):
            if type(segment) in _PLAIN:  # the usual segment, without a call
                if segment:
                    return segment[-1] if last else segment[0]  # type: ignore[no-any-return]
                continue
            char = _edge(segment, last)
            if char:
                return char
        return ""
    text = str(value)
    return text[-1:] if last else text[:1]


def _parse_names(name: Any) -> bool:
    return name.get("parse-names", True) not in (False, 0, "false")


def _string_capitalize_first(upstream: Any) -> Any:
    def capitalize_first(self: Any) -> Any:
        """The first letter after any part marker is capitalized."""
        if current() is None:
            return upstream(self)
        i = 0
        while i < len(self) and is_marker(self[i]):
            i += 1
        return self.__class__(self[:i] + self[i : i + 1].upper() + self[i + 1 :])

    capitalize_first.__wrapped__ = upstream  # type: ignore[attr-defined]
    return capitalize_first


def _mixed_capitalize_first(upstream: Any) -> Any:
    def capitalize_first(self: Any) -> Any:
        if current() is None:
            return upstream(self)
        segments = list(self)
        for i, segment in enumerate(segments):
            if str(segment) and not all(is_marker(c) for c in str(segment)):
                segments[i] = segment.capitalize_first()
                break
        return self.__class__(segments)

    capitalize_first.__wrapped__ = upstream  # type: ignore[attr-defined]
    return capitalize_first
