"""Find law citations in Chinese text (Markdown, HTML or plain).

Grammar (each rule has a unit test in tests/lawcite/test_extract_grammar.py):

- law designation, directly before the first 第: 《全称》/《简称》 (any title; unknown ones are kept and
  judged unknown-law), a bare registered name (民法典第…, 刑法第…; longest registered name wins;
  not after 德国/日本/… — a foreign law), or a self-reference 本法/本规定/本解释/本条例/本办法/本决定
  (only kept when the caller says which law the text is);
- optional version pin before the designation: 2012年 / 2012 年修正的 / 原 / 旧 / 修订前的 / 现行;
  and a year suffix inside the title: 《治安管理处罚法（2012年修正）》;
- numbers: Chinese numerals with 零/〇/千, Arabic and full-width digits;
- tokens 第X条, 第X条之N, 第X款, 第X项, 第（X）项, chained without gap: 第X条第Y款第Z项;
- lists joined by 、 和 及 以及 或者 或 与 (later units inherit the law and any higher level:
  第二款、第三款 stays in the same article); ranges 第X条至第Y条 (one unit with `through`);
- a name broken by a single line break still matches (soft breaks are removed before matching).

How it stays fast: one regex whose pattern starts with the literal 第 (found at C speed) finds the
only places a citation can be — a 第 right after the last character of a known name, 》 or 本法
(possibly across a line break). Only around those hits is Python code run (whole-text work is
limited to substring searches for front matter, fences and comments). The common case is a
paragraph of one line of prose with each name written right before its 第: it is read in place,
the hits are its chain starts, and the lines are counted once for it (`_chains_at_hits`). Any other
block (paragraph, list item, table row …) around a hit is masked and its soft line breaks joined
(lawcite.markup), then scanned again for chain starts in the joined text (`_anchored_chains`);
tests/lawcite/test_properties.py checks that both paths give the same citations. Either way the
chain of 第… tokens is matched forwards (it can only start at 第 and every token starts with 第,
so it runs in linear time; without a separator after it, token by token) and the law designation
is looked up backwards with dictionary probes, not with a regex alternation. Self-references are
hits too and are dropped unless `self_law` is given. Nothing is joined across a Markdown block
boundary or an HTML block tag, and every Markdown table cell is its own sentence, so a quotation
is never read from another block.
"""
from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from .markup import (
    MASK,
    Joined,
    block_spans,
    indented_code_end,
    is_hard_break,
    join_soft_breaks,
    mask_html,
    mask_segment,
    split_table_cells,
)
from .models import Citation, Pin, Through
from .numerals import CHINESE_NUMERAL_CHARS, parse_numeral
from .registry import Registry, normalise_name

_WS = r"[ \t\u3000]{0,3}"
_NUM = rf"(?:[0-9０-９]{{1,5}}|[{CHINESE_NUMERAL_CHARS}]{{1,12}})"
_TOKEN = (
    rf"第{_WS}[（(]?{_WS}({_NUM}){_WS}[）)]?{_WS}"
    r"(条(?:之[一二三四五六七八九十]{1,3})?|款|项)"
)
_SEP = rf"{_WS}(?:、|以及|及|和|或者|或|与|至){_WS}"
TOKEN_RE = re.compile(_TOKEN)
# Bounded repetition: no real list has 60 units, and a bound keeps a 1 MB "第一条第一款…" cheap.
CHAIN_RE = re.compile(rf"{_TOKEN}(?:(?:{_SEP})?{_TOKEN}){{0,60}}")
_GAP_SEP_RE = re.compile(rf"{_WS}(、|以及|及|和|或者|或|与|至){_WS}\Z")

