"""Cite positions (CSL 1.0.2 "Position"), from the citations rendered before a cite.

Citations are processed in document order (as citeproc runners do): a cite's position follows
from the cites rendered before it in the same bibliography, each with its citation's note number
(``note_index``, 0 for a citation in the text). The rules are CSL's, with the note rules that
citeproc-js applies where the specification leaves them open:

- citations in the text (note 0) and in notes are two separate sequences;
- when the note number goes down (a new chapter, say), positions start afresh;
- the first cite of a citation is ``ibid`` only when the citation before it referred to the same
  item and nothing else in its note (or was in the text), in the same note or the note before;
- a later cite of a citation is ``ibid`` when the cite before it in the citation is the same item;
- then the locators decide: the same locator or none on both, ``ibid``; a new locator,
  ``ibid-with-locator``; a locator dropped, ``subsequent``;
- ``near-note``: the item was cited at most ``near-note-distance`` notes before (any earlier
  cite in the text counts as near).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

FIRST, SUBSEQUENT, IBID, IBID_WITH_LOCATOR = "first", "subsequent", "ibid", "ibid-with-locator"


@dataclass(frozen=True)
class Position:
    """Where a cite stands among the cites before it."""

    position: str = FIRST
    near_note: bool = False
    first_note: int = 0  # first-reference-note-number (0: none, or the same note)

    def holds(self, test: str) -> bool:
        """Whether the CSL position test ``test`` is true for this cite."""
        if test == FIRST:
            return self.position == FIRST
        if test == SUBSEQUENT:
            return self.position != FIRST
        if test == IBID:
            return self.position in (IBID, IBID_WITH_LOCATOR)
        if test == IBID_WITH_LOCATOR:
            return self.position == IBID_WITH_LOCATOR
        if test == "near-note":
            return self.near_note
        return False


def note_of(citation: Any) -> int:
    """The note number a citation was given (``citation.note_index``), 0 when in the text."""
    try:
        return int(dict.get(citation, "note_index", 0) or 0)
    except (TypeError, ValueError):
        return 0


def _locator(cite: Any) -> str | None:
    locator = dict.get(cite, "locator")
    if locator is None:
        return None
    identifier = str(getattr(locator, "identifier", locator)).strip()
    if not identifier:
        return None
    return identifier + "\x00" + str(getattr(locator, "label", "") or "")


def evaluate(cite: Any, rendered: Sequence[Any], near_note_distance: int = 5) -> Position:
    """The position of ``cite`` given the cites ``rendered`` before it, in order (a cite that is
    itself among them, as when a collapsed cite renders again, sees only those before it)."""
    citation = getattr(cite, "citation", None)
    note = note_of(citation)
    citations, mine = _history(citation, note, _before(cite, rendered))
    key = cite.key
    notes = [note_of(owner) for owner, group in citations for c in group if c.key == key]
    notes += [note for c in mine if c.key == key]
    if not notes:
        return Position(FIRST)
    first_note = notes[0] if notes[0] != note else 0
    near = note - notes[-1] <= near_note_distance if note > 0 else True
    previous = _preceding(key, note, citations, mine)
    position = SUBSEQUENT
    if previous is not None:
        before, now = _locator(previous), _locator(cite)
        if before is None:
            position = IBID_WITH_LOCATOR if now is not None else IBID
        elif now is not None:
            position = IBID if now == before else IBID_WITH_LOCATOR
    return Position(position, near, first_note)


def _before(cite: Any, rendered: Sequence[Any]) -> list[Any]:
    for index, other in enumerate(rendered):
        if other is cite:
            return list(rendered[:index])
    return list(rendered)


def _history(citation: Any, note: int, earlier: list[Any]) -> tuple[list[tuple[Any, list[Any]]], list[Any]]:
    """The citations before ``citation`` in its sequence since the notes last started afresh,
    each with its cites, and the cites of ``citation`` itself rendered so far."""
    in_notes = note > 0
    citations: list[tuple[Any, list[Any]]] = []
    mine: list[Any] = []
    for other in earlier:
        owner = getattr(other, "citation", None)
        if owner is citation:
            mine.append(other)
        elif (note_of(owner) > 0) != in_notes:
            continue
        elif citations and citations[-1][0] is owner:
            citations[-1][1].append(other)
        else:
            if in_notes and citations and note_of(citations[-1][0]) > note_of(owner):
                citations = []
            citations.append((owner, [other]))
    if in_notes and citations and note_of(citations[-1][0]) > note:
        citations = []
    return citations, mine


def _preceding(key: str, note: int, citations: list[tuple[Any, list[Any]]], mine: list[Any]) -> Any:
    """The cite this one may be ibid of: the one before it in its citation, or in the citation
    before (alone in its note, in this note or the note before), when it is the same item."""
    if mine:
        return mine[-1] if mine[-1].key == key else None
    if not citations:
        return None
    owner, group = citations[-1]
    previous_note = note_of(owner)
    if previous_note == note:  # an earlier citation in the same note
        return group[-1] if group[-1].key == key else None
    alone = previous_note == 0 or sum(len(g) for o, g in citations if note_of(o) == previous_note) == 1
    if group[0].key == key and previous_note >= note - 1 and alone:
        return group[0]
    return None
