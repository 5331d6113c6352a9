"""Each output format against its spec: text, errorformat, JSON, GitHub workflow commands, SARIF 2.1.0."""

from __future__ import annotations

import json
import re

import pytest

from paths import DATA
from trialbib.checks.reporters import choose_format, escape_data, escape_property, render
from trialbib.checks.rules import rules
from trialbib.errors import Location
from trialbib.model import Problem

PROBLEMS = [
    Problem(
        "KEY002",
        "duplicate key 'a' (first at line 1); give each entry its own key",
        Location("refs.bib", 7, key="a"),
        "error",
    ),
    Problem(
        "CIT001",
        "cites 'smyth2019', which refs.bib does not define",
        Location("paper dir/m.md", 3, 15, "smyth2019"),
        "error",
    ),
    Problem("FMT010", "write the page range as '1--2', not '1-2'", Location("refs.bib", 9, key="b"), "warning"),
    Problem("CIT004", "100% sure: [3] is first cited before [2]\nsecond line", Location("m.md", 2, 7), "info"),
    Problem(
        "SUP001", "suppression of KEY002 does not silence the next entry; remove it", Location("refs.bib"), "warning"
    ),
]


def test_text():
    out = render(PROBLEMS[:3], "text")
    assert out.splitlines() == [
        "refs.bib:7: KEY002 duplicate key 'a' (first at line 1); give each entry its own key",
        "paper dir/m.md:3:15: CIT001 cites 'smyth2019', which refs.bib does not define",
        "refs.bib:9: FMT010 write the page range as '1--2', not '1-2' [b]",
        "Found 3 problems (2 errors, 1 warning).",
    ]
    assert render([], "text") == "All checks passed.\n"


def test_errorformat_is_gcc_style():
    lines = render(PROBLEMS, "errorformat").splitlines()
    pattern = re.compile(
        r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<level>error|warning|info): "
        r"(?P<msg>.+) \[(?P<code>[A-Z]{3}\d{3})\]$"
    )
    assert len(lines) == len(PROBLEMS)  # a newline inside a message is joined
    assert all(pattern.match(line) for line in lines)
    assert lines[3].endswith("before [2] second line [CIT004]")
    first = pattern.match(lines[0])
    assert first
    assert first.group("file", "line", "col", "level", "code") == ("refs.bib", "7", "1", "error", "KEY002")
    assert pattern.match(lines[1]).group("file", "line", "col") == ("paper dir/m.md", "3", "15")  # type: ignore[union-attr]


def test_json():
    data = json.loads(render(PROBLEMS[:3], "json"))
    assert data["summary"] == {"error": 2, "warning": 1, "info": 0}
    assert data["problems"][2] == {
        "code": "FMT010",
        "name": "page-dash",
        "severity": "warning",
        "message": "write the page range as '1--2', not '1-2'",
        "file": "refs.bib",
        "line": 9,
        "column": None,
        "key": "b",
        "fixable": True,
    }


# ::{command} {name}={value},{name}={value}::{message}, as documented for GitHub Actions'
# workflow commands; values escape % CR LF : , and the message escapes % CR LF.
WORKFLOW_COMMAND = re.compile(
    r"^::(?P<command>error|warning|notice)"
    r" (?P<props>(?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*"
    r"(?:,(?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*)*)"
    r"::(?P<message>[^\r\n]*)$"
)


def test_github_workflow_commands():
    lines = render(PROBLEMS, "github").splitlines()
    assert len(lines) == len(PROBLEMS)
    for line in lines:
        assert WORKFLOW_COMMAND.match(line), line
    assert lines[0] == (
        "::error file=refs.bib,line=7,title=KEY002 duplicate-key::"
        "duplicate key 'a' (first at line 1); give each entry its own key"
    )
    assert lines[1].startswith("::error file=paper dir/m.md,line=3,col=15,title=CIT001 undefined-citation::")
    assert lines[2].startswith("::warning ")
    assert lines[3] == (
        "::notice file=m.md,line=2,col=7,title=CIT004 citation-order::"
        "100%25 sure: [3] is first cited before [2]%0Asecond line"
    )
    assert lines[4].startswith("::warning file=refs.bib,title=SUP001 unused-suppression::")


def test_github_escapes():
    assert escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_auto_format():
    assert choose_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert choose_format("auto", {}) == "text"
    assert choose_format("sarif", {"GITHUB_ACTIONS": "true"}) == "sarif"


