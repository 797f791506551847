"""Front matter (--- YAML ---) at the top of a page or a law file: the one reader of it.

`split` finds the block (a page's, a law file's, the one MkDocs strips); `reviewed_date` reads a
page's `reviewed:` date with a regular expression, so the checker's start-up does not pay for
importing PyYAML; `front_matter` (the whole block as a mapping) imports it when called.
Every front end uses these: the command line (each page is judged at its own reviewed date), the
appendix scan, the MkDocs hooks (which get the front matter already parsed and need only
`as_date`) and the law-file reader (lawcite.lawtext).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

_BLOCK = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)
_REVIEWED = re.compile(r"^reviewed:[ \t]*['\"]?([^'\"\s#]*)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Where a text's front matter is: `yaml` (its lines, None when the text has none), the offset
    the body starts at and the body's first line (1-based)."""

    yaml: str | None
    yaml_start: int
    body_start: int
    body_line: int


def split(text: str) -> FrontMatter:
    """The front matter of `text`: FrontMatter(None, 0, 0, 1) when there is none (or it is not closed)."""
    block = _BLOCK.match(text)
    if block is None:
        return FrontMatter(None, 0, 0, 1)
    return FrontMatter(block.group(1), block.start(1), block.end(), text.count("\n", 0, block.end()) + 1)


class BadDateError(ValueError):
    """A `reviewed:` value that is not a date; `line` is 1-based in the page."""

    def __init__(self, value: str, line: int) -> None:
        self.value = value
        self.line = line
        super().__init__(f"{line}: reviewed: {value!r} is not a date: write YYYY-MM-DD")


def as_date(value: Any) -> date | None:
    """A date from a YAML value (date, datetime or ISO string); None when it is none of these."""
    if isinstance(value, datetime):  # before date: a datetime is a date too
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def reviewed_date(text: str) -> date | None:
    """The `reviewed:` date in the page's front matter; None without one; BadDateError if malformed."""
    fm = split(text)
    if fm.yaml is None:
        return None
    m = _REVIEWED.search(fm.yaml)
    if m is None:
        return None
    parsed = as_date(m.group(1))
    if parsed is None:
        raise BadDateError(m.group(1), text.count("\n", 0, fm.yaml_start + m.start()) + 1)
    return parsed


def reviewed_line(text: str) -> int | None:
    """The 1-based line of the `reviewed:` key in the page's front matter; None without one."""
    fm = split(text)
    m = _REVIEWED.search(fm.yaml) if fm.yaml is not None else None
    return None if m is None else text.count("\n", 0, fm.yaml_start + m.start()) + 1


def front_matter(text: str) -> dict[str, Any]:
    """The front matter as a mapping ({} when there is none or it is not valid YAML)."""
    fm = split(text)
    if fm.yaml is None:
        return {}
    import yaml

    try:
        data = yaml.safe_load(fm.yaml)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}
