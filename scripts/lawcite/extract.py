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

One compiled regex finds every chain of 第… tokens (it can only start at 第 and every token starts
with 第, so it runs in linear time); the law designation is then looked up backwards from the chain
with dictionary probes, not with a regex alternation.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from .markup import MASK, join_soft_breaks, mask_html, mask_markdown
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
_FOREIGN = ("德国", "法国", "日本", "美国", "英国", "韩国", "俄罗斯", "意大利", "瑞士", "外国", "国外", "台湾", "香港", "澳门", "国际")
_PIN_RE = re.compile(
    r"(?:(?P<y>[0-9０-９]{4})[ \t\u3000]*年[ \t\u3000]*(?:(?:修正|修订|修改|通过|颁布|公布)(?:后)?)?的?"
    r"|(?P<prev>修订前的|修正前的|修改前的|修订前|修正前|修改前|原|旧)"
    r"|(?P<cur>现行的|现行))[ \t\u3000]*\Z"
)
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
    if html:
        masked = mask_html(text)
    elif markdown:
        masked = mask_markdown(text)
    else:
        masked = text
    joined = join_soft_breaks(masked, markdown=markdown and not html)
    compact = joined.text
    self_slug = registry.law_slug_for(self_law) if self_law else None
    chains = _anchored_chains(compact, registry)
    if not chains:
        return []
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    chain_starts = [m.start() for m, _ in chains]
    out: list[Citation] = []
    block_quotes = _block_quotes(text, masked, line_starts) if markdown and not html else {}
    for chain_no, (m, desig) in enumerate(chains):
        if desig.self_ref:
            if self_slug is None:
                continue
            desig = desig._replace(slug=self_slug)
        units = _units(m)
        if not units or units[0][1] is None:
            continue
        nxt = chain_starts[chain_no + 1] if chain_no + 1 < len(chains) else len(compact)
        after = _after(compact, m.end(), nxt)
        before = _before(compact, desig.start)
        bq: str | None = None
        if block_quotes:
            end_line = bisect_right(line_starts, joined.to_original(m.end() - 1)) - 1
            entry = block_quotes.get(end_line)
            if entry is not None and entry[0] == "first-line":
                bq = _rest_of_block(text, joined.end_to_original(m.end()), entry, line_starts)
            elif entry is not None:
                next_line = bisect_right(line_starts, joined.to_original(nxt)) - 1 if nxt < len(compact) else -1
                if next_line != end_line:
                    bq = entry[1]
        for idx, (u_start, u_end, article, sub, par, item, through) in enumerate(units):
            first = idx == 0
            c_start = desig.start if first else u_start
            o_start = joined.to_original(c_start)
            o_end = joined.end_to_original(u_end)
            line = bisect_right(line_starts, o_start)
            out.append(Citation(
                start=o_start, end=o_end, line=line, column=o_start - line_starts[line - 1] + 1,
                text=text[o_start:o_end],
                law_as_written=desig.written if first and not desig.self_ref else None,
                law_slug=desig.slug, article=article, article_sub=sub, paragraph=par, item=item,
                through=through, pin=desig.pin, self_ref=desig.self_ref, titled=desig.titled,
                chain=chain_no, after=after, before=before, block_quote=bq,
            ))
    return out


def _anchored_chains(compact: str, registry: Registry) -> list[tuple[re.Match[str], _Designation]]:
    """Chains of 第… tokens that have a law designation before them.

    Candidates are found by one regex on the last character of any name (《…》, 民法典, 本法 …)
    followed by 第, so text full of 第 or 《 without a name costs one C-level scan.
    """
    out: list[tuple[re.Match[str], _Designation]] = []
    pos = 0
    for a in _anchor_re(registry).finditer(compact):
        at = a.end()
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


_ANCHOR_CACHE: dict[int, re.Pattern[str]] = {}


