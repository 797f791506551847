"""Step 1 of extraction: find the places a citation can be, and the block of text around each.

One regex (Patterns.raw_anchor, starting with the literal 第) finds every 第 written right after the
last character of a law name, 》 or 本法 — possibly across a soft line break. Only the blocks
around those hits are read further: a Markdown paragraph, list item, table row … (or a window of
one that is very long), with its markup masked, its soft line breaks joined and its table cells
split (lawcite.markup), so the parser sees running text in which a name broken across two lines
is whole and nothing is read across a block boundary.

The common block is a paragraph of one line of plain prose: with `fast=True` it is read where it is
(no copy, offsets are the text's) and its hits are its chain starts. `fast=False` prepares every
block the general way; both give the same citations (tests/lawcite/test_properties.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .markup import TRANSPARENT, Joined, block_spans, indented_code_end, is_hard_break, join_soft_breaks, mask_html, mask_segment, split_table_cells
from .patterns import Patterns

BACK = 600       # code points kept before a hit: the name (<= 80), a pin, the sentence before
FORWARD = 3200   # after it: the longest chain and the rest of its sentence
FORWARD_NEED = 3000  # a block cut short is extended when a hit comes closer than this to its end

# What keeps a one-line paragraph from being read as it is: inline markup (emphasis included), a
# table, a NUL (indentation is tested apart).
_MARKUP_CHAR = re.compile(r"[`\[<{|*_~!\x00]").search


@dataclass(frozen=True, slots=True)
class Block:
    """A block as the parser reads it: `text[floor:ceil]`.

    In the fast case `text` is the scanned text itself (offsets are the original ones, `origin` is
    0, `joined` None) and `starts` lists the chain starts the scan found. Otherwise `text` is a
    prepared copy of the block (origin: its first character's offset in the original; joined: the
    soft line breaks removed from it, or None when there were none) and `starts` is None: the parser
    finds the chain starts itself (Patterns.anchor).
    """

    text: str
    floor: int
    ceil: int
    origin: int = 0
    joined: Joined | None = None
    starts: tuple[int, ...] | None = None

    def original(self, pos: int) -> int:
        """Offset in the original text of the character at `pos`."""
        return self.origin + (self.joined.to_original(pos) if self.joined is not None else pos)

    def original_end(self, end: int) -> int:
        """Original offset of an exclusive end (never swallows a removed line break)."""
        return self.origin + (self.joined.end_to_original(end) if self.joined is not None else end)


@dataclass(frozen=True, slots=True)
class ScannedText:
    """The text given to find_citations and what every later step reads of it."""

    original: str
    base: str                        # the text the blocks come from (HTML: tags masked)
    code_spans: list[tuple[int, int]]  # front matter, fenced code, comments (Markdown), sorted
    markdown: bool


def scan(text: str, patterns: Patterns, *, markdown: bool, html: bool) -> ScannedText | None:
    """None when the text has no place a citation can be (the common case for most text)."""
    if patterns.raw_anchor.search(text) is None:
        return None
    markdown = markdown and not html
    base = mask_html(text) if html else text
    spans = block_spans(text, indented=False) if markdown else []
    return ScannedText(text, base, spans, markdown)


def blocks(scanned: ScannedText, patterns: Patterns, *, fast: bool = True) -> Iterator[Block]:
    """The blocks around every hit, in text order (see the module docstring)."""
    base, spans, markdown = scanned.base, scanned.code_spans, scanned.markdown
    span_at = 0  # the first code span that does not end before the current segment
    for lo, hi, hits, one_line in _segments(base, patterns.raw_anchor.finditer(base), markdown):
        while span_at < len(spans) and spans[span_at][1] <= lo:
            span_at += 1
        in_span = span_at < len(spans) and spans[span_at][0] < hi
        if fast and one_line and not in_span and _plain_line(base, lo, hi, hits, patterns, markdown):
            yield Block(base, lo, hi, starts=tuple(hits))
        else:
            yield _prepared_block(scanned, lo, hi, in_span)


def _plain_line(base: str, lo: int, hi: int, hits: list[int], patterns: Patterns, markdown: bool) -> bool:
    """A line the parser can read in place: no markup, and every name written right before its 第."""
    if markdown and (base[lo] in " \t" or _MARKUP_CHAR(base, lo, hi)):
        return False
    if not markdown and base.find(TRANSPARENT, lo, hi) != -1:
        return False  # HTML: an inline tag to read through
    return all(base[h - 1] in patterns.name_ends for h in hits)


def _prepared_block(scanned: ScannedText, lo: int, hi: int, in_span: bool) -> Block:
    """base[lo:hi] with markup masked, soft line breaks removed and table cells split."""
    text, base, markdown = scanned.original, scanned.base, scanned.markdown
    segment = base[lo:hi]
    needs_mask = markdown and (
        in_span or segment.startswith((" ", "\t")) or any(ch in segment for ch in "`[<{!*_~")
    )
    masked = mask_segment(text, lo, hi, scanned.code_spans, code_end=indented_code_end(text, lo, hi)) if needs_mask else segment
    joined = join_soft_breaks(masked, markdown=markdown) if "\n" in masked or TRANSPARENT in masked else None
    compact = joined.text if joined is not None and joined.removed_any else masked
    if joined is not None and not joined.removed_any:
        joined = None
    if markdown and "|" in compact:
        compact = split_table_cells(compact)
    return Block(compact, 0, len(compact), origin=lo, joined=joined)


# --- segments: the only parts of a text the extractor reads ---------------------------------------

def _segments(base: str, hits: Iterator[re.Match[str]], markdown: bool) -> Iterator[tuple[int, int, list[int], bool]]:
    """Disjoint (lo, hi, hits, one_line) ranges of `base` covering every hit with its context: the
    offsets of the hits (their 第) inside each, and whether the range is one whole line with an
    empty line before and after it (a paragraph of one line, the common case).

    A range runs from the start to the end of the block around its hits, within BACK/FORWARD code
    points; blocks are found by looking at a few lines around each hit, so the text between
    citations is never read by Python code.
    """
    lo = hi = 0
    cut = one_line = False
    inside: list[int] = []
    for m in hits:
        h = m.start()
        if h < hi:  # inside the current range
            if cut and h + FORWARD_NEED > hi:
                hi, cut = _block_end(base, hi, h + 2 * FORWARD, markdown)
                one_line = False
            inside.append(h)
            continue
        start, starts_line = _block_start_near(base, h, hi, markdown)
        if start > hi or not inside:
            if inside:
                yield lo, hi, inside, one_line
            lo, inside = start, [h]
        else:  # the block began inside the current range: extend it
            inside.append(h)
            starts_line = False
        line_end = base.find("\n", h, h + FORWARD + 1)
        if line_end != -1 and base.startswith("\n", line_end + 1):
            hi, cut, one_line = line_end, False, starts_line  # an empty line next: the paragraph ends
        else:
            hi, cut = _block_end(base, h, h + FORWARD, markdown)
            one_line = False
    if inside:
        yield lo, hi, inside, one_line


def _block_start_near(base: str, h: int, previous_end: int, markdown: bool) -> tuple[int, bool]:
    """(start of the block around hit h, whether it is a line with an empty line before it)."""
    line_start = base.rfind("\n", previous_end, h) + 1
    if line_start >= 2 and base[line_start - 2] == "\n" and line_start > previous_end and h - line_start < BACK:
        return line_start, True
    return _block_start(base, h, max(0, h - BACK), markdown), False


def _block_start(text: str, h: int, limit: int, markdown: bool) -> int:
    """Start of the block around offset h (a line start), or `limit` when the block is longer."""
    ls = text.rfind("\n", limit, h) + 1
    if ls == 0 and limit > 0:
        return limit
    if ls >= 2 and text[ls - 2] == "\n":
        return ls  # an empty line before: the common paragraph start
    current: str | None = None  # the line at ls, sliced only when is_hard_break needs it
    while ls > 0:
        pls = text.rfind("\n", limit, ls - 1) + 1
        # the whole previous line decides whether it belongs to the block, even when it is long
        previous = text[pls or text.rfind("\n", 0, ls - 1) + 1:ls - 1]
        if not previous.strip():
            return ls
        if markdown:
            if current is None:
                le = text.find("\n", ls)
                current = text[ls:len(text) if le == -1 else le]
            if is_hard_break(previous, current):
                return ls
        if pls == 0 and limit > 0:
            return limit  # the block goes on beyond BACK: cut inside that line
        ls, current = pls, previous
    return 0


def _block_end(text: str, pos: int, limit: int, markdown: bool) -> tuple[int, bool]:
    """(end of the block around offset pos, whether it was cut at `limit` rather than ended)."""
    n = len(text)
    limit = min(limit, n)
    le = text.find("\n", pos, limit + 1)
    if le == -1:
        return limit, limit < n
    if text.startswith("\n", le + 1):
        return le, False  # an empty line next: the common paragraph end
    current = text[text.rfind("\n", 0, le) + 1:le]
    while le < n:
        nle = text.find("\n", le + 1, limit + 1)
        following = text[le + 1:limit if nle == -1 else nle]
        if not following.strip() or (markdown and is_hard_break(current, following)):
            return le, False
        if nle == -1:
            return limit, limit < n
        le, current = nle, following
    return n, False
