"""The official CSL processor test suite, run with bare citeproc-py and with trialbib's CSL layer.

    git clone https://github.com/citation-style-language/test-suite /tmp/csl-test-suite
    python benchmarks/csl_suite.py /tmp/csl-test-suite [--only GLOB] [--show NAME]

PATH is the test-suite checkout (or its ``processor-tests/humans`` folder); its fixtures are not
ours and stay outside the repository. Each fixture is run the way citeproc-py's and citeproc-js's
runners do: MODE ``citation`` renders every CITATION-ITEMS (or CITATIONS, as ``..[i]``/``>>[i]``
lines) entry, else one citation of all items; ``bibliography`` renders the sorted list inside
``<div class="csl-bib-body">``. Output is compared with RESULT after the runners' normalisation
(``&amp;`` as ``&#38;``, whitespace between HTML tags and at line ends ignored).

Prints pass counts per category for bare citeproc-py and for trialbib, then the fixtures that
pass bare but fail with trialbib (regressions) and the reverse (gains).
"""

from __future__ import annotations

import argparse
import fnmatch
import io
import json
import re
import signal
import sys
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

SECTION = re.compile(r">>=+ ([A-Z-]+) =+>>\n(.*?)\n<<=+ \1 =+<<", re.S)
TIMEOUT = 10  # seconds per fixture: a processor loop counts as a failure


def fixtures(path: Path) -> list[Path]:
    humans = path / "processor-tests" / "humans" if (path / "processor-tests").is_dir() else path
    return sorted(humans.glob("*.txt"))


def parse(path: Path) -> dict[str, Any] | None:
    sections = {name.lower(): body for name, body in SECTION.findall(path.read_text("utf-8"))}
    if "mode" not in sections or "csl" not in sections:
        return None
    data: dict[str, Any] = {"mode": sections["mode"].strip(), "csl": sections["csl"], "result": sections["result"]}
    for name in ("input", "citation-items", "citations", "bibentries"):
        if name in sections:
            data[name] = json.loads(sections[name])
    return data


def normalise(text: str) -> str:
    text = text.replace("&amp;", "&#38;")
    text = re.sub(r">\s+<", "><", text)
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


Rendered = tuple[list[str], list[str], list[Any]]


def integration(
    data: dict[str, Any], render: Callable[[list[Any], list[int]], Rendered]
) -> tuple[list[str], list[str]]:
    """A CITATIONS fixture: ``processCitationCluster(citation, pre, post)`` each in turn, the
    document being pre + the citation + post with their note numbers. Runners print every
    citation of the last document, ``>>`` before those the last call changed, ``..`` before the
    rest; returns those lines and the entries of the list."""
    known: dict[str, Any] = {}
    documents: list[list[tuple[str, int]]] = [[]]
    for citation, pre, post in data["citations"]:
        known[citation["citationID"]] = citation
        note = int(citation.get("properties", {}).get("noteIndex", 0) or 0)
        around = [(i, int(n)) for i, n in pre], [(i, int(n)) for i, n in post]
        documents.append([*around[0], (citation["citationID"], note), *around[1]])
    shown: list[dict[str, str]] = []
    at: list[dict[str, Any]] = []
    entries: list[str] = []
    for document in documents[-2:]:
        texts, entries, positions = render([known[i]["citationItems"] for i, _ in document], [n for _, n in document])
        shown.append(dict(zip([i for i, _ in document], texts, strict=False)))
        at.append(dict(zip([i for i, _ in document], positions, strict=True)))
    # citeproc-js marks the citation processed, those whose cites changed position, and every
    # citation of an item whose first-reference-note-number changed
    moved = {
        key
        for cid, now in at[1].items()
        for (key, p), (_, q) in zip(now, at[0].get(cid, now), strict=False)
        if p.first_note != q.first_note
    }
    last = data["citations"][-1][0]["citationID"]
    lines = []
    for i, (cid, _) in enumerate(documents[-1]):
        changed = (
            cid == last
            or at[0].get(cid) != at[1][cid]
            or shown[0].get(cid) != shown[1].get(cid)
            or any(key in moved for key, _ in at[1][cid])
        )
        if data["mode"] == "citation":
            lines.append(f"{'>>' if changed else '..'}[{i}] {shown[1][cid]}")
    return lines, entries