SELF_REFS = ("本规定", "本解释", "本条例", "本办法", "本决定", "本法")
_SELF_REF_BY_END = {ref[-2:]: ref for ref in SELF_REFS}  # no two end alike: one probe finds the one
assert len(_SELF_REF_BY_END) == len(SELF_REFS)
_PIN_RE = re.compile(
    r"(?:(?P<y>[0-9０-９]{4})[ \t\u3000]*年[ \t\u3000]*(?:(?:修正|修订|修改|通过|颁布|公布)(?:后)?)?的?"
    r"|(?P<prev>修订前的|修正前的|修改前的|修订前|修正前|修改前|原|旧)"
    r"|(?P<cur>现行的|现行))[ \t\u3000]*\Z"
)
_MARKUP_LOOKBACK = 2000  # code points of masked markup skipped when looking for a pin
_PIN_HINT = re.compile(r"[年原旧前行]")  # every pin has one of these: skip _PIN_RE without one
_TITLE_YEAR_RE = re.compile(r"[（(]([0-9０-９]{4})年(?:修正|修订|修改)?(?:本|版|文本)?[）)]\Z")
_SENTENCE_END = "。！？!?\n"
_CONTEXT_MAX = 300
_TITLE_MAX = 80


_NEW_TUPLE = tuple.__new__


class _Designation(NamedTuple):
    start: int                   # compact offset of the name (《 for titles)
    written: str                 # as written, without 《》
    slug: str | None
    titled: bool
    self_ref: bool
    pin: Pin | None


def find_citations(
    text: str,
    registry: Registry,
    *,
    markdown: bool = True,
    html: bool = False,
    self_law: str | None = None,
) -> list[Citation]:
    """All citations in `text`, in order; see the module docstring for the grammar."""
    compiled = _compiled(registry)
    hits = compiled.raw_anchor.finditer(text)
    first = next(hits, None)
    if first is None:
        return []
    hits = itertools.chain((first,), hits)
    markdown = markdown and not html
    base = mask_html(text) if html else text
    spans = block_spans(text, indented=False) if markdown else []
    quotes = markdown and _has_quote_line(text)
    self_slug = registry.law_slug_for(self_law) if self_law else None
    out: list[Citation] = []
    append = out.append
    # 1-based line of each citation, counted incrementally with str.count (offsets mostly rise)
    line_pos, line_no, line_start = 0, 1, 0
    chain_no = 0
    span_at, n_spans = 0, len(spans)  # the first block span that does not end before the segment
    for lo, hi, seg_hits, one_line in _segments(base, hits, markdown):
        if markdown:
            while span_at < n_spans and spans[span_at][1] <= lo:
                span_at += 1
            in_span = span_at < n_spans and spans[span_at][0] < hi
        else:
            in_span = False
        chains = None
        if one_line and not in_span and not (markdown and (base[lo] in " \t" or _MARKUP_CHAR(base, lo, hi))):
            # the common case: a paragraph of one line of prose. It is read where it is (offsets
            # are the text's), and the anchor hits are the chain starts: no copy, no second scan.
            chains = _chains_at_hits(base, seg_hits, compiled, lo, hi)
        plain_line = chains is not None
        if chains is not None:
            s, shift, floor, ceil, joined = base, 0, lo, hi, None
            # every citation is on this line: count the lines once
            line_no += text.count("\n", line_pos, lo)
            line_pos = line_start = lo
        else:
            s, joined = _compact_segment(text, base, lo, hi, spans, in_span, markdown)
            shift, floor, ceil = lo, 0, len(s)
            chains = _anchored_chains(s, compiled)
        n_chains = len(chains)
        for k in range(n_chains):
            at, m_end, (name_at, name, slug, titled, self_ref, pin) = chains[k]
            this_chain = chain_no
            chain_no += 1
            written: str | None = name
            if self_ref:
                if self_slug is None:
                    continue
                slug = self_slug
                written = None
            units = _UNITS_SEEN.get(s[at:m_end])
            if units is None:
                units = _units(s, at, m_end)
            if not units:
                continue
            nxt = chains[k + 1][0] if k + 1 < n_chains else ceil
            after = _after(s, m_end, nxt)
            before = _before(s, name_at, floor)
            bq: str | None = None
            if quotes:
                if joined is None:
                    chain_end, next_start = shift + m_end, (shift + nxt if nxt < ceil else None)
                else:
                    chain_end = lo + joined.end_to_original(m_end)
                    next_start = lo + joined.to_original(nxt) if nxt < ceil else None
                bq = _block_quote(text, chain_end, next_start, spans)
            for u_start, u_end, article, sub, par, item, through in units:
                # unit offsets are relative to the chain; the first unit (at 0) starts at the name
                if joined is None:
                    o_start = shift + (name_at if u_start == 0 else at + u_start)
                    o_end = shift + at + u_end
                else:
                    o_start = lo + joined.to_original(name_at if u_start == 0 else at + u_start)
                    o_end = lo + joined.end_to_original(at + u_end)
                if not plain_line:
                    if o_start < line_pos:
                        line_pos, line_no, line_start = 0, 1, 0
                    line_no += text.count("\n", line_pos, o_start)
                    line_pos = o_start
                    line_start = text.rfind("\n", line_start, o_start) + 1 or line_start
                append(_NEW_TUPLE(Citation, (  # = Citation(…) without its Python-level __new__
                    o_start, o_end, line_no, o_start - line_start + 1, text[o_start:o_end],
                    written if u_start == 0 else None, slug, article, sub, par, item, through, pin,
                    self_ref, titled, this_chain, after, before, bq,
                )))
    return out


