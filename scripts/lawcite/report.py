"""The checker's output: text lines or the JSON object fixed by spec/check-refs.md."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from .models import Finding


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)


def summary(results: list[FileResult]) -> dict[str, int]:
    all_f = [f for r in results for f in r.findings]
    return {
        "files": len(results),
        "citations": len(all_f),
        "errors": sum(f.severity == "error" for f in all_f),
        "warnings": sum(f.severity == "warning" for f in all_f),
    }


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def format_text(results: list[FileResult]) -> str:
    """`path:line:column: severity: code: message (suggestion: …)` per finding, then a summary."""
    lines: list[str] = []
    for r in results:
        for f in r.findings:
            if f.severity == "ok":
                continue
            c = f.citation
            line = f"{r.path}:{c.line}:{c.column}: {f.severity}: {f.status}: {f.message or c.text}"
            if f.suggestion:
                line += f" (suggestion: {f.suggestion})"
            lines.append(line)
    s = summary(results)
    lines.append(
        f"{_plural(s['files'], 'file')}, {_plural(s['citations'], 'citation')}: "
        f"{_plural(s['errors'], 'error')}, {_plural(s['warnings'], 'warning')}"
    )
    return "\n".join(lines) + "\n"


def format_json(results: list[FileResult], as_of: date) -> str:
    obj = {
        "version": 1,
        "as_of": as_of.isoformat(),
        "citations": [f.to_dict(r.path) for r in results for f in r.findings],
        "summary": summary(results),
    }
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
