"""A page's front matter, and the date its facts were last checked (`reviewed: YYYY-MM-DD`).

One reader for every front end: the command line (each page is judged at its own reviewed date),
the appendix scan (backlinks), and the MkDocs hooks (which get the front matter already parsed and
need only `as_date`). The reviewed date is read with a regular expression, so the checker's start-up
does not pay for importing PyYAML; `front_matter` (the whole block) imports it when called.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

_BLOCK = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)
_REVIEWED = re.compile(r"^reviewed:[ \t]*['\"]?([^'\"\s#]*)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)


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
    block = _BLOCK.match(text)
    if block is None:
        return None
    m = _REVIEWED.search(block.group(1))
    if m is None:
        return None
    parsed = as_date(m.group(1))
    if parsed is None:
        raise BadDateError(m.group(1), text.count("\n", 0, block.start(1) + m.start()) + 1)
    return parsed


def front_matter(text: str) -> dict[str, Any]:
    """The front matter as a mapping ({} when there is none or it is not valid YAML)."""
    block = _BLOCK.match(text)
    if block is None:
        return {}
    import yaml

    try:
        data = yaml.safe_load(block.group(1))
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}