def _compact_segment(
    text: str, base: str, lo: int, hi: int, spans: list[tuple[int, int]], in_span: bool, markdown: bool,
) -> tuple[str, Joined | None]:
    """base[lo:hi] as the general path reads it: markup masked, soft line breaks removed (with the
    map back to the segment's offsets, None when nothing was removed), table cells split."""
    segment = base[lo:hi]
    # most segments have nothing to mask: no block span, no indented code, no inline markup
    needs_mask = markdown and (
        in_span or segment.startswith((" ", "\t"))
        or "`" in segment or "[" in segment or "<" in segment or "{" in segment
    )
    masked = mask_segment(text, lo, hi, spans, code_end=indented_code_end(text, lo, hi)) if needs_mask else segment
    joined = join_soft_breaks(masked, markdown=markdown) if "\n" in masked else None
    if joined is not None and joined.removed_any:
        compact = joined.text
    else:
        joined = None  # nothing removed: compact offsets are segment offsets
        compact = masked
    if markdown and "|" in compact:
        compact = split_table_cells(compact)
    return compact, joined


# --- segments: the only parts of a text the extractor reads -----------------------------------

_BACK = 600       # code points kept before an anchor: the name (<= 80), a pin, the sentence before
_FWD = 3200       # after it: the longest chain (61 units) and the rest of its sentence
_FWD_NEED = 3000  # extend a segment cut short when an anchor comes closer than this to its end


def _segments(
    base: str, hits: Iterator[re.Match[str]], markdown: bool,
) -> Iterator[tuple[int, int, list[int], bool]]:
    """Disjoint (lo, hi, hits, one_line) ranges of `base` covering every anchor hit with its
    context: the offsets of the hits (their 第) inside each, and whether the range is one whole
    line with an empty line before and after it (a paragraph of one line, the common case).

    A range runs from the start to the end of the block (paragraph, list item, table row …)
    around its hits, within _BACK/_FWD code points; blocks are found by looking at a few lines
    around each hit, so text between citations is never read by Python code.
    """
    rfind, find = base.rfind, base.find
    lo = hi = 0
    cut = one_line = False
    inside: list[int] = []
    for m in hits:
        h = m.start()
        if h < hi:
            if cut and h + _FWD_NEED > hi:
                hi, cut = _walk_forward(base, hi, h + 2 * _FWD, markdown)
                one_line = False
            inside.append(h)
            continue
        # the common case inline: a paragraph with an empty line before and after (_walk_back and
        # _walk_forward give the same for it)
        ls = rfind("\n", hi, h) + 1
        if ls >= 2 and base[ls - 2] == "\n" and ls > hi and h - ls < _BACK:
            new_lo, starts_line = ls, True
        else:
            new_lo, starts_line = _walk_back(base, h, max(0, h - _BACK), markdown), False
        if new_lo > hi or not inside:
            if inside:
                yield lo, hi, inside, one_line
            lo, inside = new_lo, [h]
        else:
            inside.append(h)
            starts_line = False
        le = find("\n", h, h + _FWD + 1)
        if le != -1 and base.startswith("\n", le + 1):
            hi, cut, one_line = le, False, starts_line
        else:
            hi, cut = _walk_forward(base, h, h + _FWD, markdown)
            one_line = False
    if inside:
        yield lo, hi, inside, one_line


