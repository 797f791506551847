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
dictionary probes, not with a regex alternation. Self-references are hits too and are dropped
unless `self_law` is given. Nothing is joined across a Markdown block boundary or an HTML block tag,
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
    hits = _raw_anchor_re(registry).finditer(text)
    first = next(hits, None)
    if first is None:
        return []
    markdown = markdown and not html
    base = mask_html(text) if html else text
    spans = block_spans(text, indented=False) if markdown else []
    self_slug = registry.law_slug_for(self_law) if self_law else None
    out: list[Citation] = []
    lines = _LineIndex(text)
    chain_no = 0
    for lo, hi in _segments(base, first, hits, markdown):
        if markdown:
            masked = mask_segment(text, lo, hi, spans, code_end=indented_code_end(text, lo, hi))
        else:
            masked = base[lo:hi]
        joined = join_soft_breaks(masked, markdown=markdown)
        compact = split_table_cells(joined.text) if markdown else joined.text
        chains = _anchored_chains(compact, registry)
        for k, (m, desig) in enumerate(chains):
            this_chain = chain_no
            chain_no += 1
            if desig.self_ref:
                if self_slug is None:
                    continue
                desig = desig._replace(slug=self_slug)
            units = _units(m)
            if not units or units[0][1] is None:
                continue
            nxt = chains[k + 1][0].start() if k + 1 < len(chains) else len(compact)
            after = _after(compact, m.end(), nxt)
            before = _before(compact, desig.start)
            bq: str | None = None
            if markdown:
                next_start = lo + joined.to_original(nxt) if nxt < len(compact) else None
                bq = _block_quote(text, lo + joined.end_to_original(m.end()), next_start, spans)
            for idx, (u_start, u_end, article, sub, par, item, through) in enumerate(units):
                first_unit = idx == 0
                o_start = lo + joined.to_original(desig.start if first_unit else u_start)
                o_end = lo + joined.end_to_original(u_end)
                line, column = lines.locate(o_start)
                out.append(Citation(
                    start=o_start, end=o_end, line=line, column=column,
                    text=text[o_start:o_end],
                    law_as_written=desig.written if first_unit and not desig.self_ref else None,
                    law_slug=desig.slug, article=article, article_sub=sub, paragraph=par, item=item,
                    through=through, pin=desig.pin, self_ref=desig.self_ref, titled=desig.titled,
                    chain=this_chain, after=after, before=before, block_quote=bq,
                ))
    return out


class _LineIndex:
    """1-based line and column of code-point offsets, counted incrementally (offsets mostly rise)."""

    __slots__ = ("text", "pos", "line", "line_start")

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line, self.line_start = text, 0, 1, 0

    def locate(self, pos: int) -> tuple[int, int]:
        if pos < self.pos:
            self.pos, self.line, self.line_start = 0, 1, 0
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        self.line_start = self.text.rfind("\n", self.line_start, pos) + 1 or self.line_start
        return self.line, pos - self.line_start + 1


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
    for m in hits:
        h = m.start()
        if h < hi:
            if cut and h + _FWD_NEED > hi:
                hi, cut = _walk_forward(base, hi, h + 2 * _FWD, markdown)
            continue
        new_lo = _walk_back(base, h, max(0, h - _BACK), markdown)
        if new_lo > hi:
            yield lo, hi
            lo = new_lo
        hi, cut = _walk_forward(base, h, h + _FWD, markdown)
    yield lo, hi


def _is_blank(line: str) -> bool:
    return not line.strip()


def _walk_back(text: str, h: int, limit: int, markdown: bool) -> int:
    """Start of the block around offset h (a line start), or `limit` when the block is longer."""
    ls = text.rfind("\n", limit, h) + 1
    if ls == 0 and limit > 0:
        return limit
    le = text.find("\n", h)
    cur = text[ls:len(text) if le == -1 else le]
    while ls > 0:
        pls = text.rfind("\n", limit, ls - 1) + 1
        # the whole previous line decides whether it belongs to the block, even when it is long
        prev = text[pls or text.rfind("\n", 0, ls - 1) + 1:ls - 1]
        if _is_blank(prev) or (markdown and is_hard_break(prev, cur)):
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


