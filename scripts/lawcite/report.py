"""The checker's output: text lines, the JSON object fixed by spec/check-refs.md, SARIF 2.1.0 (editors
and code-scanning tools show the findings inline) and GitHub Actions workflow commands."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from .models import STATUSES, Citation, Finding, Problem, Status

FORMATS = ("text", "json", "sarif", "github")
TOOL_NAME = "lawcite"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

# What each status means (the rules of the SARIF log; README, "Citing a law").
RULES: dict[Status, str] = {
    "unknown-law": "A 《title》 or law name followed by 第…条 that the registry lacks, near a registered name (a slip of the pen?).",
    "unregistered-law": "A well-formed name of a law the registry does not hold (劳动合同法, 法国民法典): its articles are not checked.",
    "no-such-article": "The article, 之N, paragraph (款), item (项) or chapter does not exist in the version judged.",
    "superseded": "The words fit what the number said in an older numbering of a renumbered law: cite the article now in force.",
    "repealed": "The whole law is no longer in force.",
    "not-yet-in-force": "The date the citation is judged at is before the law took effect.",
    "quote-mismatch": "A quotation attributed to the article is not in its text.",
    "quote-unchecked": "A quotation of a law the registry holds by name only: there is no text to check it against.",
    "unknown-version": "A pinned year (2005年《…》) the registry has no version for.",
    "preview-cut": "A whole long article is cited; its preview is cut before the item the sentence speaks of: cite the item.",
}


# What each problem code means (a finding about a file: lawcite.policy.PROBLEM_SEVERITY).
PROBLEM_RULES: dict[str, str] = {
    "stale-page": "A law the page cites changed after the page's reviewed date: check the page against the new text, then set its reviewed date.",
    "bad-reviewed-date": "The page's reviewed: date is not a date (YYYY-MM-DD).",
    "not-utf8": "The file is not UTF-8 text: it was not checked.",
    "unreadable": "The file or folder cannot be read: its text was not checked.",
    "list-cut": "A list of more articles than the checker reads in one go: the rest were not checked.",
}


@dataclass
class FileResult:
    """One path's findings (one per citation) and problems (about the file). `path` is the path as
    messages show it; `uri` the SARIF artifact URI when it differs (a file name that is not UTF-8)."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    uri: str | None = None
    counted: bool = True  # a file that was read (a path that could not be is not counted in `files`)


def summary(results: list[FileResult]) -> dict[str, int]:
    all_f = [f for r in results for f in r.findings]
    severities = [f.severity for f in all_f] + [p.severity for r in results for p in r.problems]
    return {
        "files": sum(r.counted for r in results),
        "citations": len(all_f),
        "errors": severities.count("error"),
        "warnings": severities.count("warning"),
    }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary_line(results: list[FileResult]) -> str:
    s = summary(results)
    return (f"{_plural(s['files'], 'file')}, {_plural(s['citations'], 'citation')}: "
            f"{_plural(s['errors'], 'error')}, {_plural(s['warnings'], 'warning')}")


def _problems(results: list[FileResult]) -> list[tuple[str, Finding]]:
    return [(r.path, f) for r in results for f in r.findings if f.severity != "ok"]


def _file_problems(results: list[FileResult]) -> list[tuple[FileResult, Problem]]:
    return [(r, p) for r in results for p in r.problems if p.severity != "ok"]


def format_text(results: list[FileResult]) -> str:
    """`path:line:column: severity: code: message (suggestion: …)` per problem and finding, then a summary."""
    lines = [f"{r.path}:{p.line}:{p.column}: {p.severity}: {p.code}: {p.message}" for r, p in _file_problems(results)]
    for path, f in _problems(results):
        c = f.citation
        line = f"{path}:{c.line}:{c.column}: {f.severity}: {f.status}: {f.message or c.text}"
        if f.suggestion:
            line += f" (suggestion: {f.suggestion})"
        lines.append(line)
    lines.append(summary_line(results))
    return "\n".join(lines) + "\n"


def format_json(results: list[FileResult], as_of: date) -> str:
    obj = {
        "version": 1,
        "as_of": as_of.isoformat(),
        "citations": [f.to_dict(r.path) for r in results for f in r.findings],
        "summary": summary(results),
    }
    problems = [p.to_dict(r.path) for r, p in _file_problems(results)]
    if problems:  # only then: the object of spec/check-refs.md is unchanged for a run without any
        obj["problems"] = problems
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


# --- GitHub Actions ------------------------------------------------------------------------------