# The parts of the official SARIF 2.1.0 schema (OASIS, sarif-schema-2.1.0.json) that the
# objects we write must meet, written out here: required properties, enums, minimums, and
# additionalProperties: false where the official schema has it.
_MESSAGE = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}, "id": {"type": "string"}},
    "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
}
_MULTIFORMAT = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}},
    "required": ["text"],
}
SARIF_SUBSET = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "additionalProperties": False,
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"enum": ["2.1.0"]},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "informationUri": {"type": "string", "format": "uri"},
                                    "rules": {
                                        "type": "array",
                                        "uniqueItems": True,
                                        "items": {
                                            "type": "object",
                                            "additionalProperties": False,
                                            "required": ["id"],
                                            "properties": {
                                                "id": {"type": "string"},
                                                "name": {"type": "string"},
                                                "shortDescription": _MULTIFORMAT,
                                                "fullDescription": _MULTIFORMAT,
                                                "help": _MULTIFORMAT,
                                                "defaultConfiguration": {
                                                    "type": "object",
                                                    "additionalProperties": False,
                                                    "properties": {
                                                        "level": {"enum": ["none", "note", "warning", "error"]},
                                                        "enabled": {"type": "boolean"},
                                                    },
                                                },
                                            },
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "additionalProperties": False,
                            "required": ["message"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": -1},
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": _MESSAGE,
                                "properties": {"type": "object"},
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "additionalProperties": False,
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "additionalProperties": False,
                                                "anyOf": [
                                                    {"required": ["address"]},
                                                    {"required": ["artifactLocation"]},
                                                ],
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "additionalProperties": False,
                                                        "properties": {
                                                            "uri": {"type": "string", "format": "uri-reference"},
                                                            "uriBaseId": {"type": "string"},
                                                        },
                                                    },
                                                    "region": {
                                                        "type": "object",
                                                        "additionalProperties": False,
                                                        "properties": {
                                                            "startLine": {"type": "integer", "minimum": 1},
                                                            "startColumn": {"type": "integer", "minimum": 1},
                                                        },
                                                    },
                                                },
                                            }
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def test_sarif_meets_the_schema_and_github_requirements():
    from jsonschema import Draft7Validator

    ran = list(rules().values())
    log = json.loads(render(PROBLEMS, "sarif", ran))
    errors = list(Draft7Validator(SARIF_SUBSET, format_checker=Draft7Validator.FORMAT_CHECKER).iter_errors(log))
    assert errors == []
    run = log["runs"][0]
    descriptors = run["tool"]["driver"]["rules"]
    assert [d["id"] for d in descriptors] == [m.CODE for m in ran]
    for result in run["results"]:
        # GitHub code scanning: the rule is described, and each result points at a file and line.
        assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
    assert run["results"][1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "paper%20dir/m.md"
    assert [r["level"] for r in run["results"]] == ["error", "error", "warning", "note", "warning"]


def test_junit_meets_the_schema():
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(DATA / "checks" / "junit.xsd")))
    for problems in (PROBLEMS, []):
        document = etree.fromstring(render(problems, "junit").encode("utf-8"))
        schema.assertValid(document)
    document = etree.fromstring(render(PROBLEMS, "junit").encode("utf-8"))
    cases = document.findall("testsuite/testcase")
    assert len(cases) == len(PROBLEMS)
    assert document.get("failures") == str(len(PROBLEMS))
    assert cases[0].get("name") == "KEY002 refs.bib:7"
    assert cases[0].find("failure").get("type") == "KEY002"
    assert "100% sure: [3] is first cited before [2] second line" in document.findall(".//failure")[-1].get("message")


def test_gitlab_meets_the_schema_with_stable_fingerprints():
    import jsonschema

    schema = json.loads((DATA / "checks" / "gitlab-codequality.schema.json").read_text("utf-8"))
    issues = json.loads(render(PROBLEMS, "gitlab"))
    jsonschema.validate(issues, schema)
    assert [i["severity"] for i in issues] == ["major", "major", "minor", "info", "minor"]
    assert issues[1]["location"] == {"path": "paper dir/m.md", "lines": {"begin": 3}}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    moved = [
        Problem(p.code, p.message, Location(p.location.file, 99, None, p.location.key), p.severity) for p in PROBLEMS
    ]
    assert [i["fingerprint"] for i in json.loads(render(moved, "gitlab"))] == [i["fingerprint"] for i in issues]
    assert json.loads(render([], "gitlab")) == []


def test_statistics_count_per_rule():
    from trialbib.checks.reporters import statistics

    assert statistics(PROBLEMS + PROBLEMS[:1]).splitlines()[0] == "2\tKEY002\t[ ] duplicate-key"
    assert "1\tFMT010\t[*] page-dash" in statistics(PROBLEMS).splitlines()


@pytest.mark.parametrize("fmt", ["text", "errorformat", "json", "github", "sarif", "junit", "gitlab"])
def test_every_format_renders_nothing_found(fmt):
    out = render([], fmt)
    if fmt == "junit":
        assert 'failures="0"' in out
    elif fmt == "gitlab":
        assert json.loads(out) == []
    elif fmt == "json":
        assert json.loads(out)["problems"] == []
    elif fmt == "sarif":
        assert json.loads(out)["runs"][0]["results"] == []
    elif fmt == "text":
        assert out == "All checks passed.\n"
    else:
        assert out == ""
