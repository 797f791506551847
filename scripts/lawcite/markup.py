"""Hide markup from the extractor without moving any character, and find block boundaries.

`mask_markdown` / `mask_html` return a string of the same length as the input in which everything
that must not be read as running text (front matter, code, link URLs, images, HTML attributes,
comments, block-level tags) is replaced by MASK (NUL), and markup that only decorates running text —
emphasis and strike delimiters (`**`, `*`, `__`, `~~`), the brackets and URL of a link around its
text, inline HTML tags (`<strong>`, `<a …>`) — by TRANSPARENT; newlines are kept so lines still count
(`mask_html` also turns block-level tags into paragraph breaks). `join_soft_breaks` then removes
single line breaks (a name broken across lines) and every TRANSPARENT character, so
`《民法典》**第一千三百条**` and `《民法典》<a>第八十八条</a>、<a>第九十一条</a>` read as plain citations, and
returns a map back to the original (a finding points at the original text). In Markdown a line break is
only soft inside one block: list items, table rows, headings, admonition titles, blockquote lines
vs. plain lines are never joined, and `split_table_cells` makes every table cell its own line.

The extractor works on small segments around the places a citation can be (lawcite.extract), so
the block-level ranges (`block_spans`: front matter, fences, indented code, comments) are found
once per text, only when the text has such markup at all, and inline markup is masked per segment.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

MASK = "\x00"
TRANSPARENT = "\x01"  # markup read through: removed from the text the parser reads (join_soft_breaks)
_NOT_NEWLINE = re.compile(r"[^\n]")

_INDENT_CODE = re.compile(r"^(?: {4}|\t)")
_INDENT_AT = re.compile(r" {4}|\t")
_CONTAINER = re.compile(r"^\s{0,3}(?:[-*+]\s|\d+[.)]\s|!!!|\?\?\?|===|\[\^[^\]]+\]:|:\s)")
# Inline markup, one regex per first character so each scan stays in C (a 1 MB "[[[[…" is cheap).
# Every one is confined to one line, so masking a run of whole lines equals masking the text.
_INLINE_RES = (
    ("`", re.compile(r"(`+)[^`\n]+\1(?!`)")),                                  # inline code
    ("[", re.compile(
        r"\[[^\[\]\n]*\](?:\([^()\s]*(?:[ \t]+\"[^\"\n]*\")?\)|\[[^\[\]\n]*\])"  # [text](url "t"), [text][ref]
        r"|\[\^[^\[\]\n]*\]"                                                   # footnote reference
        r"|\[[^\[\]\n]+\]:[ \t]*\S[^\n]*"                                       # link reference definition
    )),
    ("!", re.compile(r"!\[[^\[\]\n]*\]\([^()\s]*(?:[ \t]+\"[^\"\n]*\")?\)")),     # image (its alt text is not prose)
    ("<", re.compile(r"<(?:https?|mailto):[^<>\s]*>|</?[A-Za-z][^<>\n]*>")),     # autolink, HTML tag
    ("{", re.compile(r"\{[ \t]*[:#.][^{}\n]*\}")),                              # attr_list
    # emphasis and strike delimiters: a run of * or _ (or exactly ~~) touching a non-space on one
    # side; a list marker (`* `) and a thematic break (`***`, `* * *`) touch none
    ("*_~", re.compile(r"(?<![*_~\\])(?:(?<=\S)(?:\*++|_++|~~(?!~))|(?:\*++|_++|~~(?!~))(?=\S))")),
)
# A link's text is prose: only `[` and `](url)` / `][ref]` are markup.
_LINK = re.compile(r"\[([^\[\]\n]*)\](?:\(|\[)")
# HTML elements that only decorate running text (their tags are read through, not a break).
HTML_INLINE_TAGS = frozenset("a abbr b bdi bdo cite data del dfn em font i ins mark q s small span strong sub sup time u".split())
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")
_HTML_TAG = re.compile(r"</?(?:([A-Za-z][A-Za-z0-9]*)|[!?])[^<>]*>")
_RAW_HTML = re.compile(r"<(script|style)\b", re.IGNORECASE)
# Tags that end a paragraph-like block in HTML input: a quotation never crosses them.
HTML_BLOCK_TAGS = frozenset(
    "p li td th tr div h1 h2 h3 h4 h5 h6 dd dt blockquote section br ul ol table thead tbody "
    "tfoot article aside header footer nav main details summary figure figcaption pre hr".split()
)

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t\r]*$", re.MULTILINE)
_INDENTED_RUN = re.compile(r"(?:(?: {4}|\t)[^\n]*(?:\n|\Z)|[ \t]*\n)*")
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


_FENCE_LINE = re.compile(r"[ \t>]*?(`{3,}|~{3,})")


class _Candidates:
    """Next place a fence or an indented line may start, by plain substring search (C speed)."""

    def __init__(self, text: str, indented: bool) -> None:
        self.text = text
        self.marks = ("```", "~~~", "\n    ", "\n\t") if indented else ("```", "~~~")
        self.at = [-2] * len(self.marks)

    def next(self, pos: int) -> int:
        best = -1
        for i, mark in enumerate(self.marks):
            at = self.at[i]
            if at != -1 and at < pos:
                at = self.at[i] = self.text.find(mark, pos)
            if at != -1 and (best == -1 or at < best):
                best = at
        return best


def block_spans(text: str, *, indented: bool = True) -> list[tuple[int, int]]:
    """Sorted, disjoint (start, end) ranges of front matter, fenced and indented code, comments.

    Each construct is looked for with plain substring searches (C speed), and only when the text
    has its marker at all. indented=False leaves indented code out (the extractor finds it per
    segment with `indented_code_end`, which spares a whole-text search for indented lines).
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    if text.startswith("---\n") or text.startswith("---\r\n"):
        close = _front_matter_close(text)
        if close != -1:
            pos = _line_bounds(text, close)[1]
            spans.append((0, pos))
    # a one-character search first: much faster than a three-character one when it fails
    fences = ("`" in text and "```" in text) or ("~" in text and "~~~" in text)
    if fences or (indented and _has_indented_line(text)):
        spans.extend(_code_spans(text, pos, indented))
    if "<" in text and (comments := _comment_spans(text, spans)):  # "<": a one-character search
        spans = _merge(spans + comments)
    return spans