def format_github(results: list[FileResult]) -> str:
    """One workflow command per finding (`::error file=…,line=…,col=…::message`), so the finding is
    shown on the line of the pull request; then the summary line."""
    lines: list[str] = []
    for r, p in _file_problems(results):
        props = {"file": r.path, "line": p.line, "col": p.column, "title": f"lawcite {p.code}"}
        lines.append(f"::{'error' if p.severity == 'error' else 'warning'} "
                     + ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items()) + f"::{_escape_data(p.message)}")
    for path, f in _problems(results):
        c = f.citation
        end_line, end_column = end_position(c)
        props = {"file": path, "line": c.line, "col": c.column, "endLine": end_line, "endColumn": end_column,
                 "title": f"lawcite {f.status}"}
        message = f"{c.text}: {f.message}" + (f"（建议：{f.suggestion}）" if f.suggestion else "")
        command = "error" if f.severity == "error" else "warning"
        lines.append(f"::{command} " + ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items())
                     + f"::{_escape_data(message)}")
    lines.append(summary_line(results))
    return "\n".join(lines) + "\n"


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


# --- SARIF 2.1.0 ---------------------------------------------------------------------------------

def end_position(c: Citation) -> tuple[int, int]:
    """(line, column) just after the citation's last character (1-based, code points)."""
    return _advance(c.line, c.column, c.text)


def _advance(line: int, column: int, text: str) -> tuple[int, int]:
    breaks = text.count("\n")
    if not breaks:
        return line, column + len(text)
    return line + breaks, len(text) - text.rfind("\n")


def format_sarif(results: list[FileResult], *, tool_version: str = "0") -> str:
    """A SARIF 2.1.0 log: one run, one result per finding (rule id = status; the suggestion as a fix)
    and per problem of a file (rule id = its code)."""
    rule_ids: list[str] = [s for s in STATUSES if s != "ok"] + list(PROBLEM_RULES)
    uris = {r.path: r.uri or file_uri(r.path) for r in results}
    out = [_problem_result(uris[r.path], p, rule_ids.index(p.code)) for r, p in _file_problems(results)]
    out += [_result(uris[path], f, rule_ids.index(f.status)) for path, f in _problems(results)]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": TOOL_NAME,
                "version": tool_version,
                "rules": [_rule(s) for s in rule_ids],
            }},
            "columnKind": "unicodeCodePoints",
            "results": out,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _problem_result(uri: str, p: Problem, rule_index: int) -> dict[str, Any]:
    region = {"startLine": p.line, "startColumn": p.column}
    return {
        "ruleId": p.code,
        "ruleIndex": rule_index,
        "level": "error" if p.severity == "error" else "warning",
        "message": {"text": p.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
    }


def _rule(status: str) -> dict[str, Any]:
    from .policy import default_severity

    level = default_severity(status)
    return {
        "id": status,
        "shortDescription": {"text": RULES[status] if status in RULES else PROBLEM_RULES[status]},  # type: ignore[index]
        "defaultConfiguration": {"level": "error" if level == "error" else "warning"},
    }


def _result(uri: str, f: Finding, rule_index: int) -> dict[str, Any]:
    c = f.citation
    region = _region(c.line, c.column, c.text)
    region["snippet"] = {"text": c.text}
    result: dict[str, Any] = {
        "ruleId": f.status,
        "ruleIndex": rule_index,
        "level": "error" if f.severity == "error" else "warning",
        "message": {"text": f.message or c.text},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}, "region": region}}],
    }
    if f.suggestion:
        result["fixes"] = [_fix(uri, c, f.suggestion)]
    return result


def _fix(uri: str, c: Citation, suggestion: str) -> dict[str, Any]:
    """The suggestion as a fix: a title alone replaces the law's name as written; an article (a
    citation) replaces the whole cited unit."""
    replaced = c.text
    if suggestion.endswith("》") and c.law_span is not None:
        replaced = c.text[:c.law_span[1] - c.start]
    return {
        "description": {"text": f"改为 {suggestion}"},
        "artifactChanges": [{
            "artifactLocation": {"uri": uri},
            "replacements": [{"deletedRegion": _region(c.line, c.column, replaced), "insertedContent": {"text": suggestion}}],
        }],
    }


def _region(line: int, column: int, text: str) -> dict[str, Any]:
    end_line, end_column = _advance(line, column, text)
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def file_uri(path: str) -> str:
    """A relative path as a relative URI reference; an absolute one as a file: URI. A file name that is
    not UTF-8 (surrogate escapes from the file system) is percent-encoded byte by byte."""
    p = PurePath(path)
    raw = os.fsencode(p.as_posix())
    if p.is_absolute():
        return "file://" + quote(raw)
    return quote(raw)
