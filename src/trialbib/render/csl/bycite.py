"""``by-cite`` disambiguation of one group of alike cites, stepped as citeproc-js steps it.

CSL 1.0.2 leaves the order of "add names" and "add given names" under ``by-cite`` to the
processor. citeproc-js, which users compare with, walks one counter forward: expand the given
name of the current name (initials, then full), then show one name more, and so on; after each
step it compares the *first* cite still open with the others and settles whom it can (the cite
that became unique, or the single one left apart). The settings that helped are kept in a
"better" record shared by the open lists, and what is settled is a copy of it. Cites the names
cannot tell apart go on to the next method (``disambiguate="true"`` or year suffixes) with the
best settings found. The names shown this way carry into the bibliography entry (citeproc-js),
so matching its steps matters for the list as much as for the cites.

Only one name list (the first) is stepped; a style's second list of a cite keeps its default.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from trialbib.render.csl.markers import KEY

FULL = 2  # the highest given-name level: the full given name


@dataclass
class Settings:
    """How a cite shows its first name list: the names shown, each name's given-name level,
    and how many ``disambiguate="true"`` conditions hold."""

    names: int
    givens: list[int] = field(default_factory=list)
    condition: int = 0

    def copy(self) -> Settings:
        return Settings(self.names, list(self.givens), self.condition)

    def pad(self, count: int = 0) -> None:
        """Every name counted (and each of ``count`` names seen) has a level (0 until expanded)."""
        self.givens.extend([0] * (max(self.names, count) - len(self.givens)))


@dataclass(frozen=True)
class NameForm:
    """What the citation's name element says about given names and truncation."""

    short: bool
    initials: bool
    et_al_min: int
    use_first: int

    def default_level(self) -> int:
        return 0 if self.short else (1 if self.initials else FULL)

    def shown(self, settings: Settings, count: int) -> int:
        """How many of ``count`` names a cite shows with ``settings`` while disambiguating."""
        if settings.names:
            return min(settings.names, count)
        if self.et_al_min and count >= self.et_al_min:
            return min(self.use_first, count)
        return count


Render = Callable[[Any, Settings], str]


