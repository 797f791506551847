"""The headings of a Markdown page — one finder, with Python-Markdown's rules.

Used by the Markdown extension (a citation in a heading is checked but not linked: the link would
end up in the table of contents) and by the appendix (a backlink names the section a citation is
in). An ATX heading is a line `# …` to `###### …`; a setext heading is a one-line paragraph
directly above a line of `=` or `-` (Python-Markdown reads `a\\nb\\n---` as a paragraph and a rule).
Lines inside code, front matter and comments are not headings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .markup import MASK, mask_markdown

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


@dataclass(frozen=True, slots=True)
class HeadingLine:
    """A heading as written: the 1-based line of its text, its level and its Markdown source."""

    line: int
    level: int
    source: str


def find_headings(text: str) -> list[HeadingLine]:
    """Every ATX and setext heading of the page, in order."""
    lines = text.split("\n")
    masked = mask_markdown(text).split("\n")
    found: list[HeadingLine] = []
    for i, line in enumerate(lines):
        if MASK in masked[i][:4] or not masked[i].strip():
            continue
        if (m := _ATX.match(line)) is not None:
            found.append(HeadingLine(i + 1, len(m.group(1)), m.group(2) or ""))
        elif (
            i > 0 and _SETEXT.match(line) and lines[i - 1].strip() and not _ATX.match(lines[i - 1])
            and MASK not in masked[i - 1][:4]
            and (i < 2 or not lines[i - 2].strip())  # a one-line paragraph above
        ):
            found.append(HeadingLine(i, 1 if line.strip()[0] == "=" else 2, lines[i - 1].strip()))
    return found


def heading_lines(text: str) -> set[int]:
    """0-based numbers of the lines that hold a heading's text."""
    return {h.line - 1 for h in find_headings(text)}
