"""trialbib's CSL elements: citeproc-py's element classes, repaired by subclassing.

citeproc-py parses a style with an lxml namespace class lookup that maps each CSL tag to a class
of :mod:`citeproc.model`. trialbib parses with its own lookup (:func:`parse_style`) that maps the
same tags to the subclasses below, so the repairs act only on styles trialbib loaded and a plain
citeproc-py render elsewhere in the process is untouched. Each method that copies or wraps
upstream code is named in :data:`trialbib.render.csl.upstream.TARGETS` with a fingerprint of
the upstream source it was written against.

The repairs (docs/formatting.md lists the defect each one repairs):

1. ``group``: a ``cs:group`` is hidden when it calls variables and all of them are empty, decided
   by the variables it actually tried to render (citeproc-py decided statically, so GB/T's
   ``[J]`` vanished without a URL or DOI). A group with no variable at all is shown (CSL 1.0.2).
2. ``et-al``: a truncated author list (``custom`` ``author-truncated``) prints the style's et al.
3. ``cjk-names``: ``张三``, not ``张 三`` or ``张, . 三 .`` (in :mod:`.gated`).
4. ``item-locale``: terms from the item's language; dates and range delimiters stay the style's.
5. ``second-field-align``: the number is its own field.
6. ``locale-date-delimiter``: NLM ``2019 Sep 19``, not ``2019Sep19``.
7. ``literal-names``: ``cs:name-part`` casing is not applied to organisation names.
8. ``title-case``: ``text-case="title"`` where no language is given (APA's ``(Ed.)``).
9. ``part-classes``: HTML classes per part of an entry, from private-use markers.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import replace
from functools import cache
from typing import Any

from citeproc import model
from citeproc.string import String, join
from lxml import etree

from trialbib.render.csl.disambiguate import Outcome, person_key
from trialbib.render.csl.disambiguate import conditions as disambiguate_conditions
from trialbib.render.csl.fastpaths import FastPaths
from trialbib.render.csl.gated import SHOW, FullGiven
from trialbib.render.csl.initials import initialize_with
from trialbib.render.csl.layouts import layout_for
from trialbib.render.csl.locales import locales_for
from trialbib.render.csl.markers import PART_CLOSE, PART_OPEN
from trialbib.render.csl.pages import page_ranges
from trialbib.render.csl.particles import unglue
from trialbib.render.csl.quotes import flip, marks, typographic
from trialbib.render.csl.state import current
from trialbib.render.styles import CSL_NS

_FORM_FALLBACK = {"verb-short": "verb", "verb": None, "symbol": "short", "short": None}
_STYLE_TERMS = ("month-", "season-", "page-range-delimiter", "citation-range-delimiter")


class Element(FastPaths):  # citeproc-py's element, through the fast paths (.fastpaths)
    """Behaviour every trialbib element shares: memoised queries and the item's locale."""

    def xpath_search(self, expression: str) -> Any:
        memo = self.__dict__.get("_tb_xpath")
        if memo is None:
            return super().xpath_search(expression)
        found = memo.get(expression)
        if found is None:
            found = memo[expression] = super().xpath_search(expression)
        return found

    def get_root(self) -> Any:
        root = self.__dict__.get("_tb_root")
        return root if root is not None else self.getroottree().getroot()

    def _style_locales(self) -> tuple[Any, Any]:
        root = self.get_root()
        default = root.__dict__.get("_tb_default_locales") if isinstance(root, model.Style) else None
        return root, (default if default is not None and root.locales is not default else None)

    def get_term(self, name: str, *args: Any, **kwargs: Any) -> Any:
        # dates, month names and range delimiters stay the style's when an item has its own locale
        if name.startswith(_STYLE_TERMS):
            root, default = self._style_locales()
            if default is not None:
                saved, root.locales = root.locales, default
                try:
                    return super().get_term(name, *args, **kwargs)
                finally:
                    root.locales = saved
        term = super().get_term(name, *args, **kwargs)
        form = args[0] if args else kwargs.get("form")
        if term is None and form in _FORM_FALLBACK and current() is not None:
            # CSL 1.0.2: an undefined form falls back (verb-short -> verb -> long, symbol -> short)
            fallback = _FORM_FALLBACK[form]
            return self.get_term(name, fallback, *args[1:], **{k: v for k, v in kwargs.items() if k != "form"})
        return term

    def get_date(self, form: str) -> Any:
        root, default = self._style_locales()
        if default is None:
            return super().get_date(form)
        saved, root.locales = root.locales, default
        try:
            return super().get_date(form)
        finally:
            root.locales = saved

    def case(self, text: Any, language: str | None = None) -> Any:
        text_case = self.get("text-case")
        if text_case is None:  # most elements: nothing to do (upstream returns the text too)
            return text
        # 8. text-case="title" when no language is given (labels): the style's language decides
        if language is None:
            root = self.get_root()
            language = (root.get("default-locale") or "en-US")[:2] if isinstance(root, model.Style) else "en"
        if text_case == "title" and language == "en" and current() is not None:
            from trialbib.render.csl.textcase import title_case

            return title_case(text)
        if text_case in ("lowercase", "uppercase") and current() is not None:
            from trialbib.render.csl.textcase import change_case

            return change_case(text, text_case == "uppercase", language)
        return super().case(text, language)

    def _process(self, value: Any, variable: str) -> Any:
        # 13. page-range-format as citeproc-js applies it (prefixes, short last pages, chicago-16)
        if current() is not None and value is not None and "\\-" in str(value):
            return String(str(value).replace("\\-", "-"))  # an escaped hyphen is not a range
        if current() is not None and variable == "page" and value is not None:
            dash = str(self.get_single_term("page-range-delimiter") or "\u2013")
            text = page_ranges(str(value), self.get_root().get_option("page-range-format"), dash)
            if text is not None:
                return text
            if ":" in str(value) or "/" in str(value):  # 24:1-24:19, a DOI typed as pages: as written (citeproc-js)
                return String(str(value))
        return super()._process(value, variable)

    def wrap(self, string: Any) -> Any:
        if string is None:
            return super().wrap(string)
        state = current()
        if state is not None and state.rich:
            plain = self.__dict__.get("_tb_plain")
            if plain is None:
                plain = self.__dict__["_tb_plain"] = _has_plain_decorations(self)
            if plain:  # inside the affixes, as citeproc-js
                string = _plain_decorations(self, string)
        result = super().wrap(string)
        if result and state is not None:
            if not isinstance(self, model.Group | model.Layout):
                state.term_predecessor = True
            if state.rich and "display" in self.attrib:
                result = _displayed(self, result, state)
        return result

    def calls_variable(self) -> Any:
        state = self.__dict__
        if "_tb_calls" in state:
            return state["_tb_calls"]
        value = super().calls_variable()
        if "_tb_xpath" in state:
            state["_tb_calls"] = value
        return value