def _is_blank(line: str) -> bool:
    return not line.strip()


def _walk_back(text: str, h: int, limit: int, markdown: bool) -> int:
    """Start of the block around offset h (a line start), or `limit` when the block is longer."""
    ls = text.rfind("\n", limit, h) + 1
    if ls == 0 and limit > 0:
        return limit
    if ls >= 2 and text[ls - 2] == "\n":
        return ls  # an empty line before: the common paragraph start
    cur: str | None = None  # the line at ls, sliced only when is_hard_break needs it
    while ls > 0:
        pls = text.rfind("\n", limit, ls - 1) + 1
        # the whole previous line decides whether it belongs to the block, even when it is long
        prev = text[pls or text.rfind("\n", 0, ls - 1) + 1:ls - 1]
        if not prev.strip():
            return ls
        if markdown:
            if cur is None:
                le = text.find("\n", ls)
                cur = text[ls:len(text) if le == -1 else le]
            if is_hard_break(prev, cur):
                return ls
        if pls == 0 and limit > 0:
            return limit  # the block goes on beyond _BACK: cut inside that line
        ls, cur = pls, prev
    return 0


def _walk_forward(text: str, pos: int, limit: int, markdown: bool) -> tuple[int, bool]:
    """(end of the block around offset pos, whether it was cut at `limit` rather than ended)."""
    n = len(text)
    if limit >= n:
        limit = n
    le = text.find("\n", pos, limit + 1)
    if le == -1:
        return limit, limit < n
    if text.startswith("\n", le + 1):
        return le, False  # an empty line next: the common paragraph end
    cur = text[text.rfind("\n", 0, le) + 1:le]
    while le < n:
        nle = text.find("\n", le + 1, limit + 1)
        nxt = text[le + 1:limit if nle == -1 else nle]
        if _is_blank(nxt) or (markdown and is_hard_break(cur, nxt)):
            return le, False
        if nle == -1:
            return limit, limit < n
        le, cur = nle, nxt
    return n, False


def _anchored_chains(compact: str, compiled: _Compiled) -> list[tuple[int, int, _Designation]]:
    """Chains of 第… tokens that have a law designation before them.

    Candidates are found by one regex: a 第 (a literal, found at C speed) right after the last
    character of any name (《…》, 民法典, 本法 …), so text full of 第 or 《 without a name is cheap.
    Each is (start, end, designation) of a CHAIN_RE match.
    """
    out: list[tuple[int, int, _Designation]] = []
    pos = 0
    for a in compiled.anchor.finditer(compact):
        at = a.start()
        if at < pos:
            continue
        end = _chain_end(compact, at, a.end(), len(compact))
        desig = _designation(compact, at, compiled, 0)
        if desig is None:
            continue
        out.append((at, end, desig))
        pos = end
    return out


