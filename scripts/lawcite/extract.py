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
(possibly across a line break). Only around those hits is Python code run: the block (paragraph,
list item, table row …) around each hit is masked and its soft line breaks joined (lawcite.markup;
whole-text work is limited to substring searches for front matter, fences and comments), then the
chain of 第… tokens is matched forwards with one precompiled regex (it can only start at 第 and every
token starts with 第, so it runs in linear time) and the law designation is looked up backwards with
dictionary probes, not with a regex alternation. The common case skips the general machinery: a
paragraph between empty lines is bounded inline, a segment without markup is not masked, one
without a soft break is not joined (offsets stay as they are), a chain with no separator after it
is matched token by token, and Citations are built by models.new_citation. Self-references are
hits too and are dropped unless `self_law` is given. Nothing is joined across a Markdown block boundary or an HTML block tag,
and every Markdown table cell is its own sentence, so a quotation is never read from another block.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import NamedTuple

from .markup import (
    MASK,
    block_spans,
    indented_code_end,
    is_hard_break,
    join_soft_breaks,
    mask_html,
    mask_segment,
    split_table_cells,
)
from .models import Citation, Pin, Through, new_citation
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
    for lo, hi in _segments(base, first, hits, markdown):
        if markdown:
            while span_at < n_spans and spans[span_at][1] <= lo:
                span_at += 1
            masked = text[lo:hi]
            # most segments have nothing to mask: no block span, no indented code, no inline markup
            if (
                (span_at < n_spans and spans[span_at][0] < hi)
                or masked.startswith((" ", "\t"))
                or "`" in masked or "[" in masked or "<" in masked or "{" in masked
            ):
                masked = mask_segment(text, lo, hi, spans, code_end=indented_code_end(text, lo, hi))
        else:
            masked = base[lo:hi]
        joined = join_soft_breaks(masked, markdown=markdown) if "\n" in masked else None
        if joined is not None and joined.removed_any:
            compact = joined.text
        else:
            joined = None  # nothing removed: compact offsets are segment offsets
            compact = masked
        if markdown and "|" in compact:
            compact = split_table_cells(compact)
        chains = _anchored_chains(compact, compiled)
        n_chains = len(chains)
        for k in range(n_chains):
            at, m_end, (name_at, written, slug, titled, self_ref, pin) = chains[k]
            this_chain = chain_no
            chain_no += 1
            if self_ref:
                if self_slug is None:
                    continue
                slug = self_slug
                written = None
            units = _UNITS_SEEN.get(compact[at:m_end])
            if units is None:
                units = _units(compact, at, m_end)
            if not units:
                continue
            nxt = chains[k + 1][0] if k + 1 < n_chains else len(compact)
            after = _after(compact, m_end, nxt)
            before = _before(compact, name_at)
            bq: str | None = None
            if quotes:
                if joined is None:
                    chain_end, next_start = lo + m_end, (lo + nxt if nxt < len(compact) else None)
                else:
                    chain_end = lo + joined.end_to_original(m_end)
                    next_start = lo + joined.to_original(nxt) if nxt < len(compact) else None
                bq = _block_quote(text, chain_end, next_start, spans)
            for u_start, u_end, article, sub, par, item, through in units:
                # unit offsets are relative to the chain; the first unit (at 0) starts at the name
                if joined is None:
                    o_start = lo + (name_at if u_start == 0 else at + u_start)
                    o_end = lo + at + u_end
                else:
                    o_start = lo + joined.to_original(name_at if u_start == 0 else at + u_start)
                    o_end = lo + joined.end_to_original(at + u_end)
                if o_start < line_pos:
                    line_pos, line_no, line_start = 0, 1, 0
                line_no += text.count("\n", line_pos, o_start)
                line_pos = o_start
                line_start = text.rfind("\n", line_start, o_start) + 1 or line_start
                append(new_citation(
                    o_start, o_end, line_no, o_start - line_start + 1, text[o_start:o_end],
                    written if u_start == 0 else None, slug, article, sub, par, item, through, pin,
                    self_ref, titled, this_chain, after, before, bq,
                ))
    return out


# --- segments: the only parts of a text the extractor reads -----------------------------------

_BACK = 600       # code points kept before an anchor: the name (<= 80), a pin, the sentence before
_FWD = 3200       # after it: the longest chain (61 units) and the rest of its sentence
_FWD_NEED = 3000  # extend a segment cut short when an anchor comes closer than this to its end


def _segments(base: str, first: re.Match[str], hits: Iterator[re.Match[str]], markdown: bool) -> Iterator[tuple[int, int]]:
    """Disjoint (lo, hi) ranges of `base` covering every anchor hit with its context.

    A range runs from the start to the end of the block (paragraph, list item, table row …)
    around its hits, within _BACK/_FWD code points; blocks are found by looking at a few lines
    around each hit, so text between citations is never read by Python code.
    """
    h = first.start()
    lo = _walk_back(base, h, max(0, h - _BACK), markdown)
    hi, cut = _walk_forward(base, h, h + _FWD, markdown)
    rfind, find = base.rfind, base.find
    for m in hits:
        h = m.start()
        if h < hi:
            if cut and h + _FWD_NEED > hi:
                hi, cut = _walk_forward(base, hi, h + 2 * _FWD, markdown)
            continue
        # the common case inline: a paragraph with an empty line before and after (_walk_back and
        # _walk_forward give the same for it)
        ls = rfind("\n", hi, h) + 1
        if ls >= 2 and base[ls - 2] == "\n" and ls > hi and h - ls < _BACK:
            new_lo = ls
        else:
            new_lo = _walk_back(base, h, max(0, h - _BACK), markdown)
        if new_lo > hi:
            yield lo, hi
            lo = new_lo
        le = find("\n", h, h + _FWD + 1)
        if le != -1 and base.startswith("\n", le + 1):
            hi, cut = le, False
        else:
            hi, cut = _walk_forward(base, h, h + _FWD, markdown)
    yield lo, hi


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
        end = _chain_end(compact, at, a.end())
        desig = _designation(compact, at, compiled)
        if desig is None:
            continue
        out.append((at, end, desig))
        pos = end
    return out


