"""trialbib's GB/T 7714-2025 styles against two other implementations, entry by entry.

    python benchmarks/gbt7714_diff.py --zc ZC_REPO [--bibtex GBT7714_REPO] [--out report.md]

ZC_REPO is a clone (or bare git directory) of zotero-chinese/styles: its styles
"GB-T-7714—2025（顺序编码，双语）" and "（著者-出版年，双语）" are read from it at run time and
rendered with citeproc-js (``npm install --prefix benchmarks/.js citeproc``, or CITEPROC_JS_DIR
pointing at a folder with node_modules/citeproc, as for benchmarks/run.py); nothing of theirs
is copied into this repository. Item sets:

- ``conformance``: the standard's examples in tests/data/gbt7714/ with the line the standard
  prints, so each difference is judged three ways (ours, theirs, the standard's);
- ``shipped``: the 24 references of references.bib as trialbib's BibTeX reader gives them;
- ``zc-items``: zotero-chinese's own typing of the standard's examples (items.json), in
  Zotero's conventions (``note`` lines ``key: value`` are variables, as citeproc-js reads them).

GBT7714_REPO is a clone of zepinglee/gbt7714-bibtex-style: the package's rendering of its
gbt7714-examples.bib (tests/testfiles/2025-numeric.tlg) is compared with trialbib reading the
same .bib with its own BibTeX reader, TeX markup stripped.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from trialbib.api import load_bibliography  # noqa: E402
from trialbib.render.engine import render_bibliography  # noqa: E402

ZC_STYLES = {"numeric": "顺序编码，双语", "author-date": "著者-出版年，双语"}
OURS = {"numeric": "gb7714-2025", "author-date": "gb7714-2025-author-date"}
NUMBER = re.compile(r"^\[\d+\]\s*")
CSL_VARIABLES = {
    "page",
    "DOI",
    "URL",
    "medium",
    "version",
    "number",
    "publisher",
    "publisher-place",
    "status",
    "genre",
    "event-title",
    "archive",
    "archive_location",
    "edition",
    "volume",
    "issue",
    "scale",
    "dimensions",
    "section",
    "original-date",
    "available-date",
    "references",
    "number-of-pages",
    "archive-place",
    "jurisdiction",
    "authority",
    "event-place",
    "type",
}
DATES = {"original-date", "available-date"}


def git_file(repo: Path, path: str) -> bytes:
    """A file of a clone or a bare mirror, without a work tree."""
    if (repo / path).exists():
        return (repo / path).read_bytes()
    git_dir = repo / ".git" if (repo / ".git").exists() else repo
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"HEAD:{path}"], capture_output=True, check=True
    ).stdout


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", NUMBER.sub("", text.strip()))


def loose(text: str) -> str:
    """Without case, spaces and the width of punctuation: what is left is a difference of content."""
    table = str.maketrans("，：；（）", ",:;()")
    return re.sub(r"\s+", "", text.translate(table)).casefold()


def note_variables(item: dict[str, Any]) -> dict[str, Any]:
    """Zotero's ``note`` lines ``key: value`` as variables, which citeproc-js reads and citeproc-py does not."""
    item = dict(item)
    rest = []
    for line in str(item.get("note", "")).splitlines():
        key, _, value = line.partition(": ")
        if key in CSL_VARIABLES and value and (key not in item or key == "type"):
            if key in DATES:
                item[key] = {"raw": value}
            else:
                item[key] = value
        else:
            rest.append(line)
    item["note"] = "\n".join(rest)
    if not item["note"]:
        del item["note"]
    return item


def locales_dir() -> str:
    import citeproc

    return str(Path(citeproc.__file__).parent / "data" / "locales")


def for_citeproc_js(item: dict[str, Any]) -> dict[str, Any]:
    """trialbib keeps a list printed with "et al." as its printed names plus ``custom``
    ``author-truncated``, which CSL-JSON has no field for; citeproc-js is given a placeholder
    creator instead, so that both engines see a list longer than three."""
    if item.get("custom", {}).get("author-truncated") and len(item.get("author", [])) >= 3:
        return {**item, "author": [*item["author"], {"literal": "(more)"}]}
    return item