def _chains_at_hits(
    s: str, hits: list[int], compiled: _Compiled, floor: int, ceil: int,
) -> list[tuple[int, int, _Designation]] | None:
    """_anchored_chains for s[floor:ceil], a line of plain text (no markup, no line break), from
    its anchor hits: they are its chain starts when every name is written right before its 第.
    None when one is not (a space between): then the line needs the general path. Offsets stay
    the ones of `s`."""
    name_ends = compiled.name_ends
    for at in hits:
        if s[at - 1] not in name_ends:
            return None
    out: list[tuple[int, int, _Designation]] = []
    pos = floor
    for at in hits:
        if at < pos:
            continue
        first = _TOKEN_MATCH(s, at, ceil)
        if first is None:
            continue
        end = _chain_end(s, at, first.end(), ceil)
        desig = _designation(s, at, compiled, floor)
        if desig is None:
            continue
        out.append((at, end, desig))
        pos = end
    return out


_TOKEN_MATCH = TOKEN_RE.match
# what keeps a one-line paragraph from being read as it is: inline markup, a table, a NUL (and
# indentation, tested apart: a `^` in this pattern would cost its fast scan for the first character)
_MARKUP_CHAR = re.compile(r"[`\[<{|\x00]").search
_MAY_CONTINUE = frozenset(" \t\u3000、以及和或与至")  # first characters of a separator (_SEP)


def _chain_end(compact: str, at: int, end: int, ceil: int) -> int:
    """End of CHAIN_RE.match(compact, at, ceil), given the end of its first token (TOKEN_RE).

    CHAIN_RE is slow to run even on a one-token chain (its bounded repetition), so the common case is
    matched token by token: tokens written without a gap are what the repetition takes one by one
    (no separator can start with 第), and a chain that stops before a character no separator starts
    with is over. Only when a separator may follow is CHAIN_RE itself run.
    """
    for _ in range(60):
        nxt = compact[end:end + 1] if end < ceil else ""
        if nxt == "第":
            t = _TOKEN_MATCH(compact, end, ceil)
            if t is None:
                return end
            end = t.end()
        elif nxt in _MAY_CONTINUE and nxt:
            return CHAIN_RE.match(compact, at, ceil).end()  # type: ignore[union-attr]
        else:
            return end
    return end


_RAW_GAP = r" \t\u3000\r\n>"  # what may stand between a name and 第 in the raw text (a soft break)
_RAW_GAP_MAX = 8


class _Compiled(NamedTuple):
    """What the extractor derives from one registry, built once per registry."""

    registry: Registry
    anchor: re.Pattern[str]        # a chain start and its first token (TOKEN_RE) in joined text
    raw_anchor: re.Pattern[str]    # a chain start in the raw text (a soft break may precede 第)
    lengths: dict[str, tuple[int, ...]]  # last two characters of a name -> name lengths, longest first
    name_ends: frozenset[str]      # the last character of every name, 》 and of every self-reference


_COMPILED: list[_Compiled] = []


def _compiled(registry: Registry) -> _Compiled:
    if _COMPILED and _COMPILED[0].registry is registry:
        return _COMPILED[0]
    joined, raw = _build_anchor_patterns(registry)
    by_last: dict[str, set[int]] = {}
    for name in registry.names:
        if len(name) >= 2:
            by_last.setdefault(name[-2:], set()).add(len(name))
    hit = _Compiled(
        registry, joined, raw, {k: tuple(sorted(v, reverse=True)) for k, v in by_last.items()}, _name_ends(registry),
    )
    _COMPILED[:] = [hit]
    return hit