def run_fixture(
    data: dict[str, Any], load: Callable[[bytes], Any], around: Callable[[Any], Any], source: type | None = None
) -> str:
    """Render one fixture; ``load`` parses the style, ``around`` is the session to render in,
    ``source`` the engine's CSL-JSON reader (citeproc-py's by default)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc import formatter as citeproc_formatter
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    CiteProcJSON = source or CiteProcJSON

    from trialbib.render.csl.positions import evaluate

    items = data.get("input", [])
    for i, item in enumerate(items):
        item.setdefault("id", i)
        item.setdefault("type", "book")
        item["id"] = str(item["id"])
    style = load(data["csl"].encode("utf-8"))

    def cite_item(entry: dict[str, Any]) -> Any:
        options = {}
        for key, value in entry.items():
            if key in ("id", "label"):
                continue
            if key == "locator":
                options["locator"] = Locator(entry.get("label", "page"), value)
            else:
                options[key.replace("-", "_")] = value
        return CitationItem(str(entry["id"]), **options)

    def render(groups: list[list[dict[str, Any]]], notes: list[int] | None) -> Rendered:
        """Render citations in document order in a fresh bibliography and session: the texts
        of the citations (citation mode) or the entries of the list, and the positions of each
        citation's cites."""
        with around(style):
            bib = CitationStylesBibliography(style, CiteProcJSON(items), citeproc_formatter.html)
            citations = []
            for i, group in enumerate(groups):
                citation = Citation([cite_item(e) for e in group])
                if notes is not None:
                    citation.note_index = notes[i]
                citations.append(citation)
            for citation in citations:
                bib.register(citation)
            if style.has_bibliography():
                bib.sort()
            if not data.get("citation-items") and not data.get("citations"):
                # synthesized from the inputs after they are sorted, as the suite's runners do (test-suite#66)
                rank = {str(key).lower(): i for i, key in enumerate(bib.keys)}
                citations[0].cites.sort(key=lambda cite: rank.get(str(cite.key).lower(), len(rank)))
            texts = [str(bib.cite(citation, lambda item: None)) for citation in citations]
            cites = bib._cites  # noqa: SLF001 - every cite rendered, in order (citeproc-py keeps them there)
            distance = int(style.root.citation.get("near-note-distance", "5"))
            at = [[(c.key, evaluate(c, cites, distance)) for c in cites if c.citation is cit] for cit in citations]
            if data["mode"] == "citation":
                return texts, [], at
            return [], [str(entry) for entry in bib.bibliography()], at

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lines: list[str] = []
        entries: list[str] = []
        if data.get("citations"):
            lines, entries = integration(data, render)
        else:
            groups = data.get("citation-items") or [[{"id": item["id"]} for item in items]]
            texts, entries, _ = render(groups, None)
            lines += texts
        if data["mode"] != "citation":
            lines.append('<div class="csl-bib-body">')
            lines += [f'  <div class="csl-entry">{entry}</div>' for entry in entries]
            lines.append("</div>")
    return "\n".join(lines)


def bare() -> tuple[Callable[[bytes], Any], Callable[[Any], Any]]:
    from contextlib import nullcontext

    from citeproc import CitationStylesStyle

    return (lambda data: CitationStylesStyle(io.BytesIO(data), validate=False)), (lambda style: nullcontext())


# trialbib's deliberate departures, off: terms by the style's locale, organisation names cased by
# cs:name-part, no part markers, an entry with no output dropped (as citeproc-js and -py do);
# on: fields' markup parsed and each cite or entry finished as HTML by the layer (richtext)
CONFORMANT = {"item_locales": False, "parts": False, "literal_as_written": False, "keep_empty": False, "rich": True}


def trialbib() -> tuple[Callable[[bytes], Any], Callable[[Any], Any], type]:
    from trialbib.render import csl

    def around(style: Any) -> Any:
        return csl.session(style.root, csl.RenderState(**CONFORMANT))

    return (lambda data: csl.parse_style(data, None)), around, csl.CiteProcJSON


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def passes(path: Path, engine: tuple[Any, ...]) -> tuple[bool, str]:
    data = parse(path)
    if data is None:
        return False, "<not a fixture>"
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(TIMEOUT)
    try:
        got = run_fixture(data, *engine)
    except _Timeout:
        return False, "<timeout>"
    except Exception as exc:  # a processor error fails the fixture
        return False, f"<{type(exc).__name__}: {exc}>"
    finally:
        signal.alarm(0)
    return normalise(got) == normalise(data["result"]), got


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--only", default="*", help="glob of fixture names, e.g. 'disambiguate_*'")
    parser.add_argument("--show", help="print expected and both outputs of one fixture")
    parser.add_argument("--json", type=Path, help="write per-fixture results here")
    args = parser.parse_args()
    files = [f for f in fixtures(args.path) if fnmatch.fnmatch(f.stem, args.only) and parse(f) is not None]
    if args.show:
        path = next(f for f in files if f.stem == args.show)
        print("expected:\n" + parse(path)["result"])  # type: ignore[index]
        for name, engine in (("bare", bare()), ("trialbib", trialbib())):
            print(f"\n{name}:\n" + passes(path, engine)[1])
        return
    results: dict[str, dict[str, bool]] = {"bare": {}, "trialbib": {}}
    for name, engine in (("bare", bare()), ("trialbib", trialbib())):
        for path in files:
            results[name][path.stem] = passes(path, engine)[0]
    total = Counter(f.stem.split("_")[0] for f in files)
    print(f"{'category':<16} {'fixtures':>8} {'bare':>6} {'trialbib':>9}")
    for category in sorted(total):
        counts = [sum(ok for n, ok in results[e].items() if n.split("_")[0] == category) for e in results]
        print(f"{category:<16} {total[category]:>8} {counts[0]:>6} {counts[1]:>9}")
    sums = [sum(results[e].values()) for e in results]
    print(f"{'total':<16} {len(files):>8} {sums[0]:>6} {sums[1]:>9}")
    lost = sorted(n for n, ok in results["bare"].items() if ok and not results["trialbib"][n])
    gained = sorted(n for n, ok in results["trialbib"].items() if ok and not results["bare"][n])
    print(f"\npass bare, fail trialbib ({len(lost)}): {' '.join(lost) or '-'}")
    print(f"fail bare, pass trialbib ({len(gained)})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, sort_keys=True), "utf-8")


if __name__ == "__main__":
    main()