def _front_matter_close(text: str) -> int:
    """Start of the first line from offset 4 on that is `---` or `...` alone (_FRONT_MATTER_END), or -1.

    Found by substring search for the line starts (a MULTILINE `^` search tries every offset);
    every stretch of text is searched once for each marker.
    """
    pos = 3  # the newline before a line starting at offset >= 4
    dash = text.find("\n---", pos)
    for _ in range(64):
        # a "\n..." before the next "\n---" (it cannot overlap it: that starts with a newline)
        at = text.find("\n...", pos, len(text) if dash == -1 else dash)
        if at == -1:
            at = dash
            if at == -1:
                return -1
        if _FRONT_MATTER_END.match(text, at + 1) is not None:
            return at + 1
        pos = at + 1
        if at == dash:
            dash = text.find("\n---", pos)
    m = _FRONT_MATTER_END.search(text, pos)  # many near misses (odd input): let the regex go on
    return -1 if m is None else m.start()


def _has_indented_line(text: str) -> bool:
    return text.startswith(("    ", "\t")) or "\n    " in text or "\n\t" in text


def _code_spans(text: str, pos: int, indented: bool) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    line_start = pos if (indented and pos == 0 and text.startswith(("    ", "\t"))) else -1
    found = _Candidates(text, indented)
    while True:
        if line_start == -1:
            # from the newline that ends the previous line, so a candidate right after a span counts
            at = found.next(pos - 1 if pos > 0 and text[pos - 1] == "\n" else pos)
            if at == -1:
                break
            line_start = at + 1 if text[at] == "\n" else text.rfind("\n", 0, at) + 1
            if line_start < pos:
                line_start, pos = -1, at + 3
                continue
        start, end = _line_bounds(text, line_start)
        line_start = -1
        fence = _FENCE_LINE.match(text, start)
        if fence is not None:
            mark = fence.group(1)
            close = re.compile(rf"^[ \t>]*{re.escape(mark[0])}{{{len(mark)},}}[ \t\r]*$", re.MULTILINE).search(text, end)
            pos = _line_bounds(text, close.start())[1] if close else len(text)
            spans.append((start, pos))
        elif indented and _INDENT_AT.match(text, start) and text[start:end].strip() and _is_indented_code(text, start):
            block = _INDENTED_RUN.match(text, start)
            pos = block.end() if block else end
            spans.append((start, pos))
        else:
            pos = end
    return spans