def citeproc_js(items: list[dict[str, Any]], style: bytes) -> dict[str, str]:
    items = [for_citeproc_js(item) for item in items]
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "items.json").write_text(json.dumps(items, ensure_ascii=False), "utf-8")
        (Path(tmp) / "style.csl").write_bytes(style)
        env = {**os.environ, "CITEPROC_JS_DIR": os.environ.get("CITEPROC_JS_DIR", str(HERE / ".js"))}
        done = subprocess.run(
            ["node", str(HERE / "gbt7714_citeproc_js.mjs"), f"{tmp}/items.json", f"{tmp}/style.csl", locales_dir()],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
    return {key: clean(value) for key, value in json.loads(done.stdout).items()}


def trialbib(items: list[dict[str, Any]], style: str) -> dict[str, str]:
    out = {}
    for item in items:
        out[item["id"]] = clean(render_bibliography([item], style, cache=False)[0].text)
    return out


def compare(name: str, items: list[dict[str, Any]], kind: str, zc: bytes, expected: dict[str, str]) -> list[str]:
    """Report lines for one item set: counts, then every entry that differs."""
    ours, theirs = trialbib(items, OURS[kind]), citeproc_js(items, zc)
    same = sum(ours[i["id"]] == theirs[i["id"]] for i in items)
    same_doi = sum(dash(ours[i["id"]]) == dash(theirs[i["id"]]) for i in items)
    same_loose = sum(loose(ours[i["id"]]) == loose(theirs[i["id"]]) for i in items)
    lines = [
        f"## {name} ({kind}, {len(items)} items)",
        "",
        f"- trialbib = zotero-chinese/citeproc-js: {same} exact, {same_doi} but for `DOI: `/`DOI:`, "
        f"{same_loose} ignoring case/spaces/width",
    ]
    if expected:
        for who, got in (("trialbib", ours), ("zotero-chinese", theirs)):
            hits = sum(got[k] == v for k, v in expected.items())
            lines.append(f"- {who} = the standard's line: {hits}/{len(expected)}")
    lines.append("")
    for item in items:
        key = item["id"]
        if ours[key] == theirs[key]:
            continue
        if dash(ours[key]) == dash(theirs[key]):
            lines += [f"### {key} (`DOI: ` only)", ""]
            continue
        lines += [f"### {key}", f"    ours   {ours[key]}", f"    theirs {theirs[key]}"]
        if key in expected:
            lines.append(f"    std    {expected[key]}")
        lines.append("")
    return lines


def conformance(kind: str) -> tuple[list[dict[str, Any]], dict[str, str]]:
    name = "gbt7714-2025-numeric.json" if kind == "numeric" else "gbt7714-2025-author-date.json"
    cases = json.loads((ROOT / "tests/data/gbt7714" / name).read_text("utf-8"))["cases"]
    items = [{**c["item"], "id": c["id"]} for c in cases]
    return items, {c["id"]: c["expected"] for c in cases}


# --- the gbt7714 BibTeX package's own rendering -------------------------------------------------

TEX = [
    (r"\\allowbreak\s*", ""),
    (r"\\newblock\s*", ""),
    (r"\\url\{([^}]*)\}", r"\1"),
    (r"\\doi\{([^}]*)\}", r"\1"),
    (r"\\cstr\{([^}]*)\}", r"\1"),
    (r"\\href\{[^}]*\}\{([^}]*)\}", r"\1"),
    (r"\\(?:emph|textit|textbf)\{([^}]*)\}", r"\1"),
    (r"\\&", "&"),
    (r"\\%", "%"),
    (r"\\_", "_"),
    (r"\\#", "#"),
    (r"~", " "),
    (r"\\ ", " "),
    (r"---", "—"),
    (r"--", "–"),
    (r"\\textendash\s*", "–"),
    (r"\\textemdash\s*", "—"),
    (r"\\,", " "),
    (r"\\natexlab\{([^}]*)\}", r"\1"),
    (r"\{|\}", ""),
]


def tlg_entries(text: str) -> dict[str, str]:
    """``\\bibitem[label]{key}`` blocks of a .bbl/.tlg, as plain text."""
    out = {}
    for block in re.split(r"\n(?=\\bibitem)", text):
        head = re.match(r"\\bibitem(?:\[[^\]]*(?:\][^\]]*)*?\])?\{([^}]*)\}\s*", block)
        if not head:
            continue
        body = block[head.end() :].split("\\end{thebibliography}")[0]
        for pattern, repl in TEX:
            body = re.sub(pattern, repl, body)
        out[head.group(1)] = re.sub(r"\s+", " ", body).strip()
    return out


def dash(text: str) -> str:
    """The package's en dash and ``DOI:`` against trialbib's ``-`` and ``DOI: `` (documented choices)."""
    return text.replace("–", "-").replace("DOI: ", "DOI:")


def bibtex_package(repo: Path) -> list[str]:
    theirs = tlg_entries(git_file(repo, "tests/testfiles/2025-numeric.tlg").decode("utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        bib_path = Path(tmp) / "gbt7714-examples.bib"
        bib_path.write_bytes(git_file(repo, "gbt7714-examples.bib"))
        bib = load_bibliography(bib_path, strict=False)
    items = {item["id"]: item for item in bib.items}
    keys = [k for k in theirs if k in items and re.match(r"gbt7714\.(8|9\.2|b)\.", k, re.I)]
    ours = {k: clean(render_bibliography([items[k]], OURS["numeric"], cache=False)[0].text) for k in keys}
    exact = [k for k in keys if dash(ours[k]) == dash(theirs[k])]
    near = [k for k in keys if k not in exact and loose(dash(ours[k])) == loose(dash(theirs[k]))]
    lines = [
        f"## gbt7714 BibTeX package, gbt7714-2025-numeric ({len(keys)} entries of clauses 8, 9.2, annex B)",
        "",
        f"- identical (en dash and `DOI:` spacing aside): {len(exact)}",
        f"- identical ignoring case, spaces and punctuation width as well: {len(exact) + len(near)}",
        "",
    ]
    for k in keys:
        if k in exact:
            continue
        lines += [
            f"### {k}{' (case/space/width only)' if k in near else ''}",
            f"    ours   {ours[k]}",
            f"    theirs {theirs[k]}",
            "",
        ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zc", type=Path, required=True, help="zotero-chinese/styles clone or git directory")
    parser.add_argument("--bibtex", type=Path, help="zepinglee/gbt7714-bibtex-style clone or git directory")
    parser.add_argument("--out", type=Path, help="write the report here instead of stdout")
    args = parser.parse_args()
    lines = ["# GB/T 7714-2025: trialbib against zotero-chinese (citeproc-js) and the gbt7714 package", ""]
    for kind, folder in ZC_STYLES.items():
        base = f"src/GB-T-7714—2025（{folder}）/"
        style = git_file(args.zc, f"{base}GB-T-7714—2025（{folder}）.csl")
        items, expected = conformance(kind)
        lines += compare("conformance", items, kind, style, expected)
        shipped = [dict(item) for item in load_bibliography(ROOT / "references.bib").items]
        lines += compare("shipped references.bib", shipped, kind, style, {})
        zc_items = [note_variables(i) for i in json.loads(git_file(args.zc, f"{base}items.json"))]
        lines += compare("zotero-chinese items.json", zc_items, kind, style, {})
    if args.bibtex:
        lines += bibtex_package(args.bibtex)
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text, "utf-8")
        print("\n".join(line for line in lines if line.startswith(("## ", "- "))))
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
