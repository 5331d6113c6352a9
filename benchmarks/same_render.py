"""Whether a change kept every rendered entry byte-identical: dump, then compare.

    PYTHONPATH=/work/main/src python benchmarks/same_render.py dump before.json --size 1000
    PYTHONPATH=src python benchmarks/same_render.py dump after.json --size 1000 --jobs 2
    python benchmarks/same_render.py compare before.json after.json

A dump holds, per style, every entry's number, key, text and HTML of a cold render of N real
items (benchmarks/scale.py), the render's warnings, and the citation of the first 40 keys.
``--jobs 2`` renders on two cores from 2 entries on, so the parallel path is the one compared.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

STYLES = [
    "gb7714",
    "gb7714-2015",
    "gb7714-author-date",
    "apa",
    "chicago-author-date",
    "vancouver",
    "ieee",
    "nature",
    "ama",
    "harvard",
    "modern-language-association",
]


def dump(size: int, jobs: int | None) -> dict[str, Any]:
    from scale import scaled

    from trialbib.io.load import load_bibliographies
    from trialbib.render import engine

    if jobs is not None:
        os.environ["TRIALBIB_JOBS"] = str(jobs)
        engine.PARALLEL_MIN = 2 if jobs > 1 else engine.PARALLEL_MIN
    items = load_bibliographies(scaled(size)).items
    out: dict[str, Any] = {}
    for style in STYLES:
        rendered = engine.render_bibliography(items, style, cache=False)
        out[style] = [[e.number, e.key, e.text, e.html] for e in rendered] + [rendered.warnings]
        keys = [e.key for e in rendered][:40]
        out[f"{style} citation"] = engine.render_citation(items, keys, style).html
    return out


def compare(before: dict[str, Any], after: dict[str, Any]) -> int:
    """Print the styles whose output differs (first differing entries); return how many."""
    differing = 0
    for style in sorted(set(before) | set(after)):
        old, new = before.get(style), after.get(style)
        if old == new:
            continue
        differing += 1
        if isinstance(old, list) and isinstance(new, list):
            diffs = [(a, b) for a, b in zip(old, new, strict=False) if a != b]
            print(f"{style}: {len(diffs)} entries differ (lengths {len(old)}, {len(new)}); first: {diffs[:1]}")
        else:
            print(f"{style}: {str(old)[:200]!r} -> {str(new)[:200]!r}")
    print(f"{len(set(before) | set(after))} outputs compared, {differing} differ")
    return differing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("dump")
    make.add_argument("out")
    make.add_argument("--size", type=int, default=1000)
    make.add_argument("--jobs", type=int, default=None)
    check = sub.add_parser("compare")
    check.add_argument("before")
    check.add_argument("after")
    args = parser.parse_args()
    if args.command == "dump":
        Path(args.out).write_text(json.dumps(dump(args.size, args.jobs), ensure_ascii=False), "utf-8")
        return
    before, after = (json.loads(Path(path).read_text("utf-8")) for path in (args.before, args.after))
    sys.exit(1 if compare(before, after) else 0)


if __name__ == "__main__":
    main()