def indented_code_end(text: str, lo: int, hi: int) -> int:
    """End of the indented code block that text[lo:hi] starts with (lo when it starts with prose).

    For a segment that starts a block (after a blank line or a block boundary): a block that does
    not start indented has no indented code (an indented line inside it is a lazy continuation).
    The rule is mask_markdown's: walk back over the indented and blank lines above, and the first
    indented line that follows a blank line below a non-container decides (_is_indented_code).
    """
    if lo >= len(text) or text[lo] not in " \t":
        return lo  # not indented (what _INDENT_AT needs first)
    if (lo > 0 and text[lo - 1] != "\n") or not _INDENT_AT.match(text, lo) or not text[lo:hi].strip():
        return lo
    starts = [lo]
    pos = lo
    for _ in range(_WALK_BACK_LINES):
        if pos == 0:
            break
        prev = text.rfind("\n", 0, pos - 1) + 1
        line = text[prev:pos - 1]
        if line.strip() and not _INDENT_AT.match(line):
            break
        starts.append(prev)
        pos = prev
    for start in reversed(starts):
        end = text.find("\n", start)
        line = text[start:len(text) if end == -1 else end]
        if line.strip() and _INDENT_AT.match(line) and _is_indented_code(text, start):
            run = _INDENTED_RUN.match(text, lo, hi)
            return run.end() if run else lo
    return lo