def _build_anchor_patterns(registry: Registry) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(anchor in joined text, anchor in raw text) for this registry.

    Both start with a character class (the last character of every name, 》, 本法 …), so the scan
    skips to candidates at C speed; the raw one also lets a line break (with indentation or `>`
    markers) stand between the name and 第.
    """
    cls = "".join(sorted(re.escape(ch) for ch in _name_ends(registry)))
    # the first token is matched with the anchor (one regex call fewer per chain; no token
    # contains a second 第, so no anchor is skipped)
    joined = re.compile(
        rf"第(?<=[{cls} \t\u3000]第)(?:(?<=[{cls}]第)|(?<=[{cls}][ \t\u3000]第)|(?<=[{cls}][ \t\u3000]{{2}}第)"
        rf"|(?<=[{cls}][ \t\u3000]{{3}}第)){_TOKEN[1:]}"
    )
    # 第 first: a literal prefix, found much faster than a character class; the lookbehinds
    # then test the character(s) before it (a name, or a name and a line break/indentation)
    gaps = "|".join(rf"(?<=[{cls}][{_RAW_GAP}]{{{k}}}第)" for k in range(1, _RAW_GAP_MAX + 1))
    raw = re.compile(rf"第(?<=[{cls}{_RAW_GAP}]第)(?<!\n\n第)(?:(?<=[{cls}]第)|{gaps})")
    return joined, raw


def _name_ends(registry: Registry) -> frozenset[str]:
    return frozenset({n[-1] for n in registry.names} | {r[-1] for r in SELF_REFS} | {"》"})



def _raw_anchor_re(registry: Registry) -> re.Pattern[str]:
    return _compiled(registry).raw_anchor


def _designation(compact: str, pos: int, compiled: _Compiled, floor: int) -> _Designation | None:
    """The law named directly before compact[pos] (a chain start) and after compact[floor], or None."""
    registry = compiled.registry
    p = pos
    while p > floor and pos - p < 3 and compact[p - 1] in " \t\u3000":
        p -= 1
    if p == floor:
        return None
    pin: Pin | None = None
    last = compact[p - 1]
    if last == "》":
        lo = max(floor, p - 1 - _TITLE_MAX)
        open_at = compact.rfind("《", lo, p - 1)
        if open_at == -1:
            return None
        inner = compact[open_at + 1:p - 1]
        if "》" in inner or MASK in inner or "\n" in inner or not inner.strip():
            return None
        written = normalise_name(inner)
        ym = _TITLE_YEAR_RE.search(written)
        lookup = written
        if ym:
            lookup = written[:ym.start()]
            pin = Pin("year", ym.group(0), parse_numeral(ym.group(1)))
        slug = registry.names.get(lookup)
        if slug is None and lookup in SELF_REFS:
            return None
        start = open_at
        titled = True
        self_ref = False
    else:
        names = registry.names
        written = ""
        titled = self_ref = False
        # the longest registered name ending here: probe only lengths of names with these last two characters
        end2 = compact[p - 2:p] if p - floor >= 2 else ""
        for n in compiled.lengths.get(end2, ()):
            if n <= p - floor and (cand := compact[p - n:p]) in names:
                written = cand
                break
        else:
            if last in names:
                written = last  # a one-character name
        if written:
            slug = names[written]
        else:
            ref = _SELF_REF_BY_END.get(end2)
            if ref is None or p - floor < len(ref) or not compact.startswith(ref, p - len(ref)):
                return None
            written, slug, self_ref = ref, None, True
        start = p - len(written)
    # the 12 code points before the name: a foreign-law word or a version pin ends there
    if start > floor and compact[start - 1] == MASK:
        # markup (an HTML link around the name) between a pin and the name: read past it
        window = compact[max(floor, start - _MARKUP_LOOKBACK):start].replace(MASK, "")[-12:]
        w_lo, w_hi = 0, len(window)
    else:
        window, w_lo, w_hi = compact, max(floor, start - 12), start
    if registry.foreign_prefixes and window.endswith(registry.foreign_prefixes, w_lo, w_hi):
        return None
    if (
        pin is None and not self_ref and _PIN_HINT.search(window, w_lo, w_hi)
        and (pm := _PIN_RE.search(window, w_lo, w_hi)) is not None
    ):
        if pm.group("y"):
            pin = Pin("year", pm.group(0).strip(), parse_numeral(pm.group("y")))
        elif pm.group("prev"):
            pin = Pin("previous", pm.group(0).strip())
        else:
            pin = Pin("current", pm.group(0).strip())
    return _NEW_TUPLE(_Designation, (start, written, slug, titled, self_ref, pin))  # = _Designation(…), faster


_Unit = tuple[int, int, int, int, int | None, int | None, Through | None]
_LEVEL = {"条": 0, "款": 1, "项": 2}


_UNITS_SEEN: dict[str, list[_Unit]] = {}


def _units(compact: str, at: int, end: int) -> list[_Unit]:
    """_chain_units of the chain compact[at:end], offsets relative to its start, remembered per chain
    text (the same chains recur: 第二款, 第一千零三十二条 …). The first unit starts at 0."""
    key = compact[at:end]
    rel = _UNITS_SEEN.get(key)
    if rel is None:
        rel = [(a - at, b - at, *rest) for a, b, *rest in _chain_units(compact, at, end)]  # type: ignore[misc]
        if len(_UNITS_SEEN) >= 4096:
            _UNITS_SEEN.clear()
        _UNITS_SEEN[key] = rel
    return rel


def _chain_units(s: str, start: int, end: int) -> list[_Unit]:
    """Split a chain match into cited units: (start, end, article, sub, paragraph, item, through).

    Tokens written without a gap form one unit going down the levels (条 -> 款 -> 项); a separator
    starts a new unit that inherits every level above its first token; 至 makes the new unit the far
    end of a range. A chain whose first unit has no article cites nothing and gives no units.
    """
    raw: list[list] = []  # [start, end, article, sub, paragraph, item, level, is_range_end]
    prev_end = start
    for t in TOKEN_RE.finditer(s, start, end):
        try:
            n = parse_numeral(t.group(1))
            kind = t.group(2)
            sub = parse_numeral(kind[2:]) if kind.startswith("条之") else 0
        except ValueError:
            break
        level = _LEVEL[kind[0]]
        gap = s[prev_end:t.start()]
        cur = raw[-1] if raw else None
        if cur is None or gap or level <= cur[6]:
            sep = _GAP_SEP_RE.search(gap) if gap else None
            if cur is not None and gap and sep is None:
                break
            unit = [t.start(), t.end(), None, 0, None, None, level, bool(sep and sep.group(1) == "至")]
            if cur is not None:
                if level >= 1:
                    unit[2], unit[3] = cur[2], cur[3]
                if level >= 2:
                    unit[4] = cur[4]
            raw.append(unit)
            cur = unit
        if level == 0:
            cur[2], cur[3], cur[4], cur[5] = n, sub, None, None
        elif level == 1:
            cur[4], cur[5] = n, None
        else:
            cur[5] = n
        cur[1], cur[6] = t.end(), level
        prev_end = t.end()
    if not raw or raw[0][2] is None:
        return []
    units: list[_Unit] = []
    for u in raw:
        if u[2] is None:
            continue
        if u[7] and units:
            a = units[-1]
            units[-1] = (a[0], u[1], a[2], a[3], a[4], a[5], Through(u[2], u[3], u[4], u[5]))
        else:
            units.append((u[0], u[1], u[2], u[3], u[4], u[5], None))
    return units


_OPEN_Q = "“「『"
_CLOSE_Q = "”」』"
_QUOTES = _OPEN_Q + _CLOSE_Q


_AFTER_STOP = re.compile(r"[“「『”」』\n《。！？!?]")
_BEFORE_STOP = re.compile(r"[“「『”」』\n。！？!?]")


def _after(compact: str, start: int, limit: int) -> str:
    """The rest of the sentence after a chain (a 。 inside “…” does not end it)."""
    end = min(limit, start + _CONTEXT_MAX, len(compact))
    first = _AFTER_STOP.search(compact, start, end)
    if first is None:
        stop = end
    elif (ch := first.group()) not in _QUOTES:
        stop = first.start() + (1 if ch in "。！？!?" else 0)  # the common case: no quotation first
    else:
        stop = end
        depth = 0
        for m in _AFTER_STOP.finditer(compact, first.start(), end):
            ch = m.group()
            if ch in _OPEN_Q:
                depth += 1
            elif ch in _CLOSE_Q:
                depth = max(0, depth - 1)
            elif ch == "\n" or ch == "《" or depth == 0:
                stop = m.start() + (1 if ch in "。！？!?" else 0)
                break
    return compact[start:stop].replace(MASK, "")


# greedy .* runs to the end and backs off to the last sentence end or quotation mark: one C call
_LAST_STOP_OR_QUOTE = re.compile(r".*[\n。！？!?“「『”」』]", re.DOTALL)


def _before(compact: str, end: int, floor: int) -> str:
    """The sentence before a law name, from compact[floor] on (a 。 inside “…” does not end it)."""
    lo = max(floor, end - _CONTEXT_MAX)
    last = _LAST_STOP_OR_QUOTE.match(compact, lo, end)
    if last is None:
        cut = lo
    else:
        cut = last.end()
        if compact[cut - 1] in _QUOTES:
            cut = _before_cut(compact, lo, end)  # the last stop may be inside “…”: walk the marks
    return compact[cut:end].replace(MASK, "")


def _before_cut(compact: str, lo: int, end: int) -> int:
    depth = 0
    for m in reversed(list(_BEFORE_STOP.finditer(compact, lo, end))):
        ch = m.group()
        if ch in _CLOSE_Q:
            depth += 1
        elif ch in _OPEN_Q:
            depth = max(0, depth - 1)
        elif ch == "\n" or depth == 0:
            return m.start() + 1
    return lo


# --- Markdown blockquotes attributed to a citation -------------------------------------------

_BQ_LINE = re.compile(r"^[ ]{0,3}>[ ]?")
_BQ_STARTS = (">", " >", "  >", "   >")  # [ ]{0,3}> at a line start
_EMPHASIS = re.compile(r"[*_`]+")


def _block_quote(text: str, chain_end: int, next_chain: int | None, spans: list[tuple[int, int]]) -> str | None:
    """The Markdown blockquote attributed to a chain ending at `chain_end`, if any.

    A blockquote belongs to the citation on its own first line (the quote is the rest of the block
    after the citation), or to the last citation on the line before it (one blank line allowed).
    """
    # (text.startswith(_BQ_STARTS, …) first: the cheap test that rules out most lines)
    line_start = text.rfind("\n", 0, chain_end - 1) + 1
    if text.startswith(_BQ_STARTS, line_start) and _is_quote_line(text, line_start, spans):
        if line_start > 0 and _is_quote_line(text, text.rfind("\n", 0, line_start - 1) + 1, spans):
            return None  # not the first line of its blockquote
        end = _quote_block_end(text, line_start, spans)
        return "".join(_EMPHASIS.sub("", _BQ_LINE.sub("", ln.rstrip("\r"))) for ln in text[chain_end:end].split("\n"))
    line_end = text.find("\n", chain_end)
    if line_end == -1 or (next_chain is not None and next_chain < line_end):
        return None  # another citation follows on the same line: the quote is its
    first = line_end + 1
    nl = text.find("\n", first)
    if nl != -1 and (nl == first or _is_blank(text[first:nl])):
        first = nl + 1
    if not text.startswith(_BQ_STARTS, first) or not _is_quote_line(text, first, spans):
        return None
    end = _quote_block_end(text, first, spans)
    return "".join(_EMPHASIS.sub("", _BQ_LINE.sub("", ln.rstrip("\r"))) for ln in text[first:end].split("\n"))


def _has_quote_line(text: str) -> bool:
    """Whether any line starts with [ ]{0,3}> (_BQ_STARTS): without one, no chain has a blockquote.
    Found with one-character searches for `>` (rare in prose), not a search for every line start."""
    at = text.find(">")
    while at != -1:
        line_start = text.rfind("\n", 0, at) + 1
        if at - line_start <= 3 and not text[line_start:at].strip(" "):
            return True
        nl = text.find("\n", at)  # the rest of this line cannot start one (and is not read again)
        at = -1 if nl == -1 else text.find(">", nl + 1)
    return False


def _is_quote_line(text: str, line_start: int, spans: list[tuple[int, int]]) -> bool:
    if not text.startswith(_BQ_STARTS, line_start):
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
