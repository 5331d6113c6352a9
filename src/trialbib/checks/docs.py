"""The rule reference (``docs/rules.md``), written from the rules' own docstrings.

``trialbib rules --format markdown > docs/rules.md`` regenerates it; a test keeps it in step.
"""

from __future__ import annotations

import inspect

from trialbib.checks.rules import CLASS_MEANING, DEFAULT_CLASSES, enabled_by_default, rule_class, rules, summary

GROUPS = {
    "SYN": "Syntax",
    "KEY": "Keys",
    "CIT": "Citations",
    "TAB": "Evidence tables",
    "DUP": "Duplicates",
    "FLD": "Fields",
    "FMT": "Formats",
    "NAM": "Names",
    "CON": "Consistency",
    "LST": "Drift: the rendered list",
    "DRF": "Drift: a printed list (cross-check)",
    "SUP": "Suppressions",
}


# The measured share of real defects among default findings (benchmarks/check_noise.py, seed 17),
# reviewed by hand finding by finding; written here so docs/rules.md stays generated.
NOISE = [
    "",
    "### Measured on real bibliographies",
    "",
    "`benchmarks/check_noise.py FILE.bib ...` runs the default rules with no configuration and prints",
    "a sample of 100 findings per file (seed 17; every finding when there are fewer) with the entry's",
    "source, for review by hand. Each sampled finding was judged a real defect when the entry is",
    "wrong as written (a DOI in `pages`, an article without a journal, two entries with one DOI,",
    "unbalanced braces, a reversed page range) and a false alarm otherwise. Files from the shared",
    "corpus, none written by us:",
    "",
    "| bibliography | entries | default findings | reviewed | real defects |",
    "|---|---|---|---|---|",
    "| HCI library, Better BibTeX export (zotero-better-bibtex fixture) | 3,725 | 454 | 100 sampled | 100 (100%) |",
    "| NIME proceedings (NIME-conference/NIME-bibliography) | 2,470 | 117 | 100 sampled | 100 (100%) |",
    "| cognitive neuroscience lab (ContextLab/CDL-bibliography) | 6,315 | 77 | all 77 | 77 (100%) |",
    "| urban design, BibLaTeX export (zotero-better-bibtex fixture) | 1,241 | 55 | all 55 | 55 (100%) |",
    "| programming languages (akhirsch/bibliography) | 562 | 15 | all 15 | 14 (93%) |",
    "| astronomy, NASA ADS (lsst/lsst-texmf) | 448 | 8 | all 8 | 8 (100%) |",
    "| swarm intelligence, crossref (IRIDIA, CC0) | 3,305 | 6 | all 6 | 6 (100%) |",
    "| AI planning, crossref (aibasel/bib) | 2,679 | 3 | all 3 | 3 (100%) |",
    "| BibLaTeX examples (plk/biblatex) | 92 | 3 | all 3 | 3 (100%) |",
    "",
    "The one false alarm: `@Comment I'm not sure...` without braces, which BibTeX skips but the",
    "reader reports (SYN001). Before this rule set, default runs on IRIDIA gave 3,456 findings",
    "(2,580 FMT013 spaces, 847 FLD001 on crossref children); now 6. The rules were tuned on these",
    "files (article numbers and arXiv identifiers as pages, Chicago's shortened ranges, web pages",
    "without a date, anonymous works, versions of one work), so held-out bibliographies will score",
    "lower. `zh-gbt7714-examples.bib` is not counted: it holds the standard's example fragments",
    "(entries with an author only), so its FLD001 findings are true of the file but it is no",
    "bibliography; its open date `1984/` (ISO 8601-2) is reported by the reader as SYN001 wrongly.",
    "",
    "### Held-out bibliographies",
    "",
    "Files the rules were not tuned on, fetched for the measurement and not committed (licences",
    "vary; JabRef's `jabref-authors.bib` is MIT). Every default finding was reviewed (no file had",
    "100); the share is real defects before and after the general fixes this review led to:",
    "",
    "| bibliography | entries | findings before | real | findings now | real |",
    "|---|---|---|---|---|---|",
    "| humanities and game studies (jgrey) | 2,361 | 109 | 90 (83%) | 90 | 90 (100%) |",
    "| homotopy type theory (HoTT book) | 132 | 14 | 2 (14%) | 2 | 2 (100%) |",
    "| books library (bvitamins) | 285 | 13 | 13 (100%) | 13 | 13 (100%) |",
    "| MNE neuroscience references | 233 | 7 | 7 (100%) | 7 | 7 (100%) |",
    "| MathSciNet export (carlostome) | 60 | 5 | 3 (60%) | 3 | 3 (100%) |",
    "| economics, JabRef-style keys (econ-example) | 70 | 4 | 4 (100%) | 4 | 4 (100%) |",
    "| other references (carlostome) | 42 | 4 | 4 (100%) | 4 | 4 (100%) |",
    "| economics (QuantEcon) | 529 | 2 | 2 (100%) | 2 | 2 (100%) |",
    "| JabRef's library (JabRef/jabref, MIT) | 214 | 2 | 2 (100%) | 2 | 2 (100%) |",
    "| economics, many authors | 4 | 1 | 1 (100%) | 1 | 1 (100%) |",
    "| DBLP exports (carlostome, rnbguy) | 378 | 0 | - | 0 | - |",
    "| all | 4,308 | 161 | 128 (80%) | 128 | 128 (100%) |",
    "",
    "The false alarms were general forms, now accepted: several page ranges with a label or note",
    "(`171-88; discussion 195-202`, `137--159 and 269--276 (notes)`), a book's page count",
    "(`xlvi+410`, MathSciNet's `xiii\\addplus{}345`), papers of one volume carrying the volume's DOI",
    "(Springer LNCS `10.1007/b98159`), volumes 4 and 5 of collected works, and years `300 {BC}`,",
    "`1978/79`, `1910--1913; Second edition, 1925--1927`. Judgement calls counted as real: 32",
    "SYN004 `@judicial`, `@game`, `@blog` (styles print them as `@misc`, dropping the court or",
    "platform; 58 of 58 without them) and 4 KEY004 apostrophes in keys (`d'Aspremont-1998`: fine",
    "in LaTeX, a pandoc `@key` ends at the apostrophe). Missed: three names separated by commas",
    "(`A B, C D, E F`) pass NAM001.",
]