def _anchored_chains(compact: str, registry: Registry) -> list[tuple[re.Match[str], _Designation]]:
    """Chains of 第… tokens that have a law designation before them.

    Candidates are found by one regex: a 第 (a literal, found at C speed) right after the last
    character of any name (《…》, 民法典, 本法 …), so text full of 第 or 《 without a name is cheap.
    """
    out: list[tuple[re.Match[str], _Designation]] = []
    pos = 0
    for a in _anchor_re(registry).finditer(compact):
        at = a.start()
        if at < pos:
            continue
        m = CHAIN_RE.match(compact, at)
        if m is None:
            continue
        desig = _designation(compact, at, registry)
        if desig is None:
            continue
        out.append((m, desig))
        pos = m.end()
    return out


_RAW_GAP = r" \t\u3000\r\n>"  # what may stand between a name and 第 in the raw text (a soft break)
_RAW_GAP_MAX = 8
_ANCHOR_CACHE: dict[int, tuple[Registry, re.Pattern[str], re.Pattern[str]]] = {}


def _anchor_patterns(registry: Registry) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(anchor in joined text, anchor in raw text) for this registry.

    Both start with a character class (the last character of every name, 》, 本法 …), so the scan
    skips to candidates at C speed; the raw one also lets a line break (with indentation or `>`
    markers) stand between the name and 第.
    """
    hit = _ANCHOR_CACHE.get(id(registry))
    if hit is None or hit[0] is not registry:
        last_chars = {n[-1] for n in registry.names} | {r[-1] for r in SELF_REFS} | {"》"}
        cls = "".join(sorted(re.escape(ch) for ch in last_chars))
        joined = re.compile(
            rf"第(?<=[{cls} \t\u3000]第)(?:(?<=[{cls}]第)|(?<=[{cls}][ \t\u3000]第)|(?<=[{cls}][ \t\u3000]{{2}}第)"
            rf"|(?<=[{cls}][ \t\u3000]{{3}}第))(?={_WS}[（(]?{_WS}[0-9０-９{CHINESE_NUMERAL_CHARS}])"
        )
        # 第 first: a literal prefix, found much faster than a character class; the lookbehinds
        # then test the character(s) before it (a name, or a name and a line break/indentation)
        gaps = "|".join(rf"(?<=[{cls}][{_RAW_GAP}]{{{k}}}第)" for k in range(1, _RAW_GAP_MAX + 1))
        raw = re.compile(rf"第(?<=[{cls}{_RAW_GAP}]第)(?<!\n\n第)(?:(?<=[{cls}]第)|{gaps})")
        _ANCHOR_CACHE.clear()
        hit = _ANCHOR_CACHE[id(registry)] = (registry, joined, raw)
    return hit[1], hit[2]


def _anchor_re(registry: Registry) -> re.Pattern[str]:
    return _anchor_patterns(registry)[0]


def _raw_anchor_re(registry: Registry) -> re.Pattern[str]:
    return _anchor_patterns(registry)[1]


_LENGTHS_CACHE: dict[int, tuple[Registry, dict[str, tuple[int, ...]]]] = {}


def _lengths_ending_in(registry: Registry, last: str) -> tuple[int, ...]:
    """Lengths of the registry's names that end in `last`, longest first."""
    hit = _LENGTHS_CACHE.get(id(registry))
    if hit is None or hit[0] is not registry:
        by_last: dict[str, set[int]] = {}
        for name in registry.names:
            by_last.setdefault(name[-1], set()).add(len(name))
        _LENGTHS_CACHE.clear()
        hit = _LENGTHS_CACHE[id(registry)] = (registry, {k: tuple(sorted(v, reverse=True)) for k, v in by_last.items()})
    return hit[1].get(last, ())


def _designation(compact: str, pos: int, registry: Registry) -> _Designation | None:
    """The law named directly before compact[pos] (a chain start), or None."""
    p = pos
    while p > 0 and pos - p < 3 and compact[p - 1] in " \t\u3000":
        p -= 1
    if p == 0:
        return None
    pin: Pin | None = None
    if compact[p - 1] == "》":
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
        found = None
        names = registry.names
        for n in _lengths_ending_in(registry, compact[p - 1]):
            if n <= p and (cand := compact[p - n:p]) in names:
                found = cand
                break
        if found is not None:
            written, slug, titled, self_ref = found, registry.names[found], False, False
        else:
            for ref in SELF_REFS:
                if compact.startswith(ref, p - len(ref)) and p >= len(ref):
                    found = ref
                    break
            if found is None:
                return None
            written, slug, titled, self_ref = found, None, False, True
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
    return _Designation(start, written, slug, titled, self_ref, pin)