def _strip(text: Any, side: str, chars: str | None = None) -> Any:
    """``text`` without white space (or ``chars``) on one side (a MixedString's outer segment)."""
    from citeproc.string import MixedString

    if isinstance(text, MixedString) and len(text):
        segments = list(text)
        at = -1 if side == "right" else 0
        segments[at] = _strip(segments[at], side, chars)
        return MixedString(segments)
    if isinstance(text, str):
        return text.__class__(text.rstrip(chars) if side == "right" else text.lstrip(chars))
    return text


class _Branch:
    """cs:if, cs:else-if and cs:else: in a cs:choose inside cs:substitute, a branch's children
    are substitutes too, and the first that prints wins (citeproc-js), not all of them."""

    def render_children(self, item: Any, delimiter: str = "", **kwargs: Any) -> Any:
        inside = self.__dict__.get("_tb_in_substitute")
        if inside is None:
            choose = self.getparent()  # type: ignore[attr-defined]
            inside = isinstance(choose, model.Choose) and isinstance(choose.getparent(), model.Substitute)
            self.__dict__["_tb_in_substitute"] = inside
        if not inside or current() is None:
            return super().render_children(item, delimiter=delimiter, **kwargs)  # type: ignore[misc]
        for child in self.iterchildren():  # type: ignore[attr-defined]
            try:
                if isinstance(child, model.Choose):
                    text = child.render(item, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, **kwargs)
            except model.VariableError:
                continue
            if text:
                return text
        return None


def _has_plain_decorations(element: Any) -> bool:
    attrib = element.attrib
    return "normal" in (attrib.get(name) for name, _ in _UNDONE) or attrib.get("vertical-align") == "baseline"


_UNDONE = (("font-style", "i"), ("font-weight", "b"), ("font-variant", "sc"))


def _plain_decorations(element: Any, text: Any) -> Any:
    """A rich session's ``normal`` decorations, which citeproc-py drops: upright inside italics
    (``<span style="font-style:normal;">``) and likewise bold and small caps, as markers the
    finished HTML writes only where that decoration is in force; ``vertical-align="baseline"``
    as citeproc-js's span."""
    from trialbib.render.csl.richtext import UNDO_CLOSE, UNDO_OPEN

    for attribute, tag in _UNDONE:
        if element.get(attribute) == "normal":
            text = String(UNDO_OPEN[tag]) + text + String(UNDO_CLOSE[tag])
    if element.get("vertical-align") == "baseline":
        text = String('<span style="baseline">') + text + String("</span>")
    return text


_DISPLAYS = frozenset(["block", "left-margin", "right-inline", "indent"])


def _displayed(element: Any, text: Any, state: Any) -> Any:
    """``display`` in an entry of the list: the element's text, affixes included, in a
    ``<div class="csl-...">`` (citeproc-js's HTML)."""
    display = element.get("display")
    if state.mode != "bibliography" or display not in _DISPLAYS or not _is_html(element):
        return text
    parent = element.getparent()
    if isinstance(parent, model.Layout) and parent.getparent().get("second-field-align") is not None:
        return text  # second-field-align makes the entry's two divs itself
    return String(f'<div class="csl-{display}">') + text + String("</div>")


def _date_part(date: Any, name: str) -> Any:
    """A part of a date for comparison; a season counts as the month."""
    value = date.get(name)
    if name == "month" and value is None:
        value = date.get("season")
    return value


def _mark(called: bool, rendered: bool) -> None:
    state = current()
    if state is not None and state.frames:
        frame = state.frames[-1]
        frame[0] = frame[0] or called
        frame[1] = frame[1] or rendered


def _tracked(element: Any, result: Any) -> Any:
    """Record that a group's child called a variable, and whether it printed anything."""
    text = result[0] if isinstance(result, tuple) else result
    _mark(True, text is not None and str(text) != "")
    return result


class Style(Element, model.Style):
    def set_locale_list(self, output_locale: str, validate: bool = True) -> Any:
        """citeproc-py's locale list, with the locale files parsed by trialbib's lookup."""
        result = super().set_locale_list(output_locale, validate=validate)
        mine = []
        for locale in self.locales:
            if not isinstance(locale, Element):
                lang = locale.get("{http://www.w3.org/XML/1998/namespace}lang")
                locale = _locale_root(lang) if lang else locale
            locale.style = self
            mine.append(locale)
        self.locales: list[Any] = mine
        return result


class Locale(Element, model.Locale):
    pass


_NUMBER_VARIABLES = frozenset(
    ["volume", "issue", "number", "collection-number", "chapter-number", "number-of-volumes", "edition"]
)
_VERBATIM = frozenset(["URL", "DOI", "PMID", "PMCID", "ISBN", "ISSN", "citation-number", "locator"])
_HYPHEN_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")


class Text(Element, model.Text):
    def _variable(self, item: Any, context: Any) -> Any:
        if current() is not None and self.get("variable") == "first-reference-note-number":
            note = cite_position(self, item).first_note if current_mode() == "citation" else 0
            if not note:
                raise model.VariableError
            return String(str(note))
        text = super()._variable(item, context)
        state = current()
        if state is None or text is None:
            return text
        variable = self.get("variable")
        if state.substituted is not None and str(text):
            state.substituted.add(variable)  # printed by a cs:substitute: repressed after it
        if variable == "locator":
            return _locator(self, str(item.locator.identifier), item.locator.label)
        if variable == "citation-label":
            return _with_suffix(text, item)
        if variable in _NUMBER_VARIABLES:
            match = _HYPHEN_RANGE.match(str(text))
            if match:  # a numeric range with the style's range delimiter (en dash), as citeproc-js
                dash = str(self.get_single_term("page-range-delimiter") or "\u2013")
                return String(f"{match.group(1)}{dash}{match.group(2)}")
        elif variable not in _VERBATIM and ("'" in str(text) or '"' in str(text)):
            from trialbib.render.csl.textcase import smart_apostrophes

            if self.get("quotes", "false").lower() == "true":
                return smart_apostrophes(text)  # quote() gives the marks their depth under its own
            return smart_apostrophes(_flipped(text, marks(self)))  # 15. marks by depth
        return text

    def quote(self, string: Any) -> Any:
        # 15. a quoted node: the quotation marks inside it go one level deeper (flip-flop)
        if current() is not None and string and self.get("quotes", "false").lower() == "true":
            flipped = flip(str(string), 1, *marks(self))
            if flipped is not None:
                string = String(flipped)
        return super().quote(string)

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        state = current()
        if state is not None and self.get("term") is not None and not state.term_predecessor:
            # 14. a term printed first in a cite or entry is capitalised (citeproc-js: Ibid.),
            # except in the citations of an in-text style
            text, language = super().process(item, context=context, **kwargs)
            in_text = self.get_root().get("class") == "in-text" and state.mode == "citation"
            if text and not in_text and state.mode in ("citation", "bibliography"):
                text = _capitalized(text)
            return text, language
        if state is not None and _prints_constants(self):
            return self._macro(item, context, state, **kwargs)
        if state is not None and state.rich and "value" in self.attrib:  # quotation marks as a field's
            text, language = super().process(item, context=context, **kwargs)
            return String(typographic(str(text), self)), language
        variable = self.get("variable")
        if state is None or not state.frames or variable is None or variable in self.generated_variables:
            # year-suffix is generated, not called (citeproc-py and citeproc-js agree)
            return super().process(item, context=context, **kwargs)
        _mark(True, False)
        return _tracked(self, super().process(item, context=context, **kwargs))

    def _macro(self, item: Any, context: Any, state: Any, **kwargs: Any) -> Any:
        """A macro is a group (citeproc-js wraps each expanded macro in one): when it called
        variables and none printed, its terms are not printed either (``in`` with no container)."""
        frame = [False, False]
        state.frames.append(frame)
        try:
            text, language = super().process(item, context=context, **kwargs)
        finally:
            state.frames.pop()
        if frame[0] and not frame[1]:
            text = None
        _mark(frame[0], text is not None and str(text) != "")  # a shown group counts as printed
        return text, language

    def markup(self, text: Any, language: Any) -> Any:
        if not text:
            return None
        formatted = self.format(self.case(self.strip_periods(text), language))
        return self.wrap(self.quote(_part(self, self.get("variable"), formatted)))


