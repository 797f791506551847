"""Step 3 of extraction: the words around a chain — the rest of its sentence, the sentence before
its law name, and a Markdown blockquote attributed to it. The quotation check (lawcite.quotes) and
the superseded rule (lawcite.supersede) read them.

A sentence ends at 。！？ (grammar.yaml `quotations.sentence_ends`) or a line break, but not inside
“…”; the text after a chain also stops at the next 《 (another law's title) and at the next chain.
Blocks were prepared by lawcite.scan, so a sentence never runs into another block.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

from .grammar import Grammar
from .markup import MASK

CONTEXT_MAX = 300  # code points of context read on either side

_BLOCKQUOTE_LINE = re.compile(r"^[ ]{0,3}>[ ]?")
_BLOCKQUOTE_STARTS = (">", " >", "  >", "   >")  # [ ]{0,3}> at a line start
_EMPHASIS = re.compile(r"[*_`]+")


class SentenceReader:
    """The sentence around a chain, with the grammar's quotation marks and sentence ends."""

    def __init__(self, grammar: Grammar) -> None:
        q = grammar.quotations
        self.opening = "".join(a for a, _ in q.nesting_marks)
        self.closing = "".join(b for _, b in q.nesting_marks)
        self.ends = "".join(q.sentence_ends)
        marks = re.escape(self.opening + self.closing)
        self._after_stop = re.compile(f"[{marks}\\n{re.escape(grammar.title_open)}{re.escape(self.ends)}]")
        self._before_stop = re.compile(f"[{marks}\\n{re.escape(self.ends)}]")
        # greedy .* runs to the end and backs off to the last sentence end or quotation mark: one C call
        self._last_stop = re.compile(f".*[\\n{re.escape(self.ends)}{marks}]", re.DOTALL)
        self._title_open = grammar.title_open

    def after(self, text: str, start: int, limit: int) -> str:
        """The rest of the sentence after text[start] (a 。 inside “…” does not end it)."""
        end = min(limit, start + CONTEXT_MAX, len(text))
        first = self._after_stop.search(text, start, end)
        if first is None:
            stop = end
        elif first.group() not in self._marks:
            stop = first.start() + (1 if first.group() in self.ends else 0)  # the common case
        else:
            stop = self._after_quotes(text, first.start(), end)
        return text[start:stop].replace(MASK, "")

    def _after_quotes(self, text: str, pos: int, end: int) -> int:
        depth = 0
        for m in self._after_stop.finditer(text, pos, end):
            ch = m.group()
            if ch in self.opening:
                depth += 1
            elif ch in self.closing:
                depth = max(0, depth - 1)
            elif ch == "\n" or ch == self._title_open or depth == 0:
                return m.start() + (1 if ch in self.ends else 0)
        return end

    def before(self, text: str, end: int, floor: int) -> str:
        """The sentence before text[end], from text[floor] on (a 。 inside “…” does not end it)."""
        lo = max(floor, end - CONTEXT_MAX)
        last = self._last_stop.match(text, lo, end)
        if last is None:
            cut = lo
        else:
            cut = last.end()
            if text[cut - 1] in self._marks:
                cut = self._before_quotes(text, lo, end)  # the last stop may be inside “…”
        return text[cut:end].replace(MASK, "")

    def _before_quotes(self, text: str, lo: int, end: int) -> int:
        depth = 0
        for m in reversed(list(self._before_stop.finditer(text, lo, end))):
            ch = m.group()
            if ch in self.closing:
                depth += 1
            elif ch in self.opening:
                depth = max(0, depth - 1)
            elif ch == "\n" or depth == 0:
                return m.start() + 1
        return lo

    @cached_property
    def _marks(self) -> str:
        return self.opening + self.closing


# --- Markdown blockquotes attributed to a citation ----------------------------------------------

def has_quote_line(text: str) -> bool:
    """Whether any line starts with [ ]{0,3}>: without one, no chain has a blockquote. Found with
    one-character searches for `>` (rare in prose), not a search for every line start."""
    at = text.find(">")
    while at != -1:
        line_start = text.rfind("\n", 0, at) + 1
        if at - line_start <= 3 and not text[line_start:at].strip(" "):
            return True
        nl = text.find("\n", at)  # the rest of this line cannot start one (and is not read again)
        at = -1 if nl == -1 else text.find(">", nl + 1)
    return False


def block_quote(text: str, chain_end: int, next_chain: int | None, spans: list[tuple[int, int]]) -> str | None:
    """The Markdown blockquote attributed to a chain ending at `chain_end` (offsets in the original
    text), if any: the rest of the blockquote when the chain is on its first line, or the blockquote
    right after the line of the last chain on a line (one blank line allowed)."""
    line_start = text.rfind("\n", 0, chain_end - 1) + 1
    if _is_quote_line(text, line_start, spans):
        if line_start > 0 and _is_quote_line(text, text.rfind("\n", 0, line_start - 1) + 1, spans):
            return None  # not the first line of its blockquote
        return _quote_text(text, chain_end, _quote_block_end(text, line_start, spans))
    line_end = text.find("\n", chain_end)
    if line_end == -1 or (next_chain is not None and next_chain < line_end):
        return None  # another citation follows on the same line: the quote is its
    first = line_end + 1
    nl = text.find("\n", first)
    if nl != -1 and not text[first:nl].strip():
        first = nl + 1
    if not _is_quote_line(text, first, spans):
        return None
    return _quote_text(text, first, _quote_block_end(text, first, spans))


def _quote_text(text: str, start: int, end: int) -> str:
    return "".join(_EMPHASIS.sub("", _BLOCKQUOTE_LINE.sub("", ln.rstrip("\r"))) for ln in text[start:end].split("\n"))


def _is_quote_line(text: str, line_start: int, spans: list[tuple[int, int]]) -> bool:
    """A line starting a blockquote marker, outside code (front matter, fences, comments)."""
    if not text.startswith(_BLOCKQUOTE_STARTS, line_start):
        return False
    k = bisect_right(spans, (line_start, len(text) + 1)) - 1
    return not (k >= 0 and spans[k][0] <= line_start < spans[k][1])


def _quote_block_end(text: str, line_start: int, spans: list[tuple[int, int]]) -> int:
    """End (exclusive, before its newline) of the run of blockquote lines starting at line_start."""
    while True:
        nl = text.find("\n", line_start)
        if nl == -1:
            return len(text)
        if not _is_quote_line(text, nl + 1, spans):
            return nl
        line_start = nl + 1
