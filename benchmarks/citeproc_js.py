"""Differential test: the same CSL-JSON items rendered by trialbib and by citeproc-js.

    python benchmarks/citeproc_js.py [--bib references.bib] [--bib /work/shared/data/bench/iridia.bib --limit 500]
                                     [--styles apa,ieee] [--show 5] [--json OUT]

Each bibliography is read with trialbib's reader, rendered with every style by trialbib (plain
text, no cache) and by citeproc-js (``benchmarks/citeproc_js.mjs``, text output, citeproc-js
from CITEPROC_JS_DIR or /work/tools/node_modules/..), and compared entry by entry after
whitespace is collapsed. Prints identical entries per style and, with ``--show``, the first
differing entries; ``--time`` also times both cold renders of the same items.

trialbib renders twice: as a CSL processor (its deliberate departures off, as
``benchmarks/csl_suite.py`` runs it: terms from the style's locale, organisation names cased by
``cs:name-part``), which is the like-for-like figure, and as the product renders by default
(terms in each item's language: ``et al.`` for English items in GB/T, where the style says
``等``), printed beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

STYLES = {
    "APA": "apa",
    "Chicago author-date": "chicago-author-date",
    "Chicago note": "chicago-notes-bibliography",
    "Vancouver": "nlm-citation-sequence",
    "IEEE": "ieee",
    "Nature": "nature",
    "AMA": "american-medical-association",
    "Harvard": "harvard-cite-them-right",
    "MLA": "modern-language-association",
    "GB/T numeric": "china-national-standard-gb-t-7714-2015-numeric",
    "GB/T author-date": "china-national-standard-gb-t-7714-2015-author-date",
}


def js_dir() -> Path:
    found = os.environ.get("CITEPROC_JS_DIR")
    if found:
        return Path(found)
    return Path("/work/tools/node_modules/..").resolve()


def load_items(path: Path, limit: int | None) -> list[dict[str, Any]]:
    from trialbib.api import load_bibliography

    items = load_bibliography(path).items
    return [dict(item) for item in items[:limit]] if limit else [dict(item) for item in items]


def untruncated(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items without trialbib's ``author-truncated`` flag, which citeproc-js cannot read (it
    would print no et al. after a list the source truncated); a documented difference."""
    out = []
    for item in items:
        data = dict(item)
        custom = {k: v for k, v in (data.get("custom") or {}).items() if k != "author-truncated"}
        data["custom"] = custom
        out.append(data)
    return out