def markdown() -> str:
    """Every rule: a table, then one section each with its documentation and examples."""
    lines = [
        "# Rules of `trialbib check`",
        "",
        "Generated by `trialbib rules --format markdown`; do not edit by hand. `trialbib rules CODE`",
        "shows one rule. Codes are stable: select, ignore and suppress by code or name (see",
        "[ci.md](ci.md)). Opt-in rules run only when selected; fixable ones are fixed by `--fix`.",
        "",
        "## Which rules run by default",
        "",
        "A rule is on by default only if what it finds breaks a tool (BibTeX, biber, pandoc, a Zotero",
        "import) or changes what a reader sees in the printed reference. Taste, house style and rules",
        "for one workflow are opt-in (`extend-select`), as in ruff: a default run is worth reading on",
        "anyone's bibliography. Every rule has one class, decided in one place",
        "(`trialbib.checks.rules.CLASSES`):",
        "",
        "| class | default | what its findings do |",
        "|---|---|---|",
        *(
            f"| `{name}` | {'on' if name in DEFAULT_CLASSES else 'opt-in'} | {meaning} |"
            for name, meaning in CLASS_MEANING.items()
        ),
        *NOISE,
        "",
        "## The rules",
        "",
        "| code | name | severity | class | default | summary |",
        "|---|---|---|---|---|---|",
    ]
    for module in rules().values():
        flags = ("on" if enabled_by_default(module) else "opt-in") + (", fixable" if hasattr(module, "fix") else "")
        text = summary(module).replace("|", "\\|")
        lines.append(
            f"| [{module.CODE}](#{module.CODE.lower()}) | `{module.NAME}` | {module.SEVERITY} | {rule_class(module)} "
            f"| {flags} | {text} |"
        )
    group = None
    for module in rules().values():
        if module.CODE[:3] != group:
            group = module.CODE[:3]
            lines += ["", f"## {GROUPS.get(group, group)}"]
        lines += ["", f"### {module.CODE}", "", f"`{module.NAME}`, {module.SEVERITY}, {rule_class(module)}"]
        if not enabled_by_default(module):
            lines[-1] += ", opt-in"
        if hasattr(module, "fix"):
            lines[-1] += ", fixable"
        if module.OPTIONS:
            lines[-1] += "; options: " + ", ".join(f"`{k} = {v!r}`" for k, v in module.OPTIONS.items())
        lines += ["", _markdown_doc(inspect.cleandoc(module.__doc__ or ""))]
    return "\n".join(lines) + "\n"


def _markdown_doc(doc: str) -> str:
    """reST literal blocks (``Failing::`` + indented lines) as fenced code blocks."""
    out: list[str] = []
    block: list[str] | None = None
    for line in doc.split("\n"):
        if block is not None:
            if line.startswith("    ") or not line.strip():
                block.append(line[4:])
                continue
            out += ["```", *_trim(block), "```", ""]
            block = None
        if line.endswith("::"):
            out += [line[:-1], ""]
            block = []
        else:
            out.append(line.replace("``", "`"))
    if block is not None:
        out += ["```", *_trim(block), "```"]
    return "\n".join(out).rstrip()


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines
