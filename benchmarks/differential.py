"""Differential test against pandoc (and biber): does trialbib read real bibliographies as they do?

    python benchmarks/differential.py /work/corpus/*.bib
    python benchmarks/differential.py FILES... --markdown docs/differential.md --json OUT.json

Each file is converted to CSL-JSON by trialbib (``--bib``'s reader) and by ``pandoc -f biblatex
-t csljson`` (pandoc's BibLaTeX reader also reads BibTeX). Entries are matched by key and these
fields compared after a light normalisation (markup, spaces, dashes, Unicode form):

    type, title, container-title, issued, author, editor, page, volume, issue, publisher, DOI

Every disagreement is classified by rules written below (:func:`classify`): *ours right*,
*theirs right* or *ambiguous*, each with its reason; the ones that belong to the BibTeX reader
(crossref, LaTeX, names, pages, dates) are marked as such. Titles that differ only in letter
case are counted apart: pandoc turns English titles into sentence case (CSL's convention),
trialbib keeps them as written. When pandoc refuses a whole file for one entry (it stops at the
first error), that entry is left out of its input and the run repeated; the entries so left
out are listed. With ``--biber`` (and biber installed), ``biber --tool`` also resolves each
file, and entries whose inherited fields biber fills and trialbib does not are counted.

The summary (per field: compared, agree, case only, disagreements by verdict) and every
disagreement go to ``--json``; ``--markdown`` writes the figures and the classes with examples.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

FIELDS = (
    "type",
    "title",
    "container-title",
    "issued",
    "author",
    "editor",
    "page",
    "volume",
    "issue",
    "publisher",
    "DOI",
)
CACHE = HERE / ".cache" / "differential"
_TAG = re.compile(r"<[^>]+>")
_INITIALS = re.compile(r"(\.)\s+(?=\w(\.|$))")  # "F. W.", "F.W." and "F. W" ("F.W") are one spelling
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_SPACE = re.compile(r"\s+")
_DASH = re.compile(r"\s*[\u2010-\u2015\u2212-]+\s*")
# A file with BibLaTeX-only fields is read with pandoc's biblatex reader, others with its bibtex one.
_BIBLATEX = re.compile(r"(?im)^\s*(date|journaltitle|langid|location|urldate|entrysubtype|pubstate|eprinttype)\s*=")
_PANDOC_ERROR = re.compile(r"line (\d+), column \d+")
_ENTRY_START = re.compile(r"^[ \t]*@(\w+)\s*[{(]\s*([^,\s]*)", re.MULTILINE)


@dataclass
class Disagreement:
    file: str
    key: str
    field: str
    ours: Any
    theirs: Any
    verdict: str  # "ours right" | "theirs right" | "ambiguous"
    reason: str
    reader: str | None = None  # the BibTeX-reader class it belongs to, if any


@dataclass
class FileResult:
    name: str
    entries: int = 0
    ours_items: int = 0
    ours_problems: list[str] = field(default_factory=list)
    pandoc_items: int = 0
    pandoc_refused: list[str] = field(default_factory=list)
    only_ours: list[str] = field(default_factory=list)
    only_theirs: list[str] = field(default_factory=list)
    seconds_ours: float = 0.0


# --- running both ---------------------------------------------------------------------------


def ours(path: Path) -> tuple[dict[str, dict[str, Any]], list[str], float]:
    import time

    from trialbib.io.load import load_bibliographies

    start = time.perf_counter()
    bib = load_bibliographies(path)
    seconds = time.perf_counter() - start
    items = {item["id"]: item for item in bib.items if item.get("id")}
    return items, [str(p) for p in bib.problems if p.severity == "error"], seconds


def pandoc(path: Path) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """pandoc's items, leaving out (and naming) each entry that makes it refuse the file."""
    text = path.read_text("utf-8", errors="replace")
    reader = (
        "csljson"
        if path.suffix == ".json"
        else "markdown"  # CSL YAML: pandoc reads it as a document's ``references`` metadata
        if path.suffix in (".yaml", ".yml")
        else "biblatex"
        if _BIBLATEX.search(text)
        else "bibtex"
    )
    digest = hashlib.sha256((reader + text).encode()).hexdigest()[:16]
    cached = CACHE / f"{path.stem}-{digest}.json"
    if cached.exists():
        data = json.loads(cached.read_text("utf-8"))
        return {item["id"]: item for item in data["items"]}, data["refused"]
    refused: list[str] = []
    for _ in range(200):
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / f"in{path.suffix}"
            source.write_text(f"---\n{text}\n...\n" if reader == "markdown" else text, "utf-8")
            done = subprocess.run(
                ["pandoc", "-f", reader, "-t", "csljson", str(source)], capture_output=True, text=True
            )
        if done.returncode == 0:
            break
        json_error = re.search(r"Error in \$\[(\d+)\]", done.stderr)
        if reader == "csljson" and json_error:
            data = json.loads(text)
            dropped = data.pop(int(json_error.group(1)))
            text = json.dumps(data, ensure_ascii=False)
            refused.append(f"{dropped.get('id')}: {done.stderr.strip().splitlines()[0][:160]}")
            continue
        match = _PANDOC_ERROR.search(done.stderr)
        if not match:
            raise SystemExit(f"pandoc failed on {path}: {done.stderr.strip()[:300]}")
        text, key = _without_entry_at(text, int(match.group(1)))
        refused.append(f"{key}: {done.stderr.strip().splitlines()[0][:160]}")
    else:
        raise SystemExit(f"pandoc refused {path} more than 200 times")
    items = json.loads(done.stdout)
    if reader in ("csljson", "markdown"):  # trialbib keys an item by its citation-key; match pandoc's
        import yaml

        raws = json.loads(text) if reader == "csljson" else (yaml.safe_load(text) or {}).get("references", [])
        keys = {str(raw.get("id")): raw.get("citation-key") or raw.get("id") for raw in raws}
        for item in items:
            item["id"] = str(keys.get(str(item["id"]), item["id"]))
    CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps({"items": items, "refused": refused}, ensure_ascii=False), "utf-8")
    return {item["id"]: item for item in items}, refused


