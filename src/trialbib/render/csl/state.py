"""The state of one trialbib render session, kept in a context variable.

citeproc-py's element methods are called deep inside its recursion, with no argument through
which trialbib could pass what it needs (the groups being rendered, the name form, whether a
sort key is being computed, the cached sort keys). Keeping that in a context variable instead of
module globals makes two renders in two threads independent, and leaves any citeproc-py render
outside a trialbib session exactly as citeproc-py does it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RenderState:
    """What the repairs track while one session renders."""

    item_locales: bool = True  # each item takes its terms from its language
    frames: list[list[bool]] = field(default_factory=list)  # [called, rendered] per cs:group
    forms: list[str] = field(default_factory=list)  # the name form being rendered
    literal: bool = False  # whether the name being rendered is a literal (organisation) name
    sorting: bool = False  # computing sort keys: no part markers
    parts: bool = True  # mark parts of entries for HTML classes (off: plain CSL output)
    literal_as_written: bool = True  # organisation names escape cs:name-part casing (GB/T)
    keep_empty: bool = True  # an empty entry stays as "" (the engine numbers entries by position)
    sort_cache: Any = None  # warm's cached sort keys, while a sort runs
    mode: str = ""  # "citation" or "bibliography" while a layout renders
    disambig: dict[str, Any] = field(default_factory=dict)  # item key -> disambiguate.Outcome
    disambiguated: Any = None  # the bibliography disambiguated (True: decided by the caller)
    name_levels: dict[Any, int] = field(default_factory=dict)  # (family, given) -> level, in cites
    primary_levels: bool = False  # name_levels apply to the first name of a list only
    item: Any = None  # the cite or entry being rendered
    date_variable: str = ""  # the date variable being rendered
    first_names: str | None = None  # what the first cs:names of the cite printed
    names_seen: bool = False  # the first cs:names of the cite was rendered
    suppress_names: bool = False  # a collapsed cite: its first cs:names prints nothing
    previous_names: Any = None  # who the previous entry's names showed (subsequent-author-substitute)
    shown_people: list[str] | None = None  # while the first cs:names of an entry renders: who it shows
    first_people: tuple[str, ...] = ()  # who the first cs:names of the entry showed
    suffix_shown: bool = False  # the year suffix of the entry being rendered is printed
    explicit_suffix: bool = True  # the style prints year-suffix itself (else after the first year)
    term_predecessor: bool = False  # something was printed before in this cite or entry
    rich: bool = False  # fields' markup parsed and each cite/entry finished as HTML (richtext)
    substituted: set[str] | None = None  # text variables printed while a cs:substitute child renders


_CURRENT: ContextVar[RenderState | None] = ContextVar("trialbib_csl_session", default=None)
_LOCKS: dict[int, threading.RLock] = {}
_LOCKS_GUARD = threading.Lock()


# The state of the trialbib session running in this context, or None outside one. The context
# variable's own getter: called several times per element rendered, a Python frame each was measurable.
current: Callable[[], RenderState | None] = _CURRENT.get


def _lock_for(root: Any) -> threading.RLock:
    # a parsed style tree is mutable while it renders (citeproc-py keeps state on elements)
    lock: threading.RLock | None = root.__dict__.get("_tb_lock")
    if lock is None:
        with _LOCKS_GUARD:
            lock = root.__dict__.get("_tb_lock")
            if lock is None:
                lock = root.__dict__["_tb_lock"] = threading.RLock()
    return lock


@contextmanager
def session(root: Any, state: RenderState | None = None, *, lock: bool = True) -> Iterator[RenderState]:
    """Run a render of the style ``root`` as a trialbib session (re-entrant, one thread at a time
    per style tree). ``lock=False`` in a forked worker, which is single-threaded."""
    outer = _CURRENT.get()
    mine = state or (outer if outer is not None else RenderState())
    token = _CURRENT.set(mine)
    try:
        if lock:
            with _lock_for(root):
                yield mine
        else:
            yield mine
    finally:
        _CURRENT.reset(token)
