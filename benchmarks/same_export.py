"""Byte-identity check of a reader change: CSL-JSON export of each .bib with two source trees.

    python benchmarks/same_export.py /work/main/src src /work/corpus/*.bib

Each tree exports every file in a fresh process (``PYTHONPATH=<tree>``); the CSL-JSON texts and
the problems (code, severity, place, message) must be the same, byte for byte. Exit 1 otherwise.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

_EXPORT = """
import json, sys
from pathlib import Path
from trialbib.io.export import export_items
from trialbib.io.load import load_bibliographies
out = {}
for path in sys.argv[1:]:
    bib = load_bibliographies(Path(path))
    problems = [f"{p.code} {p.severity} {p.location} {p.message}" for p in bib.problems]
    out[path] = [export_items(bib.items, "csl-json").text, problems]
print(json.dumps(out))
"""


def exported(tree: str, paths: list[str]) -> dict[str, list]:
    env = {**os.environ, "PYTHONPATH": os.path.abspath(tree)}
    done = subprocess.run([sys.executable, "-c", _EXPORT, *paths], capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout)


def main() -> int:
    before, after, *paths = sys.argv[1:]
    one, two = exported(before, paths), exported(after, paths)
    differ = [path for path in paths if one[path] != two[path]]
    for path in paths:
        print(f"{'DIFFERS' if path in differ else 'same'}  {path}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