def for_js(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items as citeproc-js reads them: no trialbib-only fields."""
    return [{k: v for k, v in item.items() if k not in ("custom", "citation-key")} for item in items]


def style_path(name: str, folder: Path) -> str:
    """The style's XML as trialbib uses it (a dependent style resolved to its parent)."""
    from trialbib.render.styles import resolve_style

    path = folder / f"{name.replace('/', '_')}.csl"
    path.write_bytes(resolve_style(name).data)
    return str(path)


def citeproc_js(items_file: Path, style: str, fmt: str = "text") -> dict[str, Any]:
    import citeproc

    locales = Path(citeproc.__file__).parent / "data" / "locales"
    env = dict(os.environ, CITEPROC_JS_DIR=str(js_dir()))
    mjs = Path(__file__).resolve().parent / "citeproc_js.mjs"
    done = subprocess.run(
        ["node", str(mjs), str(items_file), style, str(locales), fmt], capture_output=True, text=True, env=env
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "citeproc-js failed")
    return json.loads(done.stdout)


# trialbib's deliberate departures, off (as benchmarks/csl_suite.py runs it): terms from the
# style's locale, organisation names cased by cs:name-part
PROCESSOR = {"item_locales": False, "literal_as_written": False}


def render_as_processor(items: list[dict[str, Any]], style: str) -> dict[str, str]:
    """The entries as trialbib renders them with its departures off (plain text, no cache)."""
    from trialbib.render import csl, engine, formats

    session = engine._Session(items, style, None, None)  # noqa: SLF001  (a benchmark of the engine's own session)
    session.state = csl.RenderState(**PROCESSOR)
    rendered = engine._render_entries(session)  # noqa: SLF001
    out = {}
    for cite, html in zip(session.bib.items, rendered, strict=True):
        out[session.back[cite.key]] = formats.convert(formats.tokens(str(html)), "text")
    return out


def normalise(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text


def strip_number(text: str) -> str:
    """citeproc-js's text output glues ``[1]``/``1.`` to the entry as trialbib separates it."""
    return re.sub(r"^(\[\d+\]|\d+\.)\s*", r"\1 ", text)


KINDS = (
    ("apostrophe", lambda t: t.replace("\u2019", "'")),
    ("range dash", lambda t: t.replace("\u2013", "-")),
    ("quotes", lambda t: re.sub("[\u201c\u201d\u2018\u2019\"']", "", t)),
    ("letter case", str.lower),
    ("punctuation/spacing", lambda t: re.sub(r"[\s.,;:]", "", t)),
)


def kind(ours: str, theirs: str) -> str:
    """A rough class of one difference, by the first normalisation that makes it vanish."""
    if ("et al" in ours) != ("et al" in theirs):
        return "et al./names"
    for name, norm in KINDS:
        if norm(ours) == norm(theirs):
            return name
    return "other"


def compare(items: list[dict[str, Any]], styles: dict[str, str], show: int, timing: bool) -> dict[str, Any]:
    from trialbib.render.engine import render_bibliography

    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        items_file = Path(tmp) / "items.json"
        items_file.write_text(json.dumps(for_js(items), ensure_ascii=False), "utf-8")
        for label, style in styles.items():
            path = style_path(style, Path(tmp))
            try:
                js = citeproc_js(items_file, path)
            except RuntimeError as exc:
                report[label] = {"error": str(exc)}
                print(f"{label:<18} citeproc-js failed: {exc}")
                continue
            started = time.perf_counter()
            product = {e.key: e.text for e in render_bibliography(items, style, "text", cache=False)}
            seconds = time.perf_counter() - started
            ours = render_as_processor(items, style)
            theirs = {key: strip_number(normalise(text)) for key, text in js["entries"].items()}
            theirs.update({key: "" for key in js.get("failed", [])})  # no entry: trialbib's is empty
            same = [k for k in ours if k in theirs and normalise(ours[k]) == theirs[k]]
            product_same = [k for k in product if k in theirs and normalise(product[k]) == theirs[k]]
            diffs = [k for k in ours if k not in same]
            kinds: dict[str, int] = {}
            for k in diffs:
                found = kind(normalise(ours[k]), theirs.get(k, ""))
                kinds[found] = kinds.get(found, 0) + 1
            departures: dict[str, int] = {}  # entries only the product's departures change
            for k in product:
                if k not in product_same and k in same:
                    found = kind(normalise(product[k]), theirs.get(k, ""))
                    departures[found] = departures.get(found, 0) + 1
            departures: dict[str, int] = {}  # entries only the product's departures change
            for k in product:
                if k not in product_same and k in same:
                    found = kind(normalise(product[k]), theirs.get(k, ""))
                    departures[found] = departures.get(found, 0) + 1
            report[label] = {
                "style": style,
                "entries": len(ours),
                "identical": len(same),
                "differing": diffs,
                "product_identical": len(product_same),
                "product_differing": [k for k in product if k not in product_same],
                "product_departures": departures,
                "kinds": kinds,
                "trialbib_s": seconds,
                "citeproc_js_s": js["seconds"],
            }
            pct = 100 * len(same) / max(1, len(ours))
            extra = f"  trialbib {seconds:.2f}s citeproc-js {js['seconds']:.2f}s" if timing else ""
            product_pct = 100 * len(product_same) / max(1, len(product))
            print(
                f"{label:<18} {len(same):>5}/{len(ours):<5} identical ({pct:5.1f}%)"
                f"   product default: {len(product_same):>5}/{len(product):<5} ({product_pct:5.1f}%){extra}"
            )
            if kinds:
                print(
                    "    differences: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda x: -x[1]))
                )
            if departures:
                print(
                    "    product's departures only: "
                    + ", ".join(f"{k} {n}" for k, n in sorted(departures.items(), key=lambda x: -x[1]))
                )
            for key in diffs[:show]:
                print(f"    {key}\n      trialbib:    {normalise(ours[key])}\n      citeproc-js: {theirs.get(key)}")
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bib", type=Path, action="append", help="bibliography files (default: references.bib)")
    parser.add_argument("--limit", type=int, help="first N items of each file")
    parser.add_argument("--styles", help="comma-separated style names (default: the eleven of the issue)")
    parser.add_argument("--show", type=int, default=0, help="print the first N differing entries per style")
    parser.add_argument("--time", action="store_true", help="print both render times")
    parser.add_argument("--json", type=Path, help="write the report here")
    parser.add_argument("--keep-truncation", action="store_true", help="keep author-truncated (et al. in trialbib)")
    args = parser.parse_args()
    styles = {s: s for s in args.styles.split(",")} if args.styles else STYLES
    report = {}
    for bib in args.bib or [ROOT / "references.bib"]:
        items = load_items(bib, args.limit)
        items = items if args.keep_truncation else untruncated(items)
        print(f"{bib.name}: {len(items)} items")
        report[str(bib)] = compare(items, styles, args.show, args.time)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    main()