def _comment_spans(text: str, code: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """<!-- … --> ranges; neither end counts inside code."""
    out: list[tuple[int, int]] = []
    pos = 0
    while (start := _find_outside(text, "<!--", pos, code)) != -1:
        end = _find_outside(text, "-->", start + 4, code)
        end = len(text) if end == -1 else end + 3
        out.append((start, end))
        pos = end
    return out


def _find(text: str, needle: str, pos: int) -> int:
    """text.find(needle, pos), sooner: a one-character search for needle[0] is several times
    faster than a search for the whole needle, so try that for the first few candidates."""
    first = needle[0]
    for _ in range(16):
        at = text.find(first, pos)
        if at == -1 or text.startswith(needle, at):
            return at
        pos = at + 1
    return text.find(needle, pos)


def _find_outside(text: str, needle: str, pos: int, spans: list[tuple[int, int]]) -> int:
    while (at := _find(text, needle, pos)) != -1:
        k = bisect_right(spans, (at, len(text) + 1)) - 1
        if k >= 0 and spans[k][0] <= at < spans[k][1]:
            pos = spans[k][1]
            continue
        if k + 1 < len(spans) and spans[k + 1][0] < at + len(needle):
            pos = at + 1  # the needle runs into code
            continue
        return at
    return -1


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _apply_spans(text: str, lo: int, hi: int, spans: list[tuple[int, int]]) -> str:
    """text[lo:hi] with the parts inside `spans` (absolute offsets) masked."""
    seg = text[lo:hi]
    k = max(0, bisect_right(spans, (lo, lo)) - 1)
    pieces: list[str] = []
    last = 0
    while k < len(spans) and spans[k][0] < hi:
        a, b = max(spans[k][0], lo) - lo, min(spans[k][1], hi) - lo
        if b > a and a >= last:
            pieces.append(seg[last:a])
            pieces.append(_NOT_NEWLINE.sub(MASK, seg[a:b]))
            last = b
        k += 1
    if not pieces:
        return seg
    pieces.append(seg[last:])
    return "".join(pieces)


def mask_segment(text: str, lo: int, hi: int, spans: list[tuple[int, int]], *, code_end: int | None = None) -> str:
    """text[lo:hi] with the block-level `spans` (absolute offsets) and inline markup masked;
    code_end: the segment's leading indented code ends there (indented_code_end).

    lo and hi should be line starts/ends: inline markup is masked line by line.
    """
    if code_end is not None and code_end > lo:
        spans = _merge(spans + [(lo, code_end)])
    if spans:
        k = bisect_right(spans, (hi,))  # spans starting before hi; sorted and disjoint, so ends rise
        if k and spans[k - 1][1] > lo:
            return _mask_inline(_apply_spans(text, lo, hi, spans))
    return _mask_inline(text[lo:hi])


def mask_markdown(text: str) -> str:
    """Markdown -> same-length text with non-prose masked (see module docstring)."""
    return mask_segment(text, 0, len(text), block_spans(text))


_INLINE_FIRST = frozenset("`[<{!*_~")


def _inline_spans(masked: str) -> list[tuple[int, int, str]]:
    """(start, end, fill) of the inline markup in `masked`, sorted: fill is MASK for what is not
    prose, TRANSPARENT for markup around prose (a link's brackets and URL, inline tags, emphasis)."""
    spans: list[tuple[int, int, str]] = []
    for first, rx in _INLINE_RES:
        if not any(ch in masked for ch in first):
            continue
        for m in rx.finditer(masked):
            a, b = m.start(), m.end()
            if first == "[" and (link := _LINK.match(masked, a)) is not None and not masked.startswith("[^", a):
                close = a + 1 + len(link.group(1))
                spans.append((a, a + 1, TRANSPARENT))
                spans.append((close, b, TRANSPARENT))
            elif first == "<" and (name := _TAG_NAME.match(masked, a)) is not None and name.group(1).lower() in HTML_INLINE_TAGS:
                spans.append((a, b, TRANSPARENT))
            else:
                spans.append((a, b, TRANSPARENT if first == "*_~" else MASK))
    spans.sort()
    return spans


def _mask_inline(masked: str) -> str:
    if not _INLINE_FIRST.intersection(masked):
        return masked  # no inline markup (the first characters of _INLINE_RES)
    spans = _inline_spans(masked)
    if not spans:
        return masked
    pieces: list[str] = []
    last = 0
    for start, end, fill in spans:
        if start < last:
            continue  # inside an earlier span (e.g. a link inside inline code)
        pieces.append(masked[last:start])
        pieces.append(_NOT_NEWLINE.sub(fill, masked[start:end]))
        last = end
    pieces.append(masked[last:])
    return "".join(pieces)


def _masked_tag(m: re.Match[str]) -> str:
    tag = m.group()
    name = m.group(1)
    if name is not None and name.lower() in HTML_BLOCK_TAGS:
        # a paragraph break in place of the tag (every tag is at least 3 characters long)
        return "\n\n" + _NOT_NEWLINE.sub(MASK, tag[2:])
    if name is not None and name.lower() in HTML_INLINE_TAGS:
        return _NOT_NEWLINE.sub(TRANSPARENT, tag)  # <strong>, <a href=…>: read through
    return _NOT_NEWLINE.sub(MASK, tag)


def mask_html(text: str) -> str:
    """HTML -> same-length text where only text nodes remain readable; block-level tags
    (HTML_BLOCK_TAGS) become paragraph breaks, so nothing is joined across them; inline tags
    (HTML_INLINE_TAGS) become TRANSPARENT, so a citation split by them reads as one."""
    chars = list(text)
    pos = 0
    while (start := text.find("<!--", pos)) != -1:
        end = text.find("-->", start + 4)
        end = len(text) if end == -1 else end + 3
        chars[start:end] = _NOT_NEWLINE.sub(MASK, text[start:end])
        pos = end
    pos = 0
    lowered = text.lower()
    while (m := _RAW_HTML.search(text, pos)) is not None:
        close = lowered.find(f"</{m.group(1).lower()}", m.end())
        end = len(text) if close == -1 else close
        chars[m.start():end] = _NOT_NEWLINE.sub(MASK, text[m.start():end])
        pos = end
    return _HTML_TAG.sub(_masked_tag, "".join(chars))


# --- soft line breaks -------------------------------------------------------------------------

# A line break followed (after indentation or `>` markers) by a non-blank character; the regex
# starts with the literal newline so the scan stays in C. join_soft_breaks checks the other side.
_BREAK = re.compile(r"\n[ \t\u3000]*(?=\S)")
_BREAK_MD = re.compile(r"\n(?:[ ]{0,3}>[ ]?)*[ \t\u3000]*(?=[^\s>])")
_TRAILING = " \t\u3000\r"
_QUOTE_MARKERS = re.compile(r"[ \t\u3000]*(?:>[ \t\u3000]*)*")
# Lines that open a new Markdown block (a line break before them is hard) ...
_BLOCK_START = re.compile(
    r"(?:[-*+][ \t]|\d{1,9}[.)][ \t]|\||#{1,6}(?:[ \t]|\Z)|!!!|\?\?\?|===|:[ \t]|\[\^[^\]\n]+\]:"
    r"|`{3}|~{3}|(?:[-*_][ \t]*){3,}\Z|=+[ \t]*\Z)"
)
# ... and lines that are a block of their own (a line break after them is hard).
_ONE_LINE_BLOCK = re.compile(r"(?:\||#{1,6}(?:[ \t]|\Z)|!!!|\?\?\?|===|(?:[-*_][ \t]*){3,}\Z|=+[ \t]*\Z)")


def _quote_depth_and_body(line: str) -> tuple[int, str]:
    m = _QUOTE_MARKERS.match(line)
    assert m is not None  # every part of the pattern is optional: it matches every line
    return line.count(">", 0, m.end()), line[m.end():].rstrip("\r")


_MAY_START_BLOCK = frozenset(">-*+|#!?=:[`~0123456789_")


def is_hard_break(before_line: str, after_line: str) -> bool:
    """Markdown: True when the break between two non-blank lines separates two blocks."""
    if (
        before_line.lstrip(" \t\u3000")[:1] not in _MAY_START_BLOCK
        and after_line.lstrip(" \t\u3000")[:1] not in _MAY_START_BLOCK
    ):
        return False  # plain prose on both sides (the common case): no regex needed
    d1, b1 = _quote_depth_and_body(before_line)
    d2, b2 = _quote_depth_and_body(after_line)
    return d1 != d2 or _BLOCK_START.match(b2) is not None or _ONE_LINE_BLOCK.match(b1) is not None


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

    @property
    def removed_any(self) -> bool:
        """False when no break was removed: compact offsets are original offsets."""
        return bool(self._gaps)


_TRANSPARENT_RUN = re.compile(f"{TRANSPARENT}+")


def join_soft_breaks(masked: str, *, markdown: bool) -> Joined:
    """Remove single line breaks (with the indentation or `>` markers around them) and every
    TRANSPARENT character (markup read through).

    A blank line (paragraph break) stays a newline, so nothing is joined across paragraphs; in
    Markdown neither is anything joined across a block boundary (is_hard_break).
    """
    cuts: list[tuple[int, int]] = []
    if "\n" in masked:
        last = 0
        for m in (_BREAK_MD if markdown else _BREAK).finditer(masked):
            s, e = m.start(), m.end()
            while s > last and masked[s - 1] in _TRAILING:
                s -= 1
            if s == 0 or masked[s - 1] == "\n" or s < last:
                continue  # a blank line before: a paragraph break, not a soft break
            if markdown:
                line_start = masked.rfind("\n", 0, m.start()) + 1
                line_end = masked.find("\n", m.start() + 1)
                if is_hard_break(masked[line_start:m.start()], masked[m.start() + 1:len(masked) if line_end == -1 else line_end]):
                    continue
            cuts.append((s, e))
            last = e
    if TRANSPARENT in masked:
        cuts = _merge(cuts + [(m.start(), m.end()) for m in _TRANSPARENT_RUN.finditer(masked)])
    return _cut(masked, cuts)


def _cut(masked: str, cuts: list[tuple[int, int]]) -> Joined:
    """`masked` without the sorted, disjoint ranges `cuts`, with the map back."""
    pieces: list[str] = []
    gaps: list[int] = []
    removed: list[int] = []
    total = 0
    last = 0
    for s, e in cuts:
        pieces.append(masked[last:s])
        gaps.append(s - total)
        total += e - s
        removed.append(total)
        last = e
    pieces.append(masked[last:])
    return Joined("".join(pieces), gaps, removed)


_TABLE_ROW = re.compile(r"^[ \t\u3000]*(?:>[ \t\u3000]*)*\|[^\n]*", re.MULTILINE)


def split_table_cells(compact: str) -> str:
    """Same-length text in which the `|` of every Markdown table row is a line break, so no
    quotation or sentence runs from one cell into the next (rows are never joined)."""
    if "|" not in compact:
        return compact
    return _TABLE_ROW.sub(lambda m: m.group().replace("|", "\n"), compact)
