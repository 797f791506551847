"""Hide markup from the extractor without moving any character.

`mask_markdown` / `mask_html` return a string of the same length as the input in which everything
that must not be read as running text (front matter, code, links and their URLs, HTML tags and
attributes, comments) is replaced by NUL; newlines are kept so lines still count. `join_soft_breaks`
then removes single line breaks (a name broken across lines) and returns a map back to the original.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

MASK = "\x00"
_NOT_NEWLINE = re.compile(r"[^\n]")

_FENCE_OPEN = re.compile(r"^[ \t>]*?(`{3,}|~{3,})")
_INDENT_CODE = re.compile(r"^(?: {4}|\t)")
_CONTAINER = re.compile(r"^\s{0,3}(?:[-*+]\s|\d+[.)]\s|!!!|\?\?\?|===|\[\^[^\]]+\]:|:\s)")
# Inline markup, one regex per first character so each scan stays in C (a 1 MB "[[[[…" is cheap).
_INLINE_RES = (
    re.compile(r"(`+)[^`\n]+\1(?!`)"),                                  # inline code
    re.compile(
        r"\[[^\[\]\n]*\](?:\([^()\s]*(?:[ \t]+\"[^\"\n]*\")?\)|\[[^\[\]\n]*\])"  # [text](url "t"), [text][ref]
        r"|\[\^[^\[\]\n]*\]"                                            # footnote reference
        r"|\[[^\[\]\n]+\]:[ \t]*\S[^\n]*"                                # link reference definition
    ),
    re.compile(r"<(?:https?|mailto):[^<>\s]*>|</?[A-Za-z][^<>\n]*>"),     # autolink, HTML tag
    re.compile(r"\{[ \t]*[:#.][^{}\n]*\}"),                              # attr_list
)
_HTML_TAG = re.compile(r"</?[A-Za-z!?][^<>]*>")
_RAW_HTML = re.compile(r"<(script|style)\b", re.IGNORECASE)


def _blank_out(chars: list[str], start: int, end: int) -> None:
    chars[start:end] = _NOT_NEWLINE.sub(MASK, "".join(chars[start:end]))


def _mask_comments(text: str, chars: list[str]) -> None:
    pos = 0
    while (start := text.find("<!--", pos)) != -1:
        end = text.find("-->", start + 4)
        end = len(text) if end == -1 else end + 3
        _blank_out(chars, start, end)
        pos = end


_BLOCK_CANDIDATE = re.compile(r"^(?:[ \t>]*?(`{3,}|~{3,})|(?: {4}|\t)[^\n]*\S)", re.MULTILINE)
_WALK_BACK_LINES = 200


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end == -1 else end + 1)


def _is_indented_code(text: str, line_start: int) -> bool:
    """An indented line is code when it follows a blank line and the block above it is a plain
    paragraph or heading (not a list item, admonition, tab or footnote, whose bodies are indented)."""
    if line_start == 0:
        return True
    prev_start = text.rfind("\n", 0, line_start - 1) + 1
    if text[prev_start:line_start].strip(" \t\r\n>"):
        return False  # no blank line before: a lazy continuation
    pos = prev_start
    for _ in range(_WALK_BACK_LINES):
        if pos == 0:
            return True
        start = text.rfind("\n", 0, pos - 1) + 1
        line = text[start:pos]
        pos = start
        if not line.strip():
            continue
        if _INDENT_CODE.match(line):
            continue
        return _CONTAINER.match(line) is None
    return False


def mask_markdown(text: str) -> str:
    """Markdown -> same-length text with non-prose masked (see module docstring)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    if text.startswith("---\n") or text.startswith("---\r\n"):
        m = re.compile(r"^(?:---|\.\.\.)[ \t\r]*$", re.MULTILINE).search(text, 4)
        if m is not None:
            pos = _line_bounds(text, m.start())[1]
            spans.append((0, pos))
    for m in _BLOCK_CANDIDATE.finditer(text, pos):
        if m.start() < pos:
            continue
        start, end = _line_bounds(text, m.start())
        fence = m.group(1)
        if fence:
            close = re.compile(rf"^[ \t>]*{re.escape(fence[0])}{{{len(fence)},}}[ \t\r]*$", re.MULTILINE).search(text, end)
            pos = _line_bounds(text, close.start())[1] if close else len(text)
            spans.append((start, pos))
        elif _is_indented_code(text, start):
            # the block runs over indented and blank lines
            block = re.compile(r"(?:(?: {4}|\t)[^\n]*(?:\n|\Z)|[ \t]*\n)*", re.MULTILINE).match(text, start)
            pos = block.end() if block else end
            spans.append((start, pos))
    pieces: list[str] = []
    last = 0
    for a, b in spans:
        pieces.append(text[last:a])
        pieces.append(_NOT_NEWLINE.sub(MASK, text[a:b]))
        last = b
    pieces.append(text[last:])
    masked = "".join(pieces)
    if "<!--" in masked:
        chars = list(masked)
        _mask_comments(masked, chars)
        masked = "".join(chars)
    return _mask_inline(masked)


