"""How much of a default ``trialbib check`` run is real defects: a fixed sample for review by hand.

    PYTHONPATH=src python benchmarks/check_noise.py FILE.bib [FILE.bib ...] [--sample 100] [--seed 17]

For each bibliography, the default rules run (no configuration file), the findings are counted
by rule, and a sample of ``--sample`` findings, drawn with a fixed seed, is printed with the
entry's source lines, so a reviewer can mark each one a real defect or a false alarm. The
reviewed shares are recorded in docs/rules.md. Nothing is timed.
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from trialbib.checks.config import Config
from trialbib.checks.engine import Inputs, load_context, run_checks


def findings(path: str) -> tuple[list, list[str]]:
    ctx = load_context(Config(), Inputs(path))
    return run_checks(Config(), ctx).problems, (ctx.bib_text or "").split("\n")


def show(problem, lines: list[str], context: int) -> str:
    loc = problem.location
    out = [f"{loc.file}:{loc.line}: {problem.code} {problem.message} [{loc.key}]"]
    if loc.line and context:
        start = loc.line - 1
        if problem.code not in ("FLD001", "DUP003"):  # the field's line says it all
            out.append("    | " + lines[start].rstrip()[:160])
        else:
            for line in lines[start : start + context]:
                out.append("    | " + line.rstrip()[:160])
                if line.strip() == "}":
                    break
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--context", type=int, default=12, help="source lines shown per entry finding")
    args = parser.parse_args()
    for path in args.files:
        problems, lines = findings(path)
        counts = Counter(p.code for p in problems)
        print(f"== {path}: {len(problems)} default findings: {dict(counts.most_common())}")
        sample = random.Random(args.seed).sample(problems, min(args.sample, len(problems)))
        sample.sort(key=lambda p: (p.code, p.location.line or 0))
        for number, problem in enumerate(sample, 1):
            print(f"#{number} " + show(problem, lines, args.context))
        print()


if __name__ == "__main__":
    main()
