"""Problems as text for people, editors and CI: text, errorformat, json, github, sarif.

- ``text``: ``file:line:col: CODE message [key]`` and a summary line;
- ``errorformat``: ``file:line:col: severity: message [CODE]``, the gcc form that Vim's and
  Emacs' default error formats read (line and column 1 where unknown);
- ``json``: ``{"problems": [...], "summary": {...}}``;
- ``github``: workflow commands, ``::error file=F,line=L,col=C,title=T::message``, which
  GitHub Actions turns into annotations on the pull request;
- ``sarif``: SARIF 2.1.0, which GitHub code scanning accepts (``upload-sarif``);
- ``junit``: JUnit XML, one test case per finding, which GitLab, Jenkins, Azure Pipelines and
  CircleCI show as failed tests;
- ``gitlab``: GitLab Code Quality JSON (an array of issues with a fingerprint), shown in merge
  requests.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from trialbib._version import __version__
from trialbib.checks.rules import rules, summary
from trialbib.escape import json_text, line, terminal
from trialbib.model import Problem

FORMATS = ("text", "errorformat", "json", "github", "sarif", "junit", "gitlab")
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
INFORMATION_URI = "https://github.com/trialbib/trialbib/blob/main/docs/rules.md"


def choose_format(fmt: str, environ: dict[str, str] | None = None) -> str:
    """``auto`` -> ``github`` inside GitHub Actions (``GITHUB_ACTIONS`` set), else ``text``."""
    import os

    env = os.environ if environ is None else environ
    if fmt == "auto":
        return "github" if env.get("GITHUB_ACTIONS") else "text"
    return fmt


def render(problems: Sequence[Problem], fmt: str, ran: Sequence[ModuleType] = ()) -> str:
    """All problems in format ``fmt``; the empty string when a format has nothing to say."""
    return REPORTERS[fmt](problems, ran)


def _name(code: str) -> str:
    module = rules().get(code)
    return module.NAME if module else code.lower()


def text(problems: Sequence[Problem], ran: Sequence[ModuleType] = ()) -> str:
    lines = [line(f"{_where(p)}: {p.code} {_one_line(p.message)}{_key(p)}") for p in problems]
    if not problems:
        lines.append("All checks passed.")
    else:
        counts = {s: sum(p.severity == s for p in problems) for s in ("error", "warning", "info")}
        parts = [f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n]
        lines.append(f"Found {len(problems)} problem{'s' if len(problems) != 1 else ''} ({', '.join(parts)}).")
    return "\n".join(lines) + "\n"


def _where(p: Problem) -> str:
    loc = p.location
    parts = [loc.file or "<input>"]
    if loc.line is not None:
        parts.append(str(loc.line))
        if loc.column is not None:
            parts.append(str(loc.column))
    return ":".join(parts)


def _one_line(message: str) -> str:
    return " ".join(message.split("\n"))


def _key(p: Problem) -> str:
    key = p.location.key
    return f" [{key}]" if key and repr(key) not in p.message else ""


def errorformat(problems: Sequence[Problem], ran: Sequence[ModuleType] = ()) -> str:
    lines = []
    for p in problems:
        loc = p.location
        where = f"{loc.file or '<input>'}:{loc.line or 1}:{loc.column or 1}"
        lines.append(line(f"{where}: {p.severity}: {_one_line(p.message)}{_key(p)} [{p.code}]"))
    return "".join(line + "\n" for line in lines)


def as_json(problems: Sequence[Problem], ran: Sequence[ModuleType] = ()) -> str:
    data = {
        "problems": [
            {
                "code": p.code,
                "name": _name(p.code),
                "severity": p.severity,
                "message": p.message,
                "file": p.location.file,
                "line": p.location.line,
                "column": p.location.column,
                "key": p.location.key,
                "fixable": hasattr(rules().get(p.code), "fix"),
            }
            for p in problems
        ],
        "summary": {s: sum(p.severity == s for p in problems) for s in ("error", "warning", "info")},
    }
    return json_text(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def escape_data(text: str) -> str:
    """Escape a workflow command's message (``%``, CR, LF), as the Actions toolkit does; other
    control and bidi characters are shown as escapes."""
    return terminal(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github(problems: Sequence[Problem], ran: Sequence[ModuleType] = ()) -> str:
    lines = []
    for p in problems:
        loc = p.location
        props = []
        if loc.file:
            props.append(f"file={escape_property(loc.file)}")
        if loc.line is not None:
            props.append(f"line={loc.line}")
            if loc.column is not None:
                props.append(f"col={loc.column}")
        props.append(f"title={escape_property(f'{p.code} {_name(p.code)}')}")
        lines.append(f"::{GITHUB_LEVEL[p.severity]} {','.join(props)}::{escape_data(p.message + _key(p))}")
    return "".join(line + "\n" for line in lines)


def sarif(problems: Sequence[Problem], ran: Sequence[ModuleType] = ()) -> str:
    """One SARIF 2.1.0 run; its rules are those that ran plus any that reported."""
    registry = rules()
    codes = list(dict.fromkeys([m.CODE for m in ran] + [p.code for p in problems if p.code in registry]))
    index = {code: i for i, code in enumerate(codes)}
    descriptors = [_descriptor(registry[code]) for code in codes]
    results = []
    for p in problems:
        result: dict[str, Any] = {
            "ruleId": p.code,
            "level": SARIF_LEVEL[p.severity],
            "message": {"text": p.message + _key(p)},
        }
        if p.code in index:
            result["ruleIndex"] = index[p.code]
        if p.location.file:
            region: dict[str, int] = {"startLine": p.location.line or 1}
            if p.location.column is not None:
                region["startColumn"] = p.location.column
            physical = {"artifactLocation": {"uri": _uri(p.location.file)}, "region": region}
            result["locations"] = [{"physicalLocation": physical}]
        if p.location.key:
            result["properties"] = {"key": p.location.key}
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "trialbib",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "results": results,
            }
        ],
    }
    return json_text(json.dumps(log, ensure_ascii=False, indent=2)) + "\n"


def _descriptor(module: ModuleType) -> dict[str, Any]:
    return {
        "id": module.CODE,
        "name": module.NAME,
        "shortDescription": {"text": summary(module)},
        "fullDescription": {"text": summary(module)},
        "help": {"text": (module.__doc__ or "").strip()},
        "defaultConfiguration": {"level": SARIF_LEVEL[module.SEVERITY]},
    }


def _uri(path: str) -> str:
    """A relative file path as a URI reference (forward slashes, spaces and ``%`` encoded)."""
    from pathlib import PurePath
    from urllib.parse import quote

    posix = PurePath(path).as_posix()
    if PurePath(path).is_absolute():
        return "file://" + quote(posix)
    return quote(posix)


def junit(problems: Sequence[Problem], ran: Sequence[ModuleType] = ()) -> str:
    """JUnit XML: a suite per file, a failed test case per finding (or one passing case)."""
    from xml.etree import ElementTree as ET

    root = ET.Element("testsuites", name="trialbib", tests=str(max(len(problems), 1)), failures=str(len(problems)))
    files: dict[str, list[Problem]] = {}
    for p in problems:
        files.setdefault(p.location.file or "<input>", []).append(p)
    if not problems:
        suite = ET.SubElement(root, "testsuite", name="trialbib", tests="1", failures="0", errors="0")
        ET.SubElement(suite, "testcase", name="trialbib check", classname="trialbib")
    for name, found in files.items():
        file = line(name)  # XML 1.0 cannot hold most controls even as references; no line break or bidi
        suite = ET.SubElement(root, "testsuite", name=file, tests=str(len(found)), failures=str(len(found)), errors="0")
        for p in found:
            where = line(_where(p))
            case = ET.SubElement(suite, "testcase", name=f"{p.code} {where}", classname=file, file=file)
            if p.location.line is not None:
                case.set("line", str(p.location.line))
            message = line(_one_line(p.message) + _key(p))
            failure = ET.SubElement(case, "failure", message=message, type=p.code)
            failure.text = f"{where}: {p.severity}: {p.code} {_name(p.code)}: {message}"
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


GITLAB_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def gitlab(problems: Sequence[Problem], ran: Sequence[ModuleType] = ()) -> str:
    """GitLab Code Quality: description, check_name, fingerprint, severity, location.

    The fingerprint hashes the code, file, key and message (not the line), so a finding keeps
    it when lines move and GitLab can tell new findings from old ones.
    """
    import hashlib

    issues = []
    for p in problems:
        identity = "\0".join((p.code, p.location.file or "", p.location.key or "", p.message))
        issue: dict[str, Any] = {
            "type": "issue",
            "description": f"{p.code} {_one_line(p.message)}{_key(p)}",
            "check_name": p.code,
            "fingerprint": hashlib.sha256(identity.encode("utf-8")).hexdigest(),
            "severity": GITLAB_SEVERITY[p.severity],
            "location": {"path": p.location.file or "<input>", "lines": {"begin": p.location.line or 1}},
        }
        issues.append(issue)
    return json_text(json.dumps(issues, ensure_ascii=False, indent=2)) + "\n"


def statistics(problems: Sequence[Problem]) -> str:
    """Counts per rule, most frequent first, as ``ruff --statistics`` prints them."""
    from collections import Counter

    counts = Counter(p.code for p in problems)
    width = len(str(max(counts.values()))) if counts else 1
    lines = []
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        fixable = "[*]" if hasattr(rules().get(code), "fix") else "[ ]"
        lines.append(f"{n:>{width}}\t{code}\t{fixable} {_name(code)}")
    return "".join(line + "\n" for line in lines)


REPORTERS: dict[str, Callable[[Sequence[Problem], Sequence[ModuleType]], str]] = {
    "text": text,
    "errorformat": errorformat,
    "json": as_json,
    "github": github,
    "sarif": sarif,
    "junit": junit,
    "gitlab": gitlab,
}