_Unit = tuple[int, int, int, int, int | None, int | None, Through | None]
_LEVEL = {"条": 0, "款": 1, "项": 2}


_UNITS_SEEN: dict[str, list[_Unit]] = {}


def _units(chain: re.Match[str]) -> list[_Unit]:
    """_chain_units, remembered per chain text (the same chains recur: 第二款, 第一千零三十二条 …)."""
    key = chain.group()
    at = chain.start()
    rel = _UNITS_SEEN.get(key)
    if rel is None:
        rel = [(a - at, b - at, *rest) for a, b, *rest in _chain_units(chain)]  # type: ignore[misc]
        if len(_UNITS_SEEN) >= 4096:
            _UNITS_SEEN.clear()
        _UNITS_SEEN[key] = rel
    if not at:
        return rel
    return [(a + at, b + at, *rest) for a, b, *rest in rel]  # type: ignore[misc]


def _chain_units(chain: re.Match[str]) -> list[_Unit]:
    """Split a chain match into cited units: (start, end, article, sub, paragraph, item, through).

    Tokens written without a gap form one unit going down the levels (条 -> 款 -> 项); a separator
    starts a new unit that inherits every level above its first token; 至 makes the new unit the far
    end of a range. A chain whose first unit has no article cites nothing and gives no units.
    """
    s = chain.string
    raw: list[list] = []  # [start, end, article, sub, paragraph, item, level, is_range_end]
    prev_end = chain.start()
    for t in TOKEN_RE.finditer(s, chain.start(), chain.end()):
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


_AFTER_STOP = re.compile(r"[“「『”」』\n《。！？!?]")
_BEFORE_STOP = re.compile(r"[“「『”」』\n。！？!?]")


def _after(compact: str, start: int, limit: int) -> str:
    """The rest of the sentence after a chain (a 。 inside “…” does not end it)."""
    end = min(limit, start + _CONTEXT_MAX, len(compact))
    stop = end
    depth = 0
    for m in _AFTER_STOP.finditer(compact, start, end):
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
    cut = max(compact.rfind(ch, lo, end) for ch in _BEFORE_ENDS) + 1
    if cut <= lo:
        cut = lo
    if _QUOTE_MARK.search(compact, cut, end) is not None:
        cut = _before_cut(compact, lo, end)  # the last stop may be inside a quotation
    return compact[cut:end].replace(MASK, "")


_BEFORE_ENDS = "\n。！？!?"
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
_BQ_AT = re.compile(r"[ ]{0,3}>")
_EMPHASIS = re.compile(r"[*_`]+")


def _block_quote(text: str, chain_end: int, next_chain: int | None, spans: list[tuple[int, int]]) -> str | None:
    """The Markdown blockquote attributed to a chain ending at `chain_end`, if any.

    A blockquote belongs to the citation on its own first line (the quote is the rest of the block
    after the citation), or to the last citation on the line before it (one blank line allowed).
    """
    line_start = text.rfind("\n", 0, chain_end - 1) + 1
    if _is_quote_line(text, line_start, spans):
        if line_start > 0 and _is_quote_line(text, text.rfind("\n", 0, line_start - 1) + 1, spans):
            return None  # not the first line of its blockquote
        end = _quote_block_end(text, line_start, spans)
        return "".join(_EMPHASIS.sub("", _BQ_LINE.sub("", ln.rstrip("\r"))) for ln in text[chain_end:end].split("\n"))
    line_end = text.find("\n", chain_end)
    if line_end == -1 or (next_chain is not None and next_chain < line_end):
        return None  # another citation follows on the same line: the quote is its
    first = line_end + 1
    nl = text.find("\n", first)
    if nl != -1 and _is_blank(text[first:nl]):
        first = nl + 1
    if first >= len(text) or not _is_quote_line(text, first, spans):
        return None
    end = _quote_block_end(text, first, spans)
    return "".join(_EMPHASIS.sub("", _BQ_LINE.sub("", ln.rstrip("\r"))) for ln in text[first:end].split("\n"))


def _is_quote_line(text: str, line_start: int, spans: list[tuple[int, int]]) -> bool:
    if _BQ_AT.match(text, line_start) is None:
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