def _anchor_re(registry: Registry) -> re.Pattern[str]:
    key = id(registry)
    pat = _ANCHOR_CACHE.get(key)
    if pat is None:
        last_chars = {n[-1] for n in registry.names} | {r[-1] for r in SELF_REFS} | {"》"}
        cls = "".join(sorted(re.escape(ch) for ch in last_chars))
        pat = re.compile(rf"[{cls}][ \t\u3000]{{0,3}}(?=第{_WS}[（(]?{_WS}[0-9０-９{CHINESE_NUMERAL_CHARS}])")
        _ANCHOR_CACHE.clear()
        _ANCHOR_CACHE[key] = pat
    return pat


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
        if "》" in inner or MASK in inner or not inner.strip():
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
        for n in registry.name_lengths():
            if n <= p and (cand := compact[p - n:p]) in registry.names:
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
    if any(window.endswith(f) for f in _FOREIGN):
        return None
    if pin is None and not self_ref and (pm := _PIN_RE.search(window)) is not None:
        if pm.group("y"):
            pin = Pin("year", pm.group(0).strip(), parse_numeral(pm.group("y")))
        elif pm.group("prev"):
            pin = Pin("previous", pm.group(0).strip())
        else:
            pin = Pin("current", pm.group(0).strip())
    return _Designation(start, written, slug, titled, self_ref, pin)


_Unit = tuple[int, int, int, int, int | None, int | None, Through | None]
_LEVEL = {"条": 0, "款": 1, "项": 2}


def _units(chain: re.Match[str]) -> list[_Unit]:
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


def _after(compact: str, start: int, limit: int) -> str:
    """The rest of the sentence after a chain (a 。 inside “…” does not end it)."""
    end = min(limit, start + _CONTEXT_MAX, len(compact))
    stop = end
    depth = 0
    for i in range(start, end):
        ch = compact[i]
        if ch in _OPEN_Q:
            depth += 1
        elif ch in _CLOSE_Q:
            depth = max(0, depth - 1)
        elif ch == "\n" or ch == "《" or (depth == 0 and ch in _SENTENCE_END):
            stop = i + (1 if ch in "。！？!?" else 0)
            break
    return compact[start:stop].replace(MASK, "")


def _before(compact: str, end: int) -> str:
    """The sentence before a law name (a 。 inside “…” does not end it)."""
    lo = max(0, end - _CONTEXT_MAX)
    cut = lo
    depth = 0
    for i in range(end - 1, lo - 1, -1):
        ch = compact[i]
        if ch in _CLOSE_Q:
            depth += 1
        elif ch in _OPEN_Q:
            depth = max(0, depth - 1)
        elif ch == "\n" or (depth == 0 and ch in _SENTENCE_END):
            cut = i + 1
            break
    return compact[cut:end].replace(MASK, "")


# --- Markdown blockquotes attributed to a citation -------------------------------------------

_BQ_LINE = re.compile(r"^[ ]{0,3}>[ ]?")
_EMPHASIS = re.compile(r"[*_`]+")


_BQ_START = re.compile(r"\n[ ]{0,3}>")


def _block_quotes(text: str, masked: str, line_starts: list[int]) -> dict[int, tuple[str, str, int, int]]:
    """0-based line -> ("first-line"|"after-line", quote text, block first line, block last line).

    A blockquote is attributed to the citation on its own first line (the quote is the rest of the
    block after the citation) or to the last citation on the line before it (blank line allowed).
    """
    out: dict[int, tuple[str, str, int, int]] = {}
    if ">" not in masked:
        return out
    quoted = sorted({bisect_right(line_starts, m.start()) - 1 for m in _BQ_START.finditer("\n" + masked)})
    blocks: list[list[int]] = []
    for ln in quoted:
        if blocks and blocks[-1][-1] == ln - 1:
            blocks[-1].append(ln)
        else:
            blocks.append([ln])
    for block in blocks:
        first, last = block[0], block[-1]
        body = "".join(_EMPHASIS.sub("", _BQ_LINE.sub("", _line(text, line_starts, k))) for k in block)
        out[first] = ("first-line", body, first, last)
        prev = first - 1
        if prev >= 0 and not _line(masked, line_starts, prev).strip():
            prev -= 1
        if prev >= 0 and _line(masked, line_starts, prev).strip() and not _BQ_LINE.match(_line(masked, line_starts, prev)):
            out.setdefault(prev, ("after-line", body, first, last))
    return out


def _line(text: str, line_starts: list[int], i: int) -> str:
    end = line_starts[i + 1] - 1 if i + 1 < len(line_starts) else len(text)
    return text[line_starts[i]:end].rstrip("\r")


def _rest_of_block(text: str, from_offset: int, bq: tuple[str, str, int, int], line_starts: list[int]) -> str:
    """The blockquote's text after the citation that opens it."""
    last = bq[3]
    end_offset = line_starts[last + 1] if last + 1 < len(line_starts) else len(text)
    rest = text[from_offset:end_offset].split("\n")
    return "".join(_EMPHASIS.sub("", _BQ_LINE.sub("", ln)) for ln in rest)