def _mask_inline(masked: str) -> str:
    spans = sorted((m.start(), m.end()) for rx in _INLINE_RES for m in rx.finditer(masked))
    pieces: list[str] = []
    last = 0
    for start, end in spans:
        if start < last:
            continue  # inside an earlier span (e.g. a link inside inline code)
        pieces.append(masked[last:start])
        pieces.append(_NOT_NEWLINE.sub(MASK, masked[start:end]))
        last = end
    pieces.append(masked[last:])
    return "".join(pieces)


def mask_html(text: str) -> str:
    """HTML -> same-length text where only text nodes remain readable."""
    chars = list(text)
    _mask_comments(text, chars)
    pos = 0
    lowered = text.lower()
    while (m := _RAW_HTML.search(text, pos)) is not None:
        close = lowered.find(f"</{m.group(1).lower()}", m.end())
        end = len(text) if close == -1 else close
        _blank_out(chars, m.start(), end)
        pos = end
    masked = "".join(chars)
    return _HTML_TAG.sub(lambda m: _NOT_NEWLINE.sub(MASK, m.group()), masked)


# A line break followed (after indentation or `>` markers) by a non-blank character; the regex
# starts with the literal newline so the scan stays in C. join_soft_breaks checks the other side.
_BREAK = re.compile(r"\n[ \t\u3000]*(?=\S)")
_BREAK_MD = re.compile(r"\n(?:[ ]{0,3}>[ ]?)*[ \t\u3000]*(?=[^\s>])")
_TRAILING = " \t\u3000\r"


@dataclass(frozen=True, slots=True)
class Joined:
    """Text with soft line breaks removed, and the way back to original offsets."""

    text: str
    _gaps: list[int]      # compact positions where characters were removed
    _removed: list[int]   # total removed up to and including that gap

    def to_original(self, pos: int) -> int:
        """Compact offset of a character -> its original offset."""
        k = bisect_right(self._gaps, pos)
        return pos + (self._removed[k - 1] if k else 0)

    def end_to_original(self, end: int) -> int:
        """Compact exclusive end -> original exclusive end (never swallows a removed break)."""
        return self.to_original(end - 1) + 1 if end > 0 else 0


def join_soft_breaks(masked: str, *, markdown: bool) -> Joined:
    """Remove single line breaks (with the indentation or `>` markers around them).

    A blank line (paragraph break) stays a newline, so nothing is joined across paragraphs.
    """
    pieces: list[str] = []
    gaps: list[int] = []
    removed: list[int] = []
    total = 0
    last = 0
    for m in (_BREAK_MD if markdown else _BREAK).finditer(masked):
        s, e = m.start(), m.end()
        while s > last and masked[s - 1] in _TRAILING:
            s -= 1
        if s == 0 or masked[s - 1] == "\n" or s < last:
            continue  # a blank line before: a paragraph break, not a soft break
        pieces.append(masked[last:s])
        total += e - s
        gaps.append(s - (total - (e - s)))
        removed.append(total)
        last = e
    pieces.append(masked[last:])
    return Joined("".join(pieces), gaps, removed)
