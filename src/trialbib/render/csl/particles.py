"""Name particles read from the family and given names, as citeproc-js reads them.

CSL-JSON from Zotero and most converters gives ``{"family": "van Gogh", "given": "Vincent"}``
or ``{"family": "Humboldt", "given": "Alexander von"}``; citeproc-js splits the lower-case
particles off (``van`` non-dropping, ``von`` dropping) so that ``demote-non-dropping-particle``
and sorting see ``Gogh``. citeproc-py takes the family name whole. A family name in double
quotes, ``parse-names: false`` or ``static-particles`` keeps the name as written.
Hand-written: it follows citeproc-js's ``parseParticles``; no library does this for CSL-JSON.
"""

from __future__ import annotations

import re
from typing import Any

GLUE = "\u2060"  # after a particle that joins its family name (al-, d'): the space is dropped
_FAMILY = re.compile("^([^ ]+(?:-|\u02bb|\u2019| |') *)(.+)$")
_GIVEN = re.compile("^([^ ]+(?:\u02bb |\u2019 | |' ) *)(.+)$")
_FIRST = re.compile("^[-'\u02bb\u2019\\s]*(.).*$", re.S)


def _is_particle(text: str) -> bool:
    first = _FIRST.sub(r"\1", text)
    return bool(first) and first.upper() != first


def _split(value: str, given: bool) -> tuple[str, list[str]]:
    original = value
    text = value[::-1] if given else value
    pattern = _GIVEN if given else _FAMILY
    particles: list[str] = []
    found = pattern.match(text)
    while found:
        part = found.group(1)[::-1] if given else found.group(1)
        if not _is_particle(part):
            break
        if given:
            particles.append(original[-len(part) :])
            original = original[: -len(part)]
        else:
            particles.append(original[: len(part)])
            original = original[len(part) :]
        text = found.group(2)
        found = pattern.match(text)
    if given:
        particles.reverse()
        for i in range(1, len(particles)):
            if particles[i].startswith(" "):
                particles[i - 1] += " "
        particles = [p[1:] if p.startswith(" ") else p for p in particles]
        return original[: len(text)], particles
    return original[len(original) - len(text) :], particles


def _trim_last(text: str) -> str:
    last = text[-1:]
    text = text.strip()
    if last == " " and text[-1:] in ("'", "\u2019"):
        text += " "
    return text


def unglue(text: Any) -> Any:
    """``text`` with the space after a joining particle, and the mark itself, removed."""
    if text is None or GLUE not in str(text):
        return text
    return text.replace(GLUE + " ", "").replace(GLUE, "")


_SUFFIX = re.compile(r"\s*,!*\s*")


def split_suffix(given: str) -> tuple[str, str | None, bool]:
    """(given, suffix, comma before the suffix) of a given name typed with its suffix after a
    comma: ``John, III`` -> ``III``; ``John,! Jr.`` -> ``Jr.`` printed after a comma (``, Jr.``)."""
    found = _SUFFIX.search(given)
    if found is None or given[found.end() :].replace(".", "") == "et al":
        return given, None, False
    comma = found.group().replace(" ", "").replace("\t", "")
    return given[: found.start()], given[found.end() :] or None, len(comma) == 2


def parse(family: str, given: str) -> tuple[str, str, str | None, str | None]:
    """(family, given, dropping particle, non-dropping particle) of a name typed as one family
    and one given name."""
    family, family_particles = _split(family, False)
    non_dropping = _trim_last("".join(family_particles)) or None
    given, given_particles = _split(given, True)
    dropping = "".join(given_particles).strip() or None
    return family, given, dropping, non_dropping
