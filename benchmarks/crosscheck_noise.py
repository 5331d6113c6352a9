"""False alarms of ``crosscheck`` on correct printed lists: render real entries, cross-check them.

    PYTHONPATH=src python benchmarks/crosscheck_noise.py FILE.bib [FILE.bib ...] [--per-file 60] [--seed 17]
        [--styles gb7714-2015,gb7714-2025,vancouver,apa] [--show 20] [--paste]

From each bibliography, ``--per-file`` journal articles with authors, a title, a journal and a
year are drawn with a fixed seed. They are rendered by trialbib in each style (a correct list,
by construction) and the rendered text is cross-checked against the same entries. Every
substantive finding on such a list is a false alarm; the script prints their number per style
and the first ``--show`` of them for review. ``--paste`` cross-checks the list as a user pastes
it from a PDF instead: lines wrapped at 80 characters with words hyphenated at the break,
ligatures (ﬁ, ﬂ), curly quotes, non-breaking spaces, and ``[1]`` numbers written ``1.``.
The figures are in docs/crosscheck.md.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter

from trialbib.api import load_bibliography, render
from trialbib.crosscheck import crosscheck
from trialbib.model import Bibliography


def sample(paths: list[str], per_file: int, seed: int) -> Bibliography:
    """Journal articles a printed list would hold, drawn with a fixed seed from each file."""
    chosen = []
    for path in paths:
        bib = load_bibliography(path, strict=False)
        fit = [
            item
            for item in bib.items
            if item.get("type") == "article-journal"
            and item.get("author")
            and item.get("title")
            and item.get("container-title")
            and item.get("issued")
        ]
        chosen += random.Random(seed).sample(fit, min(per_file, len(fit)))
    return Bibliography(items=chosen, source="sample")


def pasted(text: str, width: int = 80) -> str:
    """``text`` as copied from a PDF: wrapped and hyphenated, ligatures, curly quotes, NBSPs."""
    text = text.replace("fi", "\ufb01").replace("fl", "\ufb02")
    text = re.sub(r"'(?=\w)", "\u2019", re.sub(r"(?<=\w)'", "\u2019", text))
    text = re.sub(r'"(\w)', "\u201c\\1", text).replace('"', "\u201d")
    text = re.sub(r"^\[(\d+)\]\s*", "\\1.\u00a0", text, flags=re.MULTILINE)
    text = re.sub(r"(?<=\b[A-Z]) (?=[A-Z]\b)", "\u00a0", text)  # between initials
    lines = []
    for entry in text.split("\n"):
        while len(entry) > width:
            start = entry.rfind(" ", 0, width) + 1
            end = entry.find(" ", width) % (len(entry) + 1)
            word = entry[start:end]
            breaks = [i for i, c in enumerate(word) if c in "/." and 0 < start + i < width]
            if re.match(r"(?:https?://|www\.|doi:|10\.)", word) and breaks:  # a link breaks after / or .
                cut = start + breaks[-1] + 1
                lines.append(entry[:cut])
            elif word.isalpha() and len(word) >= 8 and width - start >= 3 and end - width >= 3:
                cut = width  # a long word hyphenated at the break
                lines.append(entry[:cut] + "-")
            elif start > 0:
                cut = start
                lines.append(entry[:cut].rstrip())
            else:
                break
            entry = entry[cut:]
        lines.append(entry)
    return "\n".join(lines)


STYLES = {"gb7714-2015": "gb7714-2015", "gb7714-2025": "gb7714-2025", "vancouver": "vancouver", "apa": "apa"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--per-file", type=int, default=60)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--styles", default="gb7714-2015,vancouver,apa")
    parser.add_argument("--show", type=int, default=20)
    parser.add_argument("--paste", action="store_true", help="as pasted from a PDF")
    args = parser.parse_args()
    bib = sample(args.files, args.per_file, args.seed)
    print(f"{len(bib.items)} entries from {len(args.files)} bibliographies")
    for style in args.styles.split(","):
        try:
            entries = render(bib, style=style)
        except Exception as exc:  # a style this build does not have: say so, go on
            print(f"== {style}: cannot render ({exc})")
            continue
        text = "\n".join(e.text for e in entries)  # as the style prints it, numbered or not
        if args.paste:
            text = pasted(text)
        order = [e.key for e in entries]
        by_key = {item["id"]: item for item in bib.items}
        report = crosscheck(text, Bibliography(items=[by_key[k] for k in order], source="sample"))
        substantive = [d for d in report.differences if d.substantive]
        kinds = Counter(f"{d.kind} {d.field}" for d in substantive)
        typography = sum(1 for d in report.differences if d.group == "typography")
        print(
            f"== {style}: {len(entries)} printed, {report.matched} matched; "
            f"{len(substantive)} substantive {dict(kinds.most_common())}; {typography} typography"
        )
        for d in substantive[: args.show]:
            line = next((e.text for e in entries if e.key == d.key), "")
            print(f"  {d.label} {d.kind} {d.field}: printed {d.printed!r}, expected {d.expected!r} ({d.message})")
            print(f"      {line[:220]}")


if __name__ == "__main__":
    main()