class Stepper:
    """One group's walk; ``outcomes`` holds each settled item's settings."""

    def __init__(
        self,
        group: Sequence[Any],
        people: Callable[[Any], list[Any]],
        form: NameForm,
        render: Render,
        methods: Sequence[str],
        add_names: bool = True,
        total: int = 0,
    ) -> None:
        self.people, self.form, self.render_cite = people, form, render
        self.add_names, self.total = add_names, total
        # fewest names first (compared as text, like citeproc-js), then by key
        self.items = sorted(group, key=lambda item: (str(len(people(item))), _key(item)))
        self.methods = list(methods)
        self.method = 0
        names = max(form.shown(Settings(0), len(people(item))) for item in group)
        width = max(len(people(item)) for item in group)
        self.base = Settings(names, [form.default_level()] * max(names, width))
        self.better = self.base.copy()
        self.most = len(people(self.items[0]))  # how far names may be added
        self.outcomes: dict[str, Settings] = {}
        self.seen: dict[tuple[Any, ...], str] = {}

    # -- rendering -------------------------------------------------------------------------

    def cite(self, item: Any) -> str:
        """The cite with the running settings. Like citeproc-js, rendering writes back into
        them: the names the cite really showed, a level for each name counted, and a full
        given name for a name that has no given name to abbreviate."""
        people = self.people(item)
        shown = self.form.shown(self.base, len(people))
        key = (item.key, shown, tuple(self.base.givens[: len(people)]), self.base.condition)
        text = self.seen.get(key)
        if text is None:  # the same settings come back for an item as the counter moves on
            text = self.seen[key] = self.render_cite(item, self.base)
        self.base.names = shown
        self.base.pad(len(people))
        for index, person in enumerate(people):
            if person.get("family") and not person.get("given") and self.base.givens[index] == 1:
                self.base.givens[index] = FULL
            self.base.givens[index] = max(self.base.givens[index], self.form.default_level())
        return text

    # -- the walk --------------------------------------------------------------------------

    def run(self) -> None:
        lists: list[tuple[Settings, list[Any]]] = [(self.base, list(self.items))]
        self.fresh = True
        while lists:
            self.position, self.clashes = 0, [1, 0]
            while lists[0][1]:
                maxed = self.step()
                partners, others = self.scan(lists[0][1])
                getattr(self, self.methods[self.method])(lists, partners, others, maxed)
                if maxed:
                    if self.method < len(self.methods) - 1:
                        self.method += 1
                    elif len(lists) > 1:
                        lists[1] = (self.base, [])
                    else:
                        lists.append((self.base, []))
            lists = lists[1:]

    def step(self) -> bool:
        """Move the counter one step; True when it cannot move further."""
        if self.fresh:
            self.fresh = False
            return False
        method = self.methods[self.method]
        if method == "conditions":
            self.base.condition += 1
            self.better.condition += 1
            return False
        if method != "names":
            return False
        givens = self.base.givens
        if self.position < len(givens) and givens[self.position] < FULL:
            givens[self.position] += 1
        elif self.add_names and self.position < self.most:
            self.base.names += 1
            self.position += 1
        level = givens[self.position] if self.position < len(givens) else None
        return (not self.add_names or self.position == self.most) and (level is None or level == FULL)

    def scan(self, items: list[Any]) -> tuple[list[Any], list[Any]]:
        """The first item's cite against each other's: those alike and those apart."""
        first = self.cite(items[0])
        partners: list[Any] = [items[0]]
        others: list[Any] = []
        for item in items[1:]:
            (partners if self.cite(item) == first else others).append(item)
        self.clashes = [self.clashes[1], len(partners) - 1]
        return partners, others

    def capture(self) -> None:
        """Keep the running step's level and name count as the best so far."""
        self.better.pad()
        if self.position < len(self.base.givens):
            while len(self.better.givens) <= self.position:
                self.better.givens.append(0)
            self.better.givens[self.position] = self.base.givens[self.position]
        self.better.names = self.base.names

    def settle(self, item: Any, settings: Settings) -> None:
        self.outcomes[item.key] = settings.copy()

    def names(self, lists: list[Any], partners: list[Any], others: list[Any], maxed: bool) -> None:
        if self.clashes[1] == 0 and len(others) == 1:
            self.capture()
            self.settle(others[0], self.better)
            self.settle(partners[0], self.better)
            lists[0] = (self.better, [])
        elif self.clashes[1] == 0:
            self.capture()
            self.settle(partners[0], self.better)
            lists[0] = (self.better, others)
            if others:
                self.fresh = True
        elif len(others) == 1:
            self.capture()
            self.settle(others[0], self.better)
            lists[0] = (self.better, partners)
        elif self.clashes[1] < self.clashes[0]:
            self.capture()
            lists[0] = (self.better, partners)
            lists.append((self.better, others))
        elif maxed:
            lists[0] = (self.better, others)
            lists.append((self.better, partners))
            if self.method == len(self.methods) - 1:
                for item in partners:
                    self.settle(item, self.better)
                lists[0] = (self.better, [])

    def conditions(self, lists: list[Any], partners: list[Any], others: list[Any], maxed: bool) -> None:
        """Past the names: turn the style's ``disambiguate="true"`` on and walk the names again;
        when that is spent too, the list's cites keep the settings they have."""
        done = self.clashes[1] == 0 and len(others) < 2
        held = min(self.base.condition, self.total)  # conditions the last cites met
        if not done and (not self.base.condition or held != self.total):
            self.method = 0
            self.base.condition = self.better.condition = held
            if not held:
                self.fresh = True
                self.base.condition = 1
            else:
                self.names(lists, partners, others, False)
            return
        if done or self.method == len(self.methods) - 1:
            settings, items = lists[0]
            for item in items:
                self.settle(item, settings)
            lists[0] = (self.better, [])
        else:
            self.method = len(self.methods) - 1
            settings, items = lists[0]
            settings.condition = max(settings.condition, 1)
            for item in items:
                self.settle(item, settings)

    def suffixes(self, lists: list[Any], partners: list[Any], others: list[Any], maxed: bool) -> None:
        """Past the names: cites still alike take the best settings and a year suffix."""
        settings, items = lists[0]
        if self.clashes[1]:
            for item in items:
                self.settle(item, settings)
        lists[0] = (self.better, [])


def _key(item: Any) -> str:
    """The item's own citation key where the engine gave one (its internal id otherwise)."""
    return str(item.reference.get(KEY) or item.key)


def methods(has_conditions: bool, add_suffix: bool) -> list[str]:
    """The methods in citeproc-js's order: names (and given names), year suffixes, then the
    condition."""
    found = ["names"]
    if add_suffix:
        found.append("suffixes")
    if has_conditions:
        found.append("conditions")
    return found


def walk(
    group: Sequence[Any],
    people: Callable[[Any], list[Any]],
    form: NameForm,
    render: Render,
    steps: Sequence[str],
    add_names: bool,
    total: int,
) -> dict[str, Settings]:
    """The settled settings of ``group`` (``total``: the style's ``disambiguate`` conditions);
    which cites are still alike for year suffixes the caller finds by rendering them."""
    stepper = Stepper(group, people, form, render, steps, add_names, total)
    stepper.run()
    return stepper.outcomes
