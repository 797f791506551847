"""What the user decides about findings: the level of each code, and findings suppressed in the text.

Levels. Every code (a citation's status, or a file's problem code such as `stale-page`) has a default
severity (lawcite.models.SEVERITY, PROBLEM_SEVERITY); `--level CODE=error|warning|off` changes it
(off: the finding is not reported), `--fail-on error|warning|never` says which severity makes the exit
status 1.

Suppression. A line holding the marker `lawcite: ignore` suppresses every finding on that line;
`lawcite: ignore[unregistered-law, stale-page]` only those codes. In Markdown and HTML write it as a
comment, which the reader never sees (`<!-- lawcite: ignore[unregistered-law] -->`); in front matter as a
YAML comment (`reviewed: 2020-06-01  # lawcite: ignore[stale-page]`).
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .models import SEVERITY, STATUSES, Severity

LEVELS = ("error", "warning", "off")
FAIL_ON = ("error", "warning", "never")

# A file's problems (not about one citation), with their default severity.
PROBLEM_SEVERITY: dict[str, Severity] = {
    "stale-page": "warning",     # a cited law changed after the page's reviewed date
    "bad-reviewed-date": "error",
    "not-utf8": "error",
    "unreadable": "error",
    "list-cut": "warning",       # a list longer than the extractor reads (lawcite.patterns.MAX_UNITS)
}
CODES = tuple(s for s in STATUSES if s != "ok") + tuple(PROBLEM_SEVERITY)

_MARKER = re.compile(r"lawcite:[ \t]*ignore(?:\[([^\]\n]*)\])?")


@dataclass(frozen=True)
class Policy:
    levels: Mapping[str, str] = field(default_factory=dict)   # code -> error | warning | off
    fail_on: str = "error"

    def severity(self, code: str, default: Severity) -> Severity:
        """The severity a finding of `code` is reported with ("ok": not reported)."""
        level = self.levels.get(code)
        if level is None:
            return default
        return "ok" if level == "off" else level  # type: ignore[return-value]

    def fails(self, severity: str) -> bool:
        if self.fail_on == "never":
            return False
        return severity == "error" or (self.fail_on == "warning" and severity == "warning")


def default_severity(code: str) -> Severity:
    return SEVERITY[code] if code in SEVERITY else PROBLEM_SEVERITY[code]  # type: ignore[index]


def parse_level(value: str) -> tuple[str, str]:
    """`unregistered-law=error` -> (code, level); ValueError with what to write otherwise."""
    code, sep, level = value.partition("=")
    code, level = code.strip(), level.strip()
    if not sep or code not in CODES or level not in LEVELS:
        raise ValueError(f"{value!r}: write CODE=LEVEL, CODE one of {', '.join(CODES)}; LEVEL one of {', '.join(LEVELS)}")
    return code, level


def suppressed_lines(text: str) -> dict[int, frozenset[str] | None]:
    """Line (1-based) -> the codes suppressed on it (None: every code), for each line with a marker."""
    if "lawcite:" not in text:
        return {}
    out: dict[int, frozenset[str] | None] = {}
    for m in _MARKER.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        codes = None if m.group(1) is None else frozenset(c.strip() for c in m.group(1).split(",") if c.strip())
        previous = out.get(line, frozenset())
        out[line] = None if codes is None or previous is None else previous | codes
    return out


def is_suppressed(marks: Mapping[int, frozenset[str] | None], line: int, code: str) -> bool:
    if line not in marks:
        return False
    codes = marks[line]
    return codes is None or code in codes