def _with_suffix(label: Any, item: Any) -> Any:
    """A citation label takes the item's year suffix, not the year (citeproc-js: ``RoNo78a``)."""
    state = current()
    outcome = state.disambig.get(item.key) if state is not None and not state.explicit_suffix else None
    if state is None or outcome is None or not outcome.suffix or state.suffix_shown:
        return label
    state.suffix_shown = True
    return String(str(label) + outcome.suffix)


_NUMERIC_RANGE = re.compile(r"(?<![\w-])(\d+)\s*[-\u2013]\s*(\d+)(?![\w-])")
_AMPERSAND = re.compile(r"\s*&\s*")


def _locator(element: Any, value: str, label: str | None = None) -> Any:
    """A cite's locator as citeproc-js prints it: trimmed, a numeric range with an en dash and no
    spaces (``100 - 103`` -> ``100–103``, ``Smith-Jones`` as typed), page ranges in the style's
    ``page-range-format``, ``&`` as the locale's and symbol, an escaped hyphen (``3\\-8``) as a
    hyphen."""
    value = value.strip()
    if "\\-" in value:
        return String(value.replace("\\-", "-"))
    range_format = element.get_root().get_option("page-range-format")
    if label == "page" and range_format and "&" not in value:
        dash = str(element.get_single_term("page-range-delimiter") or "\u2013")
        formatted = page_ranges(value, range_format, dash)
        if formatted is not None:
            return String(formatted)
    value = _NUMERIC_RANGE.sub(lambda m: f"{m.group(1)}\u2013{m.group(2)}", value)
    if "&" in value:
        symbol = str(element.get_single_term("and", "symbol") or "&")
        value = _AMPERSAND.sub(f" {symbol} ", value)
    return String(value)


def _prints_constants(text: Any) -> bool:
    """Whether ``text`` calls a macro that can print a term or a value (only then can hiding it
    as a group change anything; memoised, the style tree does not change)."""
    memo = text.__dict__.get("_tb_constants")
    if memo is None:
        name = text.get("macro")
        memo = text.__dict__["_tb_constants"] = bool(name) and _macro_constants(text.get_macro(name), set())
    return bool(memo)


def _macro_constants(macro: Any, seen: set[str]) -> bool:
    for node in macro.iter(f"{{{CSL_NS}}}text", f"{{{CSL_NS}}}label"):
        if node.get("term") is not None or node.get("value") is not None or node.tag.endswith("label"):
            return True
        name = node.get("macro")
        if name and name not in seen:
            seen.add(name)
            if _macro_constants(node.get_macro(name), seen):
                return True
    return False


def _flipped(text: Any, marks: tuple[tuple[str, str], tuple[str, str]]) -> Any:
    """The quotation marks of each part of a field by their depth (15)."""
    from citeproc.string import MixedString

    if isinstance(text, MixedString):
        return MixedString([_flipped(part, marks) for part in text])
    if isinstance(text, str):
        flipped = flip(text, 0, *marks)
        return text if flipped is None else text.__class__(flipped)
    return text


def _capitalized(text: Any) -> Any:
    """The first letter upper case, still a citeproc-py string (a later ``text-case`` on the
    same node calls its methods: APA's ``original-work-published`` term, first in an entry)."""
    if isinstance(text, str):
        capital = text[:1].upper() + text[1:]
        return text.__class__(capital) if isinstance(text, String) else String(capital)
    try:
        return text.capitalize_first()
    except AttributeError:
        return text


def _part(element: Any, variable: str | None, formatted: Any) -> Any:
    """9. A part of the entry between markers, read back as an HTML class."""
    state = current()
    if variable in PART_OPEN and state is not None and state.parts and not state.sorting and _is_html(element):
        return String(PART_OPEN[variable]) + formatted + String(PART_CLOSE)
    return formatted


def _is_html(element: Any) -> bool:
    return str(getattr(element.get_formatter(), "__name__", "")).endswith("html")


def _gender(element: Any, term_name: str | None) -> str | None:
    """The grammatical gender of a term (``edition`` is feminine in French), if it has one."""
    if not term_name:
        return None
    try:
        term = element.get_term(term_name)
    except (IndexError, AttributeError):
        return None
    return term.get("gender") if term is not None else None


def _gendered_term(locale: Any, name: str, padded: bool, gender: str | None) -> Any:
    """The locale's term ``name``, in the ``gender-form`` asked for when it has one (CSL 1.0.2
    gender-specific ordinals); IndexError when the locale has no such term."""
    term = locale.get_term(name, None, zero_padded=padded)
    if gender is None:
        return term
    limits = " and not(@match='whole-number') and not(@match='last-two-digits')" if padded else ""
    found = locale.terms.xpath_search(f"./cs:term[@name='{name}' and not(@form){limits}]")
    for wanted in (gender, None):  # a term of another gender does not count
        for candidate in found:
            if candidate.get("gender-form") == wanted:
                return candidate
    raise IndexError(name)


def _ordinal(number: int, element: Any, gender: str | None = None) -> str:
    """An ordinal from the item's locale; an empty term is a term (zh-CN: ``2``, not ``2nd``);
    of the ``gender`` of the term it counts, where the locale has one.

    Locales of the first locale's language are searched first, by primary language subtag
    (citeproc-py compared whole tags, so the style's ``zh`` locale hid the ``zh-CN`` file)."""
    lang_key = "{http://www.w3.org/XML/1998/namespace}lang"
    locales = list(element.get_root().locales)
    main = (locales[0].get(lang_key) or "").split("-")[0] if locales else ""
    same = [loc for loc in locales if (loc.get(lang_key) or main).split("-")[0] == main]
    exact = f"ordinal-{number:02}" if number < 10 else f"ordinal-{number}"
    candidates = ((exact, False), (f"ordinal-{number % 10:02}", True), ("ordinal", False))
    for group in (same, locales):
        for name, padded in candidates:
            for locale in group:
                try:
                    term = _gendered_term(locale, name, padded, gender)
                except IndexError:
                    continue
                return f"{number}{term.single}"
    return str(number)


