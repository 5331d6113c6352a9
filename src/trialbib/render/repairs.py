"""Repairs of citeproc-py where it departs from the CSL 1.0.2 specification and citeproc-js.

Each repair is a small patch of one citeproc-py method, applied once by :func:`apply` and only
on the citeproc-py versions it was proven on (:data:`PROVEN_VERSIONS`); on any other version
nothing is patched and :func:`apply` returns a warning, because the patches reach into
citeproc-py's internals. docs/formatting.md lists them with the defect each one repairs.

1. ``group``: a ``cs:group`` is hidden when it calls variables and all of them are empty. citeproc-py
   decides this statically (``calls_variable()`` inspects macros including branches never taken),
   so GB/T 7714's ``[J]`` (a group of ``type-id`` and ``medium-id`` macros) vanished whenever the
   item had no URL or DOI. Repaired by recording the variables a group actually tries to render.
2. ``et-al``: the model keeps only the printed names of a truncated author list (``custom``
   ``author-truncated``). Every style now prints its own "et al." term after the real names, even
   when its ``et-al-use-first`` exceeds the number of names we have.
3. ``cjk-names``: a name written in Chinese, Japanese or Korean script is family name then given
   name with no space and no initials (``张三``, not ``张 三`` or APA's ``张, . 三 .``).
4. ``item-locale``: terms (et al./等, "and", "edited by") come from the item's language
   (``language``: ``zh`` -> zh-CN), as GB/T 7714 requires and CSL-M's ``layout locale=`` intends,
   unless the caller forces one locale. Date formats, month names and range delimiters stay the
   style's own (a Chinese item in NLM gets ``2019;51(6):985-8``, not ``2019年``).
5. ``second-field-align``: the citation number of a ``second-field-align`` bibliography is its own
   field: ``[1] HE J`` in text, ``csl-left-margin``/``csl-right-inline`` in HTML (citeproc-js).
6. ``locale-date-delimiter``: the delimiter of a localized ``cs:date`` (NLM: ``2019 Sep 19``) is
   honoured; citeproc-py joined the parts with nothing (``2019Sep19``).
7. ``literal-names``: ``cs:name-part`` formatting (GB/T's upper-cased family names) is not applied
   to literal names such as organisations (``World Health Organization``), as in citeproc-js.
8. ``title-case``: ``text-case="title"`` applied where the language is not given (labels such as
   APA's ``(Ed.)``) for English styles; citeproc-py skipped it unless the language was ``en``.
9. ``part-classes``: in HTML, author, editor, title, container title, DOI and URL are marked so
   that they can be styled (``<span class="csl-title">``); markers are kept out of sort keys and
   skipped when a first letter is capitalized.
10. ``hyphen-initials``: a lower-case part after a hyphen is initialized like the rest, as in
   citeproc-js (``Ken-ichi`` -> ``K.-i.``, or ``KI`` without ``initialize-with-hyphen``);
   citeproc-py took it for a particle (``K.- ichi``, ``K ichi``).
11. ``equal-range``: a date range whose shown parts are equal (``2019-10/2019-11`` in a style
   that shows only the year) prints once (``2019``); citeproc-py printed no date at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

PROVEN_VERSIONS = ("0.11.",)
REPAIRS = (
    "group",
    "et-al",
    "cjk-names",
    "literal-names",
    "item-locale",
    "second-field-align",
    "locale-date-delimiter",
    "title-case",
    "part-classes",
    "hyphen-initials",
    "equal-range",
)
TRUNCATED = "_trialbib_truncated"

_applied: list[str] = []
_frames: list[list[bool]] = []  # one [called, rendered] per cs:group being rendered
_forms: list[str] = []  # the name form being rendered (long/short/count)
_literal = [False]  # whether the name being rendered is a literal (organisation) name


def citeproc_version() -> str:
    import citeproc

    return str(getattr(citeproc, "__version__", "unknown"))


def apply() -> str | None:
    """Patch citeproc-py once; a warning (and no patch) when its version is not proven."""
    if _applied:
        return None if _applied[0] == "ok" else _applied[0]
    version = citeproc_version()
    if not version.startswith(PROVEN_VERSIONS):
        message = (
            f"citeproc-py {version} is not a version trialbib's repairs are proven on "
            f"({', '.join(v + 'x' for v in PROVEN_VERSIONS)}); formatting may be wrong"
        )
        _applied.append(message)
        return message
    from citeproc import model

    _repair_group(model)
    _repair_variable_tracking(model)
    _repair_names(model)
    _repair_layout(model)
    _repair_locale_date(model)
    _repair_title_case(model)
    _repair_term_scope(model)
    _repair_part_classes(model)
    _repair_hyphen_initials(model)
    _repair_equal_range(model)
    _applied.append("ok")
    return None


# 1. group suppression decided by what was rendered, not by what a macro might call


def _mark(called: bool, rendered: bool) -> None:
    if _frames:
        frame = _frames[-1]
        frame[0] = frame[0] or called
        frame[1] = frame[1] or rendered


def _tracking(method: Callable[..., Any], is_variable: Callable[[Any], bool]) -> Callable[..., Any]:
    def process(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not _frames or not is_variable(self):
            return method(self, *args, **kwargs)
        _mark(True, False)
        result = method(self, *args, **kwargs)
        text = result[0] if isinstance(result, tuple) else result
        if text is not None and str(text) != "":
            _mark(True, True)
        return result

    process.__doc__ = method.__doc__
    return process


def _repair_variable_tracking(model: Any) -> None:
    model.Text.process = _tracking(model.Text.process, lambda e: "variable" in e.attrib)
    for cls in (model.Number, model.Date, model.Names):
        cls.process = _tracking(cls.process, lambda e: True)


def _repair_group(model: Any) -> None:
    def process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        frame = [False, False]
        _frames.append(frame)
        output = []
        delimiter = self.get("delimiter", "")
        try:
            for child in self.iterchildren():
                try:
                    if isinstance(child, model.Choose):
                        text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                    else:
                        text = child.render(item, context=context, **kwargs)
                except model.VariableError:
                    continue
                if text is not None:
                    output.append(text)
        finally:
            _frames.pop()
        called, rendered = frame
        shown = bool(output) and (rendered or not called)
        _mark(called, rendered and shown)
        if shown:
            return self.join(output)
        raise model.VariableError

    model.Group.process = process


# 2. et al. after truncated author lists; 3. CJK names


_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]")


def is_cjk(text: str | None) -> bool:
    """True when ``text`` is written in Chinese, Japanese or Korean script."""
    return bool(text) and bool(_CJK.search(str(text)))


def _repair_names(model: Any) -> None:
    from citeproc.source import Name as SourceName

    original_parts = SourceName.parts

    def parts(self: Any) -> tuple[Any, ...]:
        _literal[0] = "literal" in self
        given, family, dp, ndp, suffix = original_parts(self)
        if is_cjk(family) and (given is None or is_cjk(given)):
            if _forms and _forms[-1] == "short":
                return None, family, None, None, None
            return None, family + (given or ""), None, None, suffix
        return given, family, dp, ndp, suffix

    SourceName.parts = parts
    original_format_part = model.Name_Part.format_part

    def format_part(self: Any, given: Any, family: Any) -> tuple[Any, Any]:
        if _literal[0]:  # an organisation or a literal name is printed as written
            return given, family
        return original_format_part(self, given, family)

    model.Name_Part.format_part = format_part
    original_process = model.Name.process

    def process(self: Any, item: Any, variable: str, context: Any = None, sort_options: Any = None, **kw: Any) -> Any:
        form = self.get_option("form", context, sort_options)
        _forms.append(form)
        try:
            reference = item.reference
            names = reference.get(variable) or []
            truncated = variable == "author" and reference.get(TRUNCATED) and names and form != "count"
            if truncated and sort_options is None:
                # the real list is at least one name longer than the names we have
                et_al_min = self.get_option("et-al-min", context, sort_options)
                use_first = self.get_option("et-al-use-first", context, sort_options)
                shown = len(names)
                if et_al_min and len(names) + 1 >= et_al_min:
                    shown = max(1, min(shown, use_first))
                options = {"et-al-min": shown + 1, "et-al-use-first": shown, "et-al-use-last": "false"}
                reference[variable] = [*names, SourceName(family="?")]
                try:
                    return original_process(self, item, variable, context=context, sort_options=options, **kw)
                finally:
                    reference[variable] = names
            return original_process(self, item, variable, context=context, sort_options=sort_options, **kw)
        finally:
            _forms.pop()

    model.Name.process = process


# 9. a class per part in HTML


PARTS = ("author", "editor", "title", "container-title", "DOI", "URL")
PART_OPEN = {part: chr(0xE020 + i) for i, part in enumerate(PARTS)}
PART_CLOSE = "\ue02f"
_sorting = [False]


def _parts_wanted(element: Any) -> bool:
    return not _sorting[0] and _is_html(element)


def _repair_part_classes(model: Any) -> None:
    """Markers around author, title, container title, DOI and URL, read back as HTML classes."""
    from citeproc.string import MixedString, String

    def text_markup(self: Any, text: Any, language: Any) -> Any:
        if not text:
            return None
        formatted = self.format(self.case(self.strip_periods(text), language))
        part = self.get("variable")
        if part in PART_OPEN and _parts_wanted(self):
            formatted = String(PART_OPEN[part]) + formatted + String(PART_CLOSE)
        return self.wrap(self.quote(formatted))

    def names_markup(self: Any, text: Any) -> Any:
        if not text:
            return None
        formatted = self.format(text)
        part = (self.get("variable") or "").split(" ")[0]
        if part in PART_OPEN and _parts_wanted(self):
            formatted = String(PART_OPEN[part]) + formatted + String(PART_CLOSE)
        return self.wrap(formatted)

    model.Text.markup = text_markup
    model.Names.markup = names_markup
    original_sort_keys = model.Key.sort_keys

    def sort_keys(self: Any, items: Any, context: Any) -> Any:
        _sorting[0] = True
        try:
            return original_sort_keys(self, items, context)
        finally:
            _sorting[0] = False

    model.Key.sort_keys = sort_keys

    def is_marker(char: str) -> bool:
        return "\ue020" <= char <= "\ue02f"

    def string_capitalize_first(self: Any) -> Any:
        i = 0
        while i < len(self) and is_marker(self[i]):
            i += 1
        return self.__class__(self[:i] + self[i : i + 1].upper() + self[i + 1 :])

    def mixed_capitalize_first(self: Any) -> Any:
        segments = list(self)
        for i, segment in enumerate(segments):
            if str(segment) and not all(is_marker(c) for c in str(segment)):
                segments[i] = segment.capitalize_first()
                break
        return self.__class__(segments)

    String.capitalize_first = string_capitalize_first
    MixedString.capitalize_first = mixed_capitalize_first


# 8. text-case="title" when the language is not given


def _repair_title_case(model: Any) -> None:
    original = model.TextCased.case

    def case(self: Any, text: Any, language: str | None = None) -> Any:
        if language is None:
            root = self.get_root()
            language = (root.get("default-locale") or "en-US")[:2] if isinstance(root, model.Style) else "en"
        return original(self, text, language)

    model.TextCased.case = case


# 4. per-item locale; 5. second-field-align


def item_locale(language: str | None) -> str | None:
    """The CSL locale for an item's BCP 47 language tag (``zh`` -> ``zh-CN``), or None."""
    from citeproc import LANGUAGE_NAMES, PRIMARY_DIALECTS

    if not language:
        return None
    tag = str(language).replace("_", "-")
    parts = tag.split("-")
    primary = parts[0].lower()
    if len(parts) > 1:
        full = f"{primary}-{parts[-1].upper()}"
        if full in LANGUAGE_NAMES:
            return full
    return PRIMARY_DIALECTS.get(primary)