def _without_entry_at(text: str, line: int) -> tuple[str, str]:
    """The text without the entry that holds (or ends just before) ``line``, and its key."""
    offset = sum(len(row) + 1 for row in text.split("\n")[: line - 1])
    starts = [m for m in _ENTRY_START.finditer(text) if m.start() <= offset]
    if not starts:
        return text[offset:], "<before first entry>"
    start = starts[-1]
    if start.start() == offset and len(starts) > 1:  # pandoc names the entry after the broken one
        start = starts[-2]
    after = _ENTRY_START.search(text, start.end())
    end = after.start() if after else len(text)
    return text[: start.start()] + text[end:], start.group(2)


# --- comparing ------------------------------------------------------------------------------


def text_of(value: Any) -> str:
    """A field value as plain text: markup, entities and spacing normalised."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    if not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = html.unescape(_TAG.sub("", value))
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").translate(_QUOTES)
    return _SPACE.sub(" ", text).strip()


def names_of(value: Any) -> list[str]:
    out = []
    for name in value or []:
        if "literal" in name:
            out.append(text_of(name["literal"]))
            continue
        parts = ("dropping-particle", "non-dropping-particle", "family")  # where the particle goes is style
        family = " ".join(text_of(name.get(part)) for part in parts if name.get(part))
        given = _INITIALS.sub(r"\1", text_of(name.get("given")))
        suffix = text_of(name.get("suffix"))
        out.append(", ".join(p for p in (family, given, suffix) if p))
    return out


def date_of(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    parts = value.get("date-parts")
    if parts:
        return "/".join("-".join(str(int(p)) for p in part if str(p).lstrip("-").isdigit()) for part in parts)
    return text_of(value.get("literal") or value.get("raw"))


def normal(name: str, value: Any) -> Any:
    if name in ("author", "editor"):
        return names_of(value)
    if name == "issued":
        return date_of(value)
    text = text_of(value)
    if name in ("page", "volume", "issue"):
        return _DASH.sub("-", text)
    if name == "DOI":
        return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", text.lower())
    return text


# --- classifying ----------------------------------------------------------------------------

_LATEX = re.compile(r"[\\$^{}]|\b(emph|textit|textbf|href|url)\b")


def classify(name: str, ours_v: Any, theirs_v: Any, source: str) -> tuple[str, str, str | None]:  # noqa: C901 (one case per branch, read as a table)
    """(verdict, reason, reader class) of one disagreement; ``source`` is the entry as written."""
    crossref = re.search(r"(?im)^\s*(crossref|xref|xdata)\s*=", source) is not None
    if "\ufffd" in json.dumps(theirs_v, ensure_ascii=False) and "\ufffd" not in json.dumps(ours_v, ensure_ascii=False):
        return "ours right", "pandoc reads UTF-8 only: the Latin-1 letters of this file are lost", None
    if name == "publisher" and not ours_v and re.match(r"(?i)^(https?://|www\.)", str(theirs_v)):
        return "ours right", "a web address in howpublished is the item's URL (Zotero), not its publisher", None
    if name == "publisher" and ours_v and str(ours_v).replace(" and ", "; ") == str(theirs_v):
        return "ambiguous", "pandoc splits a publisher at 'and' (a BibLaTeX list); trialbib keeps one name", None
    if not ours_v and theirs_v:
        if crossref:
            return "theirs right", "inherited from the crossref/xdata parent by pandoc, not by trialbib", "crossref"
        if name == "issued":
            return "theirs right", "pandoc reads a date trialbib does not (month range, odd year)", "dates"
        if name == "container-title" and re.search(r"(?im)^\s*(maintitle|eventtitle|series)\s*=", source):
            return "ambiguous", "pandoc takes the container from maintitle/eventtitle/series", None
        if name == "publisher" and re.search(r"(?im)^\s*(organization|institution|school)\s*=", source):
            return "ambiguous", "pandoc reads organization/institution/school as publisher for this type", None
        return "theirs right", f"trialbib leaves {name} empty", "mapping"
    if ours_v and not theirs_v:
        if name == "issued":
            return "ours right", "trialbib reads a date pandoc drops", None
        if name == "container-title":
            return "ambiguous", "trialbib takes booktitle/journal where pandoc's type mapping has no container", None
        if name == "publisher":
            return "ours right", "trialbib keeps the institution/school/organization as publisher", None
        if name == "issue":
            return "ambiguous", "trialbib reads number as the issue; pandoc keeps it as number", None
        return "ours right", f"pandoc leaves {name} empty", None
    if name == "type":
        return _type_verdict(ours_v, theirs_v, source)
    if name in ("author", "editor"):
        return _names_verdict(ours_v, theirs_v)
    ours_t, theirs_t = str(ours_v), str(theirs_v)
    if _LATEX.search(ours_t) and not _LATEX.search(theirs_t):
        return "theirs right", "LaTeX left undecoded by trialbib", "latex"
    if _LATEX.search(theirs_t) and not _LATEX.search(ours_t):
        return "ours right", "LaTeX left undecoded by pandoc", None
    if name == "page":
        if ours_t.replace(" ", "") == theirs_t.replace(" ", ""):
            return "theirs right", "spaces inside the page text dropped by trialbib", "pages"
        return "ambiguous", "page text read differently", "pages"
    if name == "issued":
        if ours_t.startswith(theirs_t):
            return "ours right", "trialbib reads a month or day pandoc drops (e.g. ADS's `month = Jan`)", None
        if theirs_t.startswith(ours_t):
            return "theirs right", "pandoc reads a month or day trialbib drops", "dates"
        return "ambiguous", "the dates differ", "dates"
    if _fold(ours_t) == _fold(theirs_t):
        return "ambiguous", "the same text but for accents or punctuation", "latex"
    if theirs_t in ours_t or ours_t in theirs_t:
        return "ambiguous", "one is a part of the other (subtitle, addon or a macro)", "latex"
    return "ambiguous", "different text", None


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in text if not unicodedata.combining(c)).lower())


def _type_verdict(ours_v: str, theirs_v: str, source: str) -> tuple[str, str, str | None]:
    etype = (_ENTRY_START.search(source) or [None, "?"])[1].lower()
    if not theirs_v:
        return "ours right", f"pandoc gives @{etype} no CSL type", None
    pair = (etype, ours_v, theirs_v)
    known = {
        ("misc", "document", "article"): ("ambiguous", "@misc: CSL document (trialbib, BBT) or article (pandoc)"),
        ("online", "webpage", "webpage"): ("ambiguous", ""),
        ("manual", "book", "report"): ("ambiguous", "@manual: book (trialbib) or report (pandoc)"),
        ("unpublished", "manuscript", "manuscript"): ("ambiguous", ""),
        ("techreport", "report", "report"): ("ambiguous", ""),
    }
    if pair in known:
        verdict, reason = known[pair]
        return verdict, reason or "type", None
    if etype == "article" and theirs_v in ("article-magazine", "article-newspaper", "article"):
        return "ambiguous", f"@article read by pandoc as {theirs_v} (from entrysubtype or journal)", None
    return "ambiguous", f"@{etype}: trialbib {ours_v}, pandoc {theirs_v}", None


_DOTLESS = "`\\'\\i` is í; pandoc keeps a dotless ı with a combining accent"


def _undotted(value: Any) -> Any:
    """pandoc's ``ı`` + combining accent (from ``\\'\\i``) as the precomposed letter."""
    if isinstance(value, list):
        return [_undotted(v) for v in value]
    return (
        unicodedata.normalize("NFC", value.replace("\u0131\u0301", "i\u0301").replace("\u0131\u0308", "i\u0308"))
        if isinstance(value, str)
        else value
    )


def _names_verdict(ours_v: list[str], theirs_v: list[str]) -> tuple[str, str, str | None]:
    if theirs_v and theirs_v[-1] == "others" and ours_v == theirs_v[:-1]:
        return "ours right", "`and others` is et al., not a person named others (pandoc keeps it as a name)", None
    if len(ours_v) != len(theirs_v):
        return "ambiguous", f"{len(ours_v)} names against {len(theirs_v)} (and-splitting, corporate names)", "names"
    for a, b in zip(ours_v, theirs_v, strict=True):
        if a != b:
            if _fold(a) == _fold(b):
                return "ambiguous", "names differ in accents, hyphens or spacing", "names"
            if "-" in b and "-" not in a:
                return "theirs right", "hyphenated given name lost by trialbib", "names"
            if _LATEX.search(a):
                return "theirs right", "LaTeX left in a name by trialbib", "latex"
            return "ambiguous", "a name is split into family and given differently", "names"
    return "ambiguous", "names differ", "names"


# --- the run --------------------------------------------------------------------------------


def entry_sources(path: Path) -> dict[str, str]:
    text = path.read_text("utf-8", errors="replace")
    starts = list(_ENTRY_START.finditer(text))
    out = {}
    for m, nxt in zip(starts, [*starts[1:], None][: len(starts)], strict=True):
        out.setdefault(m.group(2), text[m.start() : nxt.start() if nxt else len(text)])
    return out


def compare_file(path: Path, counts: dict[str, Counter[str]], found: list[Disagreement]) -> FileResult:
    result = FileResult(path.name)
    our_items, problems, seconds = ours(path)
    their_items, refused = pandoc(path)
    sources = entry_sources(path) if path.suffix not in (".json", ".yaml", ".yml") else {}
    result.ours_items, result.ours_problems, result.seconds_ours = len(our_items), problems, seconds
    result.pandoc_items, result.pandoc_refused = len(their_items), refused
    result.entries = len(set(our_items) | set(their_items))
    result.only_ours = sorted(set(our_items) - set(their_items))
    result.only_theirs = sorted(set(their_items) - set(our_items))
    for key in sorted(set(our_items) & set(their_items)):
        a, b = our_items[key], their_items[key]
        for name in FIELDS:
            va, vb = normal(name, a.get(name)), normal(name, b.get(name))
            if not va and not vb:
                continue
            counts[name]["compared"] += 1
            if va == vb:
                counts[name]["agree"] += 1
                continue
            if name not in ("author", "editor", "issued", "type") and str(va).casefold() == str(vb).casefold():
                counts[name]["case only"] += 1
                continue
            if _undotted(vb) == va:
                counts[name]["ours right"] += 1
                found.append(Disagreement(path.name, key, name, va, vb, "ours right", _DOTLESS, None))
                continue
            verdict, reason, reader = classify(name, va, vb, sources.get(key, ""))
            counts[name][verdict] += 1
            found.append(Disagreement(path.name, key, name, va, vb, verdict, reason, reader))
    return result


def biber_gaps(path: Path, our_items: dict[str, dict[str, Any]]) -> int | None:
    """Entries whose container or year biber's --tool resolution fills and trialbib leaves empty."""
    if not shutil.which("biber"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.bib"
        done = subprocess.run(
            ["biber", "--tool", "--quiet", "--output-resolve", "--output-file", str(out), str(path)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not out.exists():
            return None
        from trialbib.io.load import load_bibliographies

        resolved = {item["id"]: item for item in load_bibliographies(out).items}
    return sum(
        1
        for key, item in resolved.items()
        if key in our_items
        and any(item.get(f) and not our_items[key].get(f) for f in ("container-title", "issued", "publisher"))
    )


def summary(results: list[FileResult], counts: dict[str, Counter[str]], found: list[Disagreement]) -> dict:
    fields = {}
    for name in FIELDS:
        c = counts[name]
        compared = c["compared"]
        pandoc_right = compared - c["ours right"] - c["ambiguous"] - c["case only"]
        fields[name] = {
            "compared": compared,
            "agree": c["agree"],
            "case only": c["case only"],
            "ours right": c["ours right"],
            "theirs right": c["theirs right"],
            "ambiguous": c["ambiguous"],
            "agreement": c["agree"] / compared if compared else None,
            "agreement where pandoc is right": c["agree"] / pandoc_right if pandoc_right else None,
        }
    classes: dict[tuple[str, str, str, str | None], list[Disagreement]] = defaultdict(list)
    for d in found:
        classes[(d.field, d.verdict, d.reason, d.reader)].append(d)
    return {
        "files": [r.__dict__ for r in results],
        "fields": fields,
        "classes": [
            {
                "field": f,
                "verdict": v,
                "reason": r,
                "reader": rd,
                "count": len(ds),
                "examples": [{"file": d.file, "key": d.key, "ours": d.ours, "theirs": d.theirs} for d in ds[:3]],
            }
            for (f, v, r, rd), ds in sorted(classes.items(), key=lambda kv: -len(kv[1]))
        ],
        "disagreements": [d.__dict__ for d in found],
    }


def markdown(data: dict) -> str:
    lines = ["| field | compared | agree | case only | theirs right | ours right | ambiguous | agreement | "
             "where pandoc is right |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for name, f in data["fields"].items():
        pct = lambda x: f"{100 * x:.2f}%" if x is not None else "-"  # noqa: E731
        lines.append(
            f"| {name} | {f['compared']:,} | {f['agree']:,} | {f['case only']:,} | {f['theirs right']:,} | "
            f"{f['ours right']:,} | {f['ambiguous']:,} | {pct(f['agreement'])} | "
            f"{pct(f['agreement where pandoc is right'])} |"
        )
    lines += ["", "| file | entries | trialbib items | trialbib errors | pandoc items | pandoc refused |",
              "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
    for r in data["files"]:
        lines.append(
            f"| {r['name']} | {r['entries']:,} | {r['ours_items']:,} | {len(r['ours_problems']):,} | "
            f"{r['pandoc_items']:,} | {len(r['pandoc_refused'])} |"
        )
    lines += ["", "| field | verdict | reader class | count | reason | example (file, key: trialbib / pandoc) |",
              "|---|---|---|---:|---|---|"]  # fmt: skip
    for c in data["classes"]:
        ex = c["examples"][0]
        shown = f"{ex['file']}, {ex['key']}: {_short(ex['ours'])} / {_short(ex['theirs'])}"
        lines.append(
            f"| {c['field']} | {c['verdict']} | {c['reader'] or '-'} | {c['count']:,} | {c['reason']} | {shown} |"
        )
    return "\n".join(lines) + "\n"


def _short(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    text = text.replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--json", type=Path, default=HERE / ".cache" / "differential.json", help="full results")
    parser.add_argument("--markdown", type=Path, default=None, help="write the tables here too")
    parser.add_argument("--biber", action="store_true", help="also resolve each file with biber --tool")
    args = parser.parse_args()
    if not shutil.which("pandoc"):
        raise SystemExit("pandoc is not installed (apt-get install pandoc)")
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    found: list[Disagreement] = []
    results = []
    for path in args.files:
        print(f"{path.name} ...", file=sys.stderr, flush=True)
        result = compare_file(path, counts, found)
        if args.biber:
            result.__dict__["biber_gaps"] = biber_gaps(path, ours(path)[0])
        results.append(result)
    data = summary(results, counts, found)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), "utf-8")
    table = markdown(data)
    print(table)
    if args.markdown:
        args.markdown.write_text(table, "utf-8")


if __name__ == "__main__":
    main()