class Number(Element, model.Number):
    def format_number(self, number: Any) -> Any:
        form = self.get("form", "numeric")
        if current() is None or form not in ("ordinal", "long-ordinal"):
            return super().format_number(number)
        try:
            value = int(number)
        except ValueError:
            return number
        if form == "long-ordinal" and value <= 10:
            return super().format_number(number)
        return _ordinal(value, self, _gender(self, self.get("variable")))

    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        state = current()
        if state is None or not state.frames:
            return super().process(item, context=context, **kwargs)
        _mark(True, False)
        return _tracked(self, super().process(item, context=context, **kwargs))


class Date(Element, model.Date):
    def process(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        state = current()
        if state is not None and not self.is_locale_date():
            state.date_variable = args[0] if args and args[0] else (self.get("variable") or "")
            if state.sorting:  # 19. a date in a sort macro sorts by its value, not its words
                if state.frames:
                    _mark(True, False)
                    return _tracked(self, self._sort_key(item, state.date_variable))
                return self._sort_key(item, state.date_variable)
        if state is None:
            return super().process(item, *args, **kwargs)
        variable = self.get("variable")
        if variable and _date_substituted(self, variable, kwargs.get("context"), state):
            if state.frames:
                _mark(True, False)
            return None
        if not state.frames:
            result = super().process(item, *args, **kwargs)
        else:
            _mark(True, False)
            result = _tracked(self, super().process(item, *args, **kwargs))
        if state.substituted is not None and variable and result is not None:
            text = result[0] if isinstance(result, tuple) else result
            if text is not None and str(text):
                state.substituted.add(f"date:{variable}")  # printed by a substitute
        return result

    def _sort_key(self, item: Any, variable: str) -> Any:
        """The date's sort key with the parts this date prints (CSL 1.0.2 "Sorting": a date
        rendered by a macro sorts as year, month, day; BC years before AD ones)."""
        from citeproc.source import DateRange, LiteralDate

        value = item.reference.get(variable.replace("-", "_")) if variable else None
        if not value:
            return None
        if isinstance(value, LiteralDate):
            return String(str(value.text))
        if self.get("form") is not None:
            shown = (self.get("date-parts") or "year-month-day").split("-")
        else:
            shown = [part.get("name") for part in self.iterchildren() if part.get("name")]
        dates = [value.begin, value.get("end")] if isinstance(value, DateRange) else [value]
        keys = []
        for date in dates:
            if date is None:
                continue
            try:
                year = int(date.get("year", 0)) if "year" in shown else 0
                month = int(date.get("month", 0)) if "month" in shown else 0
                day = int(date.get("day", 0)) if "day" in shown else 0
            except (TypeError, ValueError):
                return String(str(date.get("year", "")))
            keys.append(f"{year + 50000:06}{month:02}{day:02}")
        return String("".join(keys)) if keys else None

    def render_date_range(self, date_range: Any, show_parts: Any = None, context: Any = None) -> Any:
        """11. A date range as CSL 1.0.2 prints it: the parts both dates share once, the others
        of each date around the ``range-delimiter`` of the largest part that differs
        (``2–4 January 1999``, ``January 1999–March 2000``, ``Spring–Summer 1999``); a range
        whose shown parts are equal prints one date (citeproc-py printed none)."""
        if current() is None:
            return super().render_date_range(date_range, show_parts, context)
        if context is not None and not callable(getattr(context, "join", None)):
            context = self  # a date in a macro called by cs:text: citeproc-py joined with the text's (no) join
        context = self if context is None else context
        shown = list(show_parts) if show_parts is not None else ["year", "month", "day"]
        begin, end = date_range.begin, date_range.get("end")
        order = [part.get("name") for part in self.iterchildren() if part.get("name") in shown]
        if end is not None and end.is_nil():  # an open range: 1987–
            text = self.render_single_date(begin, shown, context)
            return None if text is None else _strip(text, "right") + self._range_delimiter("year", context)
        differs = [n for n in ("year", "month", "day") if n in order and _date_part(begin, n) != _date_part(end, n)]
        level = differs[0] if differs and end is not None else None
        if level is None:
            return self.render_single_date(begin, shown, context)
        ranged = [n for n in order if n in {"year": order, "month": ("month", "day"), "day": ("day",)}[level]]
        first, last = order.index(ranged[0]), order.index(ranged[-1])
        delimiter = self._parts_delimiter(context)
        begun = self.parts(begin, order[first : last + 1], context)
        ended = self.parts(end, order[first : last + 1], context)
        if not begun or not ended:
            return self.render_single_date(begin, shown, context)
        dash = self._range_delimiter(level, context)
        ended_text = _strip(join(ended, delimiter), "left", " -/." if first else None)  # 2019-10–11
        middle = _strip(join(begun, delimiter), "right") + dash + ended_text
        pieces = [*self.parts(begin, order[:first], context), middle, *self.parts(begin, order[last + 1 :], context)]
        return join(pieces, delimiter)

    def _parts_delimiter(self, context: Any) -> str:
        if self.is_locale_date() and context is not self and "delimiter" in context.attrib:
            return str(context.get("delimiter"))
        return str(self.get("delimiter", ""))

    def _range_delimiter(self, level: str, context: Any) -> str:
        for owner in (context, self):
            for part in owner.iterchildren():
                if part.get("name") == level and part.get("range-delimiter") is not None:
                    return str(part.get("range-delimiter"))
        return "\u2013"

    def render_single_date(self, date: Any, show_parts: Any = None, context: Any = None) -> Any:
        # 6. the delimiter of a localized date
        if context is None or context is self or not self.is_locale_date() or "delimiter" in context.attrib:
            return super().render_single_date(date, show_parts, context)
        parts = self.parts(date, show_parts, context)
        return join(parts, self.get("delimiter", "")) if parts else None


class Names(Element, model.Names):
    def process(self, item: Any, *args: Any, **kwargs: Any) -> Any:
        state = current()
        if state is None:
            return super().process(item, *args, **kwargs)
        if kwargs.get("names_context") is not None and self.find(f"{{{CSL_NS}}}name") is not None:
            kwargs["names_context"] = self  # its own cs:name wins over the inherited one
        variables = self.get("variable", "")
        remaining = _not_substituted(self, variables.split(), kwargs.get("context"), state)
        if not remaining:
            if state.frames:
                _mark(True, False)
            return None
        if len(remaining) < len(variables.split()):
            self.set("variable", " ".join(remaining))  # the style tree is this session's (locked)
            try:
                return self.process(item, *args, **kwargs)
            finally:
                self.set("variable", variables)
        first = state.mode in ("citation", "bibliography") and not state.names_seen
        if first:
            state.names_seen = True
            if (
                state.suppress_names and state.mode == "citation"
            ):  # a later cite of an author group: the names are not repeated
                if state.frames:
                    _mark(True, False)
                return None
        if first:
            state.shown_people = []
        try:
            if state.frames:
                _mark(True, False)
                result = _tracked(self, super().process(item, *args, **kwargs))
            else:
                result = super().process(item, *args, **kwargs)
        finally:
            if first:
                state.first_people, state.shown_people = tuple(state.shown_people or ()), None
        if first:
            state.first_names = str(result) if result is not None else ""
        if state.substituted is not None and result is not None and str(result):
            state.substituted.update(f"names:{v}" for v in remaining)  # printed by a substitute
        return result

    def markup(self, text: Any) -> Any:
        if not text:
            return None
        return self.wrap(_part(self, (self.get("variable") or "").split(" ")[0], self.format(text)))


class Name(Element, model.Name):
    def initialize(self, given: Any, mark: Any, context: Any) -> Any:
        if current() is None:
            return super().initialize(given, mark, context)
        if isinstance(given, FullGiven):  # expanded to tell two people apart
            return str(given)
        if "-" in str(given) and not _initialize_false(self, context):
            return self._initialize_hyphenated(str(given), mark, context)
        # 12. initials as citeproc-js makes them (Ph. kept, ME -> M., M.E -> M. E. normalised)
        hyphen = self.get_option("initialize-with-hyphen", context)
        return initialize_with(str(given), str(mark), _initialize_false(self, context), hyphen)

    def _initialize_hyphenated(self, given: str, mark: Any, context: Any) -> Any:
        # 10. a lower-case part after a hyphen is initialized like the rest, as in citeproc-js
        # (Ken-ichi -> K.-i., or KI without initialize-with-hyphen); citeproc-py took it for a particle
        head, *rest = given.split("-")
        if not self.get_option("initialize-with-hyphen", context):  # initials run together: KI
            joined = " ".join([head, *(p.strip()[:1].upper() + p.strip()[1:] for p in rest if p.strip())])
            return super().initialize(joined, mark, context)
        parts = [super().initialize(head, mark, context)]
        for part in rest:
            stripped = part.lstrip()
            if not stripped:
                continue
            initial = super().initialize(stripped[0].upper() + stripped[1:], mark, context)
            parts.append(stripped[0] + initial[1:] if stripped[0].islower() else initial)
        return "-".join(parts)

    def process(self, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kw: Any) -> Any:
        from citeproc.source import Name as SourceName

        from trialbib.render.csl.markers import TRUNCATED

        state = current()
        if state is None:
            return super().process(item, variable, context=context, sort_options=sort_options, **kw)
        form = self.get_option("form", context, sort_options)
        state.forms.append(form)
        try:
            reference = item.reference
            names = reference.get(variable) or []
            truncated = variable == "author" and reference.get(TRUNCATED) and names and form != "count"
            outcome = state.disambig.get(item.key) if sort_options is None else None
            options = None
            if outcome is not None and state.mode == "citation":
                use_first = self.get_option("et-al-use-first", context, None)
                options = _disambiguated(replace(outcome, names=max(outcome.names, use_first)), len(names))
            elif (
                outcome is not None
                and outcome.names
                and state.mode == "bibliography"
                and _first_list(variable, reference)
            ):
                # added names show in the list too (citeproc-js), never fewer than the style's
                use_first = self.get_option("et-al-use-first", context, None)
                options = {**(options or {}), **_disambiguated(Outcome(max(outcome.names, use_first)), len(names))}
            expanded = None
            if state.mode == "citation" and sort_options is None and names:
                expanded = _expanded(self, context, names, outcome, state)
                if expanded is not None:
                    options = {**(options or {}), "form": "long"}
            elif state.mode == "bibliography" and outcome is not None and outcome.levels and names:
                expanded = _full_in_list(names, outcome, variable, reference)
            if truncated and sort_options is None:
                # 2. the real list is at least one name longer than the names we have
                et_al_min = self.get_option("et-al-min", context, options)
                use_first = self.get_option("et-al-use-first", context, options)
                shown = len(names)
                if et_al_min and len(names) + 1 >= et_al_min:
                    shown = max(1, min(shown, use_first))
                options = {**(options or {}), "et-al-min": shown + 1, "et-al-use-first": shown}
                options["et-al-use-last"] = "false"
                reference[variable] = [*(expanded or names), SourceName(family="?")]
                try:
                    return unglue(self._render(item, variable, context, options))
                finally:
                    reference[variable] = names
            if expanded is not None:
                reference[variable] = expanded
            try:
                return unglue(self._render(item, variable, context, options or sort_options))
            finally:
                reference[variable] = names
        finally:
            state.forms.pop()

    def markup(self, text: Any) -> Any:
        # form="count": the number stays a number, so cs:names adds the counts of its variables
        if isinstance(text, int) and current() is not None:
            return text
        return super().markup(text)

    def _render(self, item: Any, variable: str, context: Any, options: Any) -> Any:
        """17. The name list as CSL 1.0.2 and citeproc-js render it (:mod:`.names`)."""
        from trialbib.render.csl import names

        state = current()
        sorting = state is not None and state.sorting
        as_written = state is not None and state.literal_as_written
        formatter = names.NameFormatter(self, context, options, sorting, as_written)
        return names.render_list(self, item, variable, context, options, formatter)


def _expanded(name: Any, context: Any, names: list[Any], outcome: Any, state: Any) -> list[Any] | None:
    """The names of a cite with given names expanded one by one for disambiguation (CSL 1.0.2
    "disambiguate-add-givenname"), each marked with how it shows; None when none is expanded."""
    import copy

    levels = []
    for index, person in enumerate(names):
        level = outcome.level(index) if outcome is not None else 0
        if state.name_levels and (index == 0 or not state.primary_levels):
            level = max(level, state.name_levels.get(person_key(person), 0))
        levels.append(level)
    if not any(levels) or name.get_option("form", context, None) == "count":
        return None
    short = name.get_option("form", context, None) == "short"
    initials = name.get_option("initialize-with", context, None) is not None
    out = []
    for person, level in zip(names, levels, strict=True):
        show = "short" if short and not level else ("full" if level >= 2 else "")
        if level == 1 and not short and initials:
            show = ""  # initials already
        marked = copy.copy(person)
        if show:
            dict.__setitem__(marked, SHOW, show)
        out.append(marked)
    return out


def _first_list(variable: str, reference: Any) -> bool:
    """True for the name list disambiguation decided (the author, else the editor): a cite's
    outcome says nothing about an entry's other lists (container editors, translators)."""
    return variable == ("author" if reference.get("author") else "editor")


def _full_in_list(names: list[Any], outcome: Any, variable: str, reference: Any) -> list[Any] | None:
    """The names of an entry whose cite needed full given names (``by-cite``): the list shows
    them full too, as citeproc-js carries a cite's given-name levels into the bibliography."""
    import copy

    if not _first_list(variable, reference):
        return None
    if not any(level >= 2 for level in outcome.levels[: len(names)]):
        return None
    out = []
    for index, person in enumerate(names):
        marked = copy.copy(person)
        if index < len(outcome.levels) and outcome.levels[index] >= 2:
            dict.__setitem__(marked, SHOW, "full")
        out.append(marked)
    return out


def _initialize_false(name: Any, context: Any) -> bool:
    value = name.get("initialize")
    if value is None:
        found = (context if context is not None else name).xpath_search(
            "./ancestor::*[self::cs:citation or self::cs:bibliography][1]"
        )
        value = found[0].get("initialize") if found else None
        if value is None:
            value = name.get_root().get("initialize")
    return bool(value == "false")


def _disambiguated(outcome: Any, count: int) -> dict[str, Any]:
    """Name options of a disambiguated cite: more names, initials or full given names."""
    options: dict[str, Any] = {}
    if outcome.names:
        options["et-al-use-first"] = outcome.names
        if outcome.names >= count:
            options["et-al-min"] = count + 1
    if outcome.given:
        options["form"] = "long"
    if outcome.given == 2:
        options["initialize-with"] = None
    return options


class Date_Part(Element, model.Date_Part):  # citeproc-py's name for cs:date-part
    def process(self, date: Any, context: Any = None) -> Any:
        state = current()
        month = date.get("month") if state is not None and self.get("name") == "month" else None
        if isinstance(month, int) and (13 <= month <= 16 or 21 <= month <= 24):
            # 20. a season typed as month 13-16 or 21-24 (CSL-JSON, citeproc-js) prints its term
            season = month - 12 if month <= 16 else month - 20
            return (context if context is not None else self).get_single_term(f"season-{season:02}")
        text = super().process(date, context)
        if state is not None and self.get("name") == "day" and self.get("form") == "ordinal":
            text = self._day_ordinal(date, context if context is not None else self, text)
        if (
            state is None
            or state.explicit_suffix
            or state.suffix_shown
            or self.get("name") != "year"
            or state.date_variable != "issued"
            or state.item is None
        ):
            return text
        outcome = state.disambig.get(state.item.key)
        if outcome is None or not outcome.suffix or text is None:
            return text
        state.suffix_shown = True  # the suffix follows the first year of the cite or entry
        return String(str(text) + outcome.suffix)

    def _day_ordinal(self, date: Any, context: Any, text: Any) -> Any:
        """An ordinal day agrees with the month's gender (French ``1er octobre``)."""
        day, month = date.get("day"), date.get("month")
        if not isinstance(day, int) or str(text) == str(day) or not isinstance(month, int) or not 1 <= month <= 12:
            return text  # not an ordinal (limit-day-ordinals-to-day-1), or no month to agree with
        return _ordinal(day, context, _gender(context, f"month-{month:02}"))

    def render(self, *args: Any, **kwargs: Any) -> Any:
        """citeproc-py copies the style's ``cs:date-part`` attributes onto the locale's for good,
        so one date's overrides leaked into every later date; here they last one render."""
        saved = dict(self.attrib)
        try:
            return super().render(*args, **kwargs)
        finally:
            if dict(self.attrib) != saved:
                self.attrib.clear()
                self.attrib.update(saved)


class Substitute(Element, model.Substitute):
    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """Names inside a ``cs:choose`` of ``cs:substitute`` inherit the parent's ``cs:name``
        (GB/T's upper-cased family names), as direct children do in citeproc-py."""
        state = current()
        if state is None:
            return super().render(item, context=context, **kwargs)
        parent = self.getparent()
        text = None
        for child in self.getchildren():
            saved, state.substituted = state.substituted, set()
            try:
                if isinstance(child, model.Choose) or (isinstance(child, model.Names) and child.name is None):
                    text = child.render(item, names_context=parent, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except model.VariableError:
                continue
            finally:
                printed, state.substituted = state.substituted, saved
                if saved is not None:
                    saved |= printed  # an outer substitute printed them too
            if text:
                _repress_printed(printed, context if context is not None else self)
                break
            if _is_defined_term(child):
                break  # a term the locale defines substitutes, even an empty one (citeproc-js)
        return text


def _repress_printed(printed: set[str], context: Any) -> None:
    """Variables a substitute printed through a macro (a title, an editor) are not printed again
    in the cite or entry (CSL 1.0.2 ``cs:substitute``); citeproc-py repressed only a direct
    ``cs:text variable``."""
    if printed:
        repressed = context.get_layout().repressed
        for variable in sorted(printed):
            tag = variable.split(":", 1)[0] if ":" in variable else "text"
            repressed.setdefault(f"{{{CSL_NS}}}{tag}", []).append(variable.split(":", 1)[-1])


def _date_substituted(date: Any, variable: str, context: Any, state: Any) -> bool:
    """Whether a ``cs:substitute`` of this cite or entry already printed this date variable."""
    if state.substituted and f"date:{variable}" in state.substituted:
        return True
    try:
        layout = (context if context is not None else date).get_layout()
    except IndexError:
        return False
    return variable in getattr(layout, "repressed", {}).get(date.tag, ())


def _not_substituted(names: Any, variables: list[str], context: Any, state: Any) -> list[str]:
    """The name variables of ``names`` that no ``cs:substitute`` of this cite or entry printed
    (CSL 1.0.2: a substituted variable is suppressed in the rest of the output)."""
    done: set[str] = set()
    try:
        layout = (context if context is not None else names).get_layout()
    except IndexError:  # a macro's names rendered without a context
        layout = None
    if layout is not None:
        done.update(getattr(layout, "repressed", {}).get(names.tag, ()))
    if state.substituted:
        done.update(v[6:] for v in state.substituted if v.startswith("names:"))
    return [v for v in variables if v not in done] if done else variables


def _is_defined_term(element: Any) -> bool:
    """Whether ``element`` is a ``cs:text`` of a term the locale defines."""
    name = element.get("term") if isinstance(element, model.Text) else None
    if name is None:
        return False
    form = element.get("form", "long")
    return element.get_term(name, None if form == "long" else form) is not None


class Label(Element, model.Label):
    def process(
        self, item: Any, variable: str | None = None, plural: Any = None, context: Any = None, **kw: Any
    ) -> Any:
        """A label of a variable the item lacks prints nothing (CSL 1.0.2 ``cs:label``);
        citeproc-py printed the term alone (``p.`` with no page)."""
        own = self.get("variable") if variable is None else None
        if own is not None and current() is not None and _label_value(item, own) in (None, ""):
            return None
        return super().process(item, variable=variable, plural=plural, context=context, **kw)

    def _is_plural(self, item: Any) -> bool:
        """21. CSL 1.0.2 plurals: ``number-of-pages``/``-volumes`` above 1; other numbers when
        they hold two or more numbers (``1-2``, ``i–ix``, ``213 & 235``), not ``3-B`` or an
        escaped hyphen (``3\\-8``)."""
        if current() is None:
            return bool(super()._is_plural(item))
        from trialbib.render.csl.plurals import is_plural

        variable = self.get("variable")
        return is_plural(variable, _label_value(item, variable))


def _label_value(item: Any, variable: str) -> Any:
    """The value a ``cs:label`` labels: the cite's locator or a variable of the item."""
    if variable == "locator":
        return item.locator.identifier if item.has_locator else None
    return item.reference.get(variable) or item.reference.get(variable.replace("-", "_"))


class Group(Element, model.Group):
    def process(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        """1. Hidden when it called variables and none printed, decided by what each child
        actually did: a child counts as printing a variable when it printed something and called
        a variable on the way (a macro with an empty name list and a term), or is a shown group."""
        state = current()
        if state is None:
            return super().process(item, context=context, **kwargs)
        output = []
        called = rendered = False
        predecessor = state.term_predecessor
        delimiter = self.get("delimiter", "")
        for child in self.iterchildren():
            frame = [False, False]
            state.frames.append(frame)
            try:
                if isinstance(child, model.Choose):
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except model.VariableError:
                text = None
            finally:
                state.frames.pop()
            called = called or frame[0]
            if text is not None:
                output.append(text)
                if str(text) != "" and (frame[0] or frame[1] or isinstance(child, model.Group)):
                    rendered = True
        shown = bool(output) and (rendered or not called)
        _mark(called, rendered and shown)
        if shown:
            return self.join(output)
        state.term_predecessor = predecessor  # a hidden group printed nothing (citeproc-js)
        raise model.VariableError


class Sort(Element, model.Sort):
    def sort(self, items: Any, context: Any) -> Any:
        """18. Keys compared by a collation, as citeproc-js does (:mod:`.sorting`)."""
        if current() is None:
            return super().sort(items, context)
        from trialbib.render.csl.sorting import sort_items

        keys, descending = [], []
        for key in self.findall("cs:key", self.nsmap):
            descending.append(key.get("sort", "ascending").lower() == "descending")
            keys.append(key.sort_keys(items, context))
        return sort_items(list(items), keys, descending)


class Key(Element, model.Key):
    def sort_keys(self, items: Any, context: Any) -> Any:
        state = current()
        if state is None:
            return super().sort_keys(items, context)
        saved, state.sorting = state.sorting, True
        try:
            cache = state.sort_cache
            if cache is None:
                return super().sort_keys(items, context)
            slot = self.getparent().index(self)
            out = []
            for item in items:
                cached = cache.cached(item.key)
                if cached is not None:
                    out.append(cached[slot])
                    continue
                value = super().sort_keys([item], context)[0]
                value = value if value is None or isinstance(value, int) else str(value)
                cache.record(item.key, slot, value)
                out.append(value)
            return out
        finally:
            state.sorting = saved


class Layout(Element, model.Layout):
    def render_bibliography(self, citation_items: list[Any]) -> list[Any]:
        state = current()
        if state is None:
            entries: list[Any] = super().render_bibliography(citation_items)
            return entries
        root = self.get_root()
        default = root.locales
        aligned = self.getparent().get("second-field-align") is not None
        substitute = self.getparent().get("subsequent-author-substitute")
        rule = self.getparent().get("subsequent-author-substitute-rule", "complete-all")
        children = list(self.iterchildren())
        output = []
        if citation_items:
            from trialbib.render.csl import disambiguate

            disambiguate.ensure(root, citation_items[0].bibliography)
        saved_mode, state.mode = state.mode, "bibliography"
        try:
            for item in citation_items:
                self.repressed: dict[str, Any] = {}
                state.item, state.suffix_shown = item, False
                state.first_names, state.names_seen, state.term_predecessor = None, False, False
                state.first_people = ()
                locales = locales_for(root, item.reference) if state.item_locales else None
                root.locales = locales if locales is not None else default
                layout = layout_for(self, item)
                layout.repressed = self.repressed
                if aligned and len(children) > 1:
                    text = _render_aligned(layout, item, list(layout.iterchildren()))
                else:
                    text = layout.format(_wrap_entry(layout, layout.render_children(item), state))
                if substitute is not None:
                    text = _substitute_author(text, state, substitute, rule)
                if text is not None:
                    from trialbib.render.csl.textcase import no_period_after_mark, punctuation_in_quote

                    text = no_period_after_mark(str(text))
                    if state.rich:
                        text = _finished(self, text)
                    elif self.get_locale_option("punctuation-in-quote") == "true":
                        text = punctuation_in_quote(text, str(self.get_single_term("close-quote")))
                if text is not None or state.keep_empty:
                    output.append(text if text is not None else "")
        finally:
            root.locales = default
            state.mode = saved_mode
        return output

    def render_citation(self, citation: Any, callback: Any) -> Any:
        """A citation with cite grouping and collapsing (CSL 1.0.2 "Cite Grouping" and
        "Cite Collapsing"): ``(He et al., 2016, 2019)``, ``(Doe, 2016a, b)``, ``[1–3, 5]``."""
        state = current()
        if state is None:
            return super().render_citation(citation, callback)
        from trialbib.render.csl import collapse, disambiguate

        disambiguate.ensure(self.get_root(), citation.bibliography)
        saved_mode, state.mode = state.mode, "citation"
        try:
            text = collapse.render(self, citation, callback, state)
            return _finished(self, str(text)) if state.rich and text is not None else text
        finally:
            state.mode = saved_mode


def _wrap_entry(layout: Any, text: Any, state: Any) -> Any:
    """An entry in the layout's affixes; in a rich session an entry ending in a ``display``
    div takes the layout's suffix inside that div (citeproc-js)."""
    suffix = layout.get("suffix", "")
    if not state.rich or text is None or not str(text).endswith("</div>"):
        return layout.wrap(text)
    from citeproc.string import normalize_seam

    body = str(text)[: -len("</div>")].rstrip()  # an entry's trailing space goes (citeproc-js)
    return String(layout.get("prefix", "") + body + str(normalize_seam(body, suffix)) + "</div>")


def _finished(layout: Any, text: str) -> str:
    """A rich session's cite or entry as finished HTML (:func:`.richtext.finish`)."""
    from trialbib.render.csl.richtext import finish

    outer = str(layout.get_single_term("close-quote") or "")
    marks = outer + str(layout.get_single_term("close-inner-quote") or "")
    return finish(text, marks, layout.get_locale_option("punctuation-in-quote") == "true", outer)


def _substitute_author(text: Any, state: Any, substitute: str, rule: str) -> Any:
    """``subsequent-author-substitute``: the names of an entry that shows the same people as the
    previous entry's are replaced (``complete-all``/``complete-each``: the whole list; the
    ``partial`` rules are treated as ``complete-all``). People are compared as shown, the et-al.
    left out (citeproc-js): ``Auer, Peter, et al.`` then ``Auer, Peter.`` gives ``———.``"""
    names, previous = state.first_names, state.previous_names
    who = state.first_people if state.first_people else ("", names)
    state.previous_names = who
    if text is None or not names or who != previous:
        return text
    rendered = str(text)
    return rendered.replace(names, substitute, 1) if names in rendered else text


class If(_Branch, Element, model.If):
    def render(self, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        """citeproc-py's conditions plus ``disambiguate="true"`` (its TODO)."""
        state = current()
        if state is None or "disambiguate" not in self.attrib:
            return super().render(item, context=context, delimiter=delimiter, **kwargs)
        # the conditions hold one at a time, in the style's order; the list shows them as well
        outcome = state.disambig.get(item.key) if state.mode in ("citation", "bibliography") else None
        wanted = self.get("disambiguate") == "true"
        order = disambiguate_conditions(self.get_root())
        index = next((i for i, e in enumerate(order) if e is self), 0) if state.mode == "citation" else 0
        results = [(outcome is not None and outcome.condition > index) == wanted]
        tests = {
            "type": self._type,
            "variable": self._variable,
            "is-numeric": self._is_numeric,
            "is-uncertain-date": self._is_uncertain_date,
            "locator": self._locator,
        }
        for name, test in tests.items():
            if name in self.attrib:
                results += test(item)
        if "position" in self.attrib:
            results += self._position(item, context)
        match = self.get("match", "all")
        ok = any(results) if match == "any" else (not any(results) if match == "none" else all(results))
        if not ok:
            raise model.ConditionFailed
        return self.render_children(item, context=context, delimiter=delimiter, **kwargs)

    def _position(self, item: Any, context: Any) -> list[bool]:
        """CSL 1.0.2 positions with note numbers (:mod:`.positions`); citeproc-py compared only
        with the cite rendered last and knew no notes."""
        state = current()
        if state is None:
            return list(super()._position(item, context))
        if state.mode != "citation":
            return [False]
        found = cite_position(self, item)
        return [found.holds(test) for test in self.get("position").split()]

    def _variable(self, item: Any) -> list[bool]:
        results: list[bool] = list(super()._variable(item))
        if current() is None or "first-reference-note-number" not in self.get("variable").split():
            return results
        for i, variable in enumerate(self.get("variable").split()):
            if variable == "first-reference-note-number":
                results[i] = current_mode() == "citation" and cite_position(self, item).first_note > 0
        return results


def current_mode() -> str:
    state = current()
    return state.mode if state is not None else ""


def cite_position(element: Any, item: Any) -> Any:
    """The position of the cite ``item`` among the cites its bibliography rendered before it."""
    from trialbib.render.csl.positions import Position, evaluate

    citation = element.get_root().citation
    if citation is None or not hasattr(item, "citation"):
        return Position()
    rendered = citation.__dict__.get("cites")
    if rendered is None:
        try:
            rendered = citation.cites
        except AttributeError:
            rendered = []
    try:
        distance = int(citation.get("near-note-distance", "5"))
    except ValueError:
        distance = 5
    return evaluate(item, rendered, distance)


class Else(_Branch, Element, model.Else):
    pass


class Else_If(If, model.Else_If):  # citeproc-py's name for cs:else-if
    pass


def _render_aligned(layout: Any, item: Any, children: list[Any]) -> Any:
    """5. The first field apart from the rest, as citeproc-js renders ``second-field-align``."""
    try:
        first = children[0].render(item)
    except model.VariableError:
        first = None
    rest = []
    for child in children[1:]:
        try:
            text = child.render(item)
        except model.VariableError:
            continue
        if text is not None:
            rest.append(text)
    state = current()
    joined = "".join(str(t) for t in rest)
    if state is not None and state.rich:
        joined = joined.rstrip()  # an entry's trailing space goes (citeproc-js)
    body = layout.wrap(joined) if rest else None
    if first is None or body is None:
        whole = "".join(str(t) for t in [first, *rest] if t is not None)
        return layout.format(layout.wrap(whole)) if whole else None
    if _is_html(layout):
        return (
            f'<div class="csl-left-margin">{layout.format(first)}</div>'
            f'<div class="csl-right-inline">{layout.format(body)}</div>'
        )
    return layout.format(first + " " + body)


_OVERRIDES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Style,
        Locale,
        Text,
        Number,
        Date,
        Date_Part,
        Names,
        Name,
        Group,
        Label,
        Sort,
        Key,
        Layout,
        If,
        Else_If,
        Else,
        Substitute,
    )
}


def _build_lookup() -> etree.ElementNamespaceClassLookup:
    """citeproc-py's tag-to-class lookup, with trialbib's subclass for every CSL element."""
    lookup = etree.ElementNamespaceClassLookup()
    namespace = lookup.get_namespace(CSL_NS)
    namespace[None] = Element
    for upstream in model.CitationStylesElement.__subclasses__():
        if upstream.__module__ != model.__name__:
            continue
        name = upstream.__name__
        cls = _OVERRIDES.get(name) or type(name, (Element, upstream), {"__module__": __name__})
        namespace[name.replace("_", "-").lower()] = cls
    return lookup


_LOOKUP = _build_lookup()


def _parser() -> etree.XMLParser:
    parser = etree.XMLParser(
        remove_comments=True, encoding="UTF-8", no_network=True, resolve_entities=False, load_dtd=False
    )
    parser.set_element_class_lookup(_LOOKUP)
    return parser


@cache
def _locale_bytes(lang: str) -> bytes:
    from citeproc import LOCALES_PATH

    with open(os.path.join(LOCALES_PATH, f"locales-{lang}.xml"), "rb") as handle:
        return handle.read()


def _locale_root(lang: str) -> Any:
    """A CSL locale file of citeproc-py parsed by trialbib's lookup, one copy per style (as
    citeproc-py does: rendering writes to a locale's elements, see :class:`Date_Part`)."""
    root = etree.parse(io.BytesIO(_locale_bytes(lang)), _parser()).getroot()
    freeze(root)
    return root


def parse_style(data: bytes, locale: str | None) -> Any:
    """A citeproc-py style object whose elements are trialbib's (``CitationStylesStyle``)."""
    from citeproc.frontend import CitationStylesStyle

    style = CitationStylesStyle.__new__(CitationStylesStyle)
    style.parser = _parser()
    style.xml = etree.parse(io.BytesIO(data), style.parser)
    style.root = style.xml.getroot()
    if not isinstance(style.root, Style):
        raise ValueError("not a CSL style (no <style> root element)")
    style.root.set_locale_list(locale or style.root.get("default-locale", "en-US"), validate=False)
    freeze(style.root)
    style.root.__dict__["_tb_default_locales"] = style.root.locales
    return style


def freeze(root: Any) -> None:
    """Keep every element of a tree alive, each with its own query memo.

    lxml makes a new Python proxy for an element whenever none is alive, which would lose
    anything stored on it; so every proxy is kept on the root.
    """
    for names in root.iter(f"{{{CSL_NS}}}names"):
        in_substitute = next(names.iterancestors(f"{{{CSL_NS}}}substitute"), None) is not None
        if names.find(f"{{{CSL_NS}}}name") is None and not in_substitute:
            # citeproc-py inserts a default cs:name on each use; trialbib's, once, up front
            names.insert(0, names.makeelement(f"{{{CSL_NS}}}name"))
    keep = []
    for element in root.iter():
        if isinstance(element, Element):
            element.__dict__["_tb_xpath"] = {}
            element.__dict__["_tb_root"] = root
            keep.append(element)
    root.__dict__["_tb_keep"] = keep