def set_item_locales(style_root: Any, enabled: bool) -> None:
    """Turn per-item locales on or off for a loaded style (off when the caller forces a locale)."""
    style_root._trialbib_item_locales = enabled
    if vars(style_root).get("_trialbib_locales") is None:  # lxml elements answer None to any name
        style_root._trialbib_locales = {None: style_root.locales}


def _locales_for(root: Any, reference: Any) -> list[Any] | None:
    if not vars(root).get("_trialbib_item_locales"):
        return None
    locale = item_locale(reference.get("language"))
    cache = root._trialbib_locales
    default = cache[None]
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


_STYLE_TERMS = ("month-", "season-", "page-range-delimiter", "citation-range-delimiter")


def _repair_term_scope(model: Any) -> None:
    """Dates, month names and range delimiters stay the style's when an item has its own locale.

    The item's language decides the words (et al./等, "and", "edited by"); the style decides how
    dates and ranges look, so a Chinese item in NLM reads ``2019;51(6):985-8``, not ``2019年``.
    """
    element = model.CitationStylesElement
    original_term, original_date = element.get_term, element.get_date

    def style_locales(self: Any) -> tuple[Any, Any]:
        root = self.get_root()
        cache = vars(root).get("_trialbib_locales") if isinstance(root, model.Style) else None
        default = cache.get(None) if cache else None
        return root, (default if default is not None and root.locales is not default else None)

    def get_term(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith(_STYLE_TERMS):
            root, default = style_locales(self)
            if default is not None:
                saved, root.locales = root.locales, default
                try:
                    return original_term(self, name, *args, **kwargs)
                finally:
                    root.locales = saved
        return original_term(self, name, *args, **kwargs)

    def get_date(self: Any, form: str) -> Any:
        root, default = style_locales(self)
        if default is None:
            return original_date(self, form)
        saved, root.locales = root.locales, default
        try:
            return original_date(self, form)
        finally:
            root.locales = saved

    element.get_term, element.get_date = get_term, get_date


def _is_html(element: Any) -> bool:
    return str(getattr(element.get_formatter(), "__name__", "")).endswith("html")


def _repair_layout(model: Any) -> None:
    def render_bibliography(self: Any, citation_items: list[Any]) -> list[Any]:
        root = self.get_root()
        default = root.locales
        aligned = self.getparent().get("second-field-align") is not None
        children = list(self.iterchildren())
        output = []
        try:
            for item in citation_items:
                self.repressed = {}
                locales = _locales_for(root, item.reference)
                root.locales = locales if locales is not None else default
                for locale in root.locales:
                    locale.style = root
                if aligned and len(children) > 1:
                    text = _render_aligned(self, model, item, children)
                else:
                    text = self.format(self.wrap(self.render_children(item)))
                output.append(text if text is not None else "")
        finally:
            root.locales = default
        return output

    model.Layout.render_bibliography = render_bibliography


def _render_aligned(layout: Any, model: Any, item: Any, children: list[Any]) -> Any:
    """The first field apart from the rest, as citeproc-js renders ``second-field-align``."""
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
    body = layout.wrap("".join(str(t) for t in rest)) if rest else None
    if first is None or body is None:
        whole = "".join(str(t) for t in [first, *rest] if t is not None)
        return layout.format(layout.wrap(whole)) if whole else None
    if _is_html(layout):
        return (
            f'<div class="csl-left-margin">{layout.format(first)}</div>'
            f'<div class="csl-right-inline">{layout.format(body)}</div>'
        )
    return layout.format(first + " " + body)


# 6. the delimiter of a localized date


def _repair_locale_date(model: Any) -> None:
    from citeproc.string import join

    original = model.Date.render_single_date

    def render_single_date(self: Any, date: Any, show_parts: Any = None, context: Any = None) -> Any:
        if context is None or context is self or not self.is_locale_date() or "delimiter" in context.attrib:
            return original(self, date, show_parts, context)
        parts = self.parts(date, show_parts, context)
        return join(parts, self.get("delimiter", "")) if parts else None

    model.Date.render_single_date = render_single_date


# 10. a lower-case given-name part after a hyphen is initialized, not kept as a particle


def _repair_hyphen_initials(model: Any) -> None:
    original = model.Name.initialize

    def initialize(self: Any, given: Any, mark: Any, context: Any) -> Any:
        if "-" not in str(given):
            return original(self, given, mark, context)
        head, *rest = str(given).split("-")
        if not self.get_option("initialize-with-hyphen", context):  # initials run together: KI
            joined = " ".join([head, *(p.strip()[:1].upper() + p.strip()[1:] for p in rest if p.strip())])
            return original(self, joined, mark, context)
        parts = [original(self, head, mark, context)]
        for part in rest:
            stripped = part.lstrip()
            if not stripped:
                continue
            initial = original(self, stripped[0].upper() + stripped[1:], mark, context)
            parts.append(stripped[0] + initial[1:] if stripped[0].islower() else initial)
        return "-".join(parts)

    model.Name.initialize = initialize


# 11. a date range that shows as one date prints that date


def _repair_equal_range(model: Any) -> None:
    original = model.Date.render_date_range

    def render_date_range(self: Any, date_range: Any, show_parts: Any = None, context: Any = None) -> Any:
        shown = list(show_parts) if show_parts is not None else None
        text = original(self, date_range, show_parts, context)
        if text is None and shown is not None:
            return self.render_single_date(date_range.begin, shown, context)
        return text

    model.Date.render_date_range = render_date_range