_TOKEN_MATCH = TOKEN_RE.match
_MAY_CONTINUE = frozenset(" \t\u3000、以及和或与至")  # first characters of a separator (_SEP)


def _chain_end(compact: str, at: int, end: int) -> int:
    """End of CHAIN_RE.match(compact, at), given the end of its first token (TOKEN_RE).

    CHAIN_RE is slow to run even on a one-token chain (its bounded repetition), so the common case is
    matched token by token: tokens written without a gap are what the repetition takes one by one
    (no separator can start with 第), and a chain that stops before a character no separator starts
    with is over. Only when a separator may follow is CHAIN_RE itself run.
    """
    for _ in range(60):
        nxt = compact[end:end + 1]
        if nxt == "第":
            t = _TOKEN_MATCH(compact, end)
            if t is None:
                return end
            end = t.end()
        elif nxt in _MAY_CONTINUE and nxt:
            return CHAIN_RE.match(compact, at).end()  # type: ignore[union-attr]
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


_COMPILED: list[_Compiled] = []


def _compiled(registry: Registry) -> _Compiled:
    if _COMPILED and _COMPILED[0].registry is registry:
        return _COMPILED[0]
    joined, raw = _build_anchor_patterns(registry)
    by_last: dict[str, set[int]] = {}
    for name in registry.names:
        if len(name) >= 2:
            by_last.setdefault(name[-2:], set()).add(len(name))
    hit = _Compiled(registry, joined, raw, {k: tuple(sorted(v, reverse=True)) for k, v in by_last.items()})
    _COMPILED[:] = [hit]
    return hit


def _build_anchor_patterns(registry: Registry) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(anchor in joined text, anchor in raw text) for this registry.

    Both start with a character class (the last character of every name, 》, 本法 …), so the scan
    skips to candidates at C speed; the raw one also lets a line break (with indentation or `>`
    markers) stand between the name and 第.
    """
    last_chars = {n[-1] for n in registry.names} | {r[-1] for r in SELF_REFS} | {"》"}
    cls = "".join(sorted(re.escape(ch) for ch in last_chars))
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


def _anchor_re(registry: Registry) -> re.Pattern[str]:
    return _compiled(registry).anchor


def _raw_anchor_re(registry: Registry) -> re.Pattern[str]:
    return _compiled(registry).raw_anchor


def _designation(compact: str, pos: int, compiled: _Compiled) -> _Designation | None:
    """The law named directly before compact[pos] (a chain start), or None."""
    registry = compiled.registry
    p = pos
    while p > 0 and pos - p < 3 and compact[p - 1] in " \t\u3000":
        p -= 1
    if p == 0:
        return None
    pin: Pin | None = None
    last = compact[p - 1]
    if last == "》":
        lo = max(0, p - 1 - _TITLE_MAX)
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
        end2 = compact[p - 2:p] if p >= 2 else ""
        for n in compiled.lengths.get(end2, ()):
            if n <= p and (cand := compact[p - n:p]) in names:
                written = cand
                break
        else:
            if last in names:
                written = last  # a one-character name
        if written:
            slug = names[written]
        else:
            ref = _SELF_REF_BY_END.get(end2)
            if ref is None or p < len(ref) or not compact.startswith(ref, p - len(ref)):
                return None
            written, slug, self_ref = ref, None, True
        start = p - len(written)
    window = compact[max(0, start - 12):start]
    if start and compact[start - 1] == MASK:
        # markup (an HTML link around the name) between a pin and the name: read past it
        window = compact[max(0, start - _MARKUP_LOOKBACK):start].replace(MASK, "")[-12:]
    if registry.foreign_prefixes and window.endswith(registry.foreign_prefixes):
        return None
    if pin is None and not self_ref and _PIN_HINT.search(window) and (pm := _PIN_RE.search(window)) is not None:
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


def _before(compact: str, end: int) -> str:
    """The sentence before a law name (a 。 inside “…” does not end it)."""
    lo = max(0, end - _CONTEXT_MAX)
    # cut after the last sentence end, if any (six C-speed rfinds beat one backtracking regex);
    # a quotation mark after that cut means the stop may be inside “…”: walk the marks
    rfind = compact.rfind
    cut = max(
        rfind("\n", lo, end), rfind("。", lo, end), rfind("！", lo, end),
        rfind("？", lo, end), rfind("!", lo, end), rfind("?", lo, end),
    ) + 1 or lo
    if _QUOTE_MARK.search(compact, cut, end) is not None:
        cut = _before_cut(compact, lo, end)
    return compact[cut:end].replace(MASK, "")


_QUOTE_MARK = re.compile(r"[“「『”」』]")


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
