"""One measured operation in a fresh process: prints JSON with seconds, items and peak RSS."""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> None:
    op, path = sys.argv[1], sys.argv[2]
    started = time.perf_counter()
    items, start, cpu_start = run(op, path)
    seconds = time.perf_counter() - start
    cpu = _cpu() - cpu_start  # beside wall time: on a shared machine it is the fairer figure
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    total = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "cpu": cpu, "total": total, "items": items, "rss_mb": rss_kb / 1024}))


def run(op: str, path: str) -> tuple[int, float, float]:
    """Run ``op``; return the number of items it handled and when (wall, CPU) the measured part began."""
    items, start = _run(op, path)
    return items, start, _CPU_START.get(start, 0.0)


_CPU_START: dict[float, float] = {}


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (forked workers count too)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _mark() -> float:
    """Now, as the start of the measured part (wall clock), remembering the CPU clock with it."""
    now = time.perf_counter()
    _CPU_START[now] = _cpu()
    return now


def _run(op: str, path: str) -> tuple[int, float]:
    start = _mark()
    if op == "bare":
        import bibtexparser

        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        return len(bibtexparser.parse_string(text, parse_stack=[]).entries), start
    if op == "check":  # the whole of `trialbib check FILE`: read, parse and every default rule
        from trialbib.checks.config import load_config
        from trialbib.checks.engine import load_context, resolve_inputs, run_checks

        config = load_config(None)
        ctx = load_context(config, resolve_inputs(config, (path,), None, None))
        run_checks(config, ctx)
        return len(ctx.bib.items) if ctx.bib else 0, start
    if op == "import":  # `trialbib import EXPORT.json --into new.bib`: a Zotero export into an empty file
        import tempfile

        from trialbib.io.csljson import write_csljson
        from trialbib.io.load import load_bibliographies
        from trialbib.merge import import_into

        with tempfile.TemporaryDirectory() as tmp:
            exported = f"{tmp}/export.json"
            with open(exported, "w", encoding="utf-8") as handle:
                handle.write(write_csljson(load_bibliographies(path).items))
            start = _mark()
            result = import_into(exported, f"{tmp}/new.bib")
        return len(result.merge.outcomes), start
    from trialbib.io.load import load_bibliographies

    bib = load_bibliographies(path)  # the model, as render and export load it
    if op == "parse":
        return len(bib.items) + sum(1 for p in bib.problems if p.severity == "error"), start
    if op == "export":  # the whole conversion, as `pandoc -f bibtex -t csljson` does it: read and write
        from trialbib.io.export import export_items

        export_items(bib.items, "csl-json").data  # noqa: B018  (the bytes a file gets, as the CLI writes them)
        return len(bib.items), start
    start = _mark()
    if op.startswith("render-"):
        from trialbib.render.engine import render_bibliography

        style = "apa" if op.startswith("render-apa") else "gb7714"
        rendered = render_bibliography(bib.items, style, cache=op.endswith("warm"))
        if op.endswith("warm"):  # the cache is filled; change one entry and time the re-render
            bib.items[len(bib.items) // 2]["title"] = "A title changed since the last run"
            start = _mark()
            rendered = render_bibliography(bib.items, style)
        return len(rendered), start
    if op == "export-write":  # writing alone, the model already read
        from trialbib.io.export import export_items

        export_items(bib.items, "csl-json").data  # noqa: B018
        return len(bib.items), start
    raise SystemExit(f"unknown op {op}")


if __name__ == "__main__":
    main()
