"""One measured operation in a fresh process: prints JSON with seconds, items and peak RSS."""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> None:
    op, path = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    items, start = run(op, path)
    seconds = time.perf_counter() - start
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    total = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "total": total, "items": items, "rss_mb": rss_kb / 1024}))


def run(op: str, path: str) -> tuple[int, float]:
    """Run ``op``; return the number of items it handled and when the measured part began."""
    start = time.perf_counter()
    if op == "bare":
        import bibtexparser

        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        return len(bibtexparser.parse_string(text, parse_stack=[]).entries), start
    from trialbib.io.bibtex import read_bibtex

    bib = read_bibtex(path)
    if op == "parse":
        return len(bib.items) + sum(1 for p in bib.problems if p.severity == "error"), start
    start = time.perf_counter()
    if op.startswith("render-"):
        from trialbib.render.engine import render_bibliography

        style = {"render-gb": "gb7714", "render-apa": "apa"}[op]
        return len(render_bibliography(bib.items, style)), start
    if op == "check":
        from trialbib.checks.engine import check_bibliography  # type: ignore[import-not-found]

        check_bibliography(bib)
        return len(bib.items), start
    if op == "export":
        from trialbib.io.csljson import dumps  # type: ignore[import-not-found]

        dumps(bib.items)
        return len(bib.items), start
    raise SystemExit(f"unknown op {op}")


if __name__ == "__main__":
    main()
