"""Step 2 of extraction: read each chain in a block — the law named before it, and its units.

A chain starts at a 第 written right after a law's name (Patterns.anchor). Forwards, it is a run
of tokens — 第 + number(s) + unit word — written one after the other or joined by a separator
(、 和 至 …), read token by token (`read_tokens`) and turned into cited units (`units_of`).
Backwards, the law is read with dictionary probes and small anchored patterns (`read_designation`):

    《title》 · the longest registered or known law name ending there (民法典; 劳动合同法, which the
    registry lacks, rather than the registered 合同法 inside it) · a self-reference (本法) · a name or
    title followed by a part name (刑法分则) · an unbracketed 决定/规定/解释 title
    (全国人民代表大会常务委员会关于…的决定) · any other name ending in 法, when it is plainly one

then a version pin or a foreign-law word before it. Offsets are the block text's (lawcite.scan.Block).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from .markup import MASK
from .models import Division, Pin, Through
from .numerals import parse_numeral
from .patterns import MAX_UNITS, Patterns
from .scan import Block

TITLE_MAX = 80            # code points inside 《…》
MARKUP_LOOKBACK = 2000    # code points of masked markup skipped when looking for a pin before a name
PIN_WINDOW = 12           # code points before a name in which a pin or a foreign-law word ends


@dataclass(frozen=True, slots=True)
class Designation:
    """The law named before a chain, as written.

    start/name_end: the name (title marks included); `written`: the name without 《》 (本法 for a
    self-reference); slug: the registered law, None when the registry lacks it; part: a part name
    written after the law's name (刑法分则 -> Division(title="分则")).
    """

    start: int
    name_end: int
    written: str
    slug: str | None
    titled: bool = False
    self_ref: bool = False
    pin: Pin | None = None
    part: Division | None = None


@dataclass(frozen=True, slots=True)
class Token:
    """第 + number(s) + unit word. numbers: (value, start, end, separator before it) — several for a
    compact list written with one unit word (第12、13、15条); separator: the word joining the token
    to the one before it (None when written right after it)."""

    start: int
    end: int
    level: int
    numbers: tuple[tuple[int, int, int, str | None], ...]
    sub: int
    separator: str | None


@dataclass(frozen=True, slots=True)
class Unit:
    """One cited unit of a chain (one Citation): offsets in the block text."""

    start: int
    end: int
    article: int
    sub: int = 0
    paragraph: int | None = None
    item: int | None = None
    subitem: int | None = None
    divisions: tuple[Division, ...] = ()
    through: Through | None = None


@dataclass(frozen=True, slots=True)
class Chain:
    """A law name and the units cited after it (none when its first unit names no article)."""

    start: int   # the first 第
    end: int
    designation: Designation
    units: tuple[Unit, ...]
    cut: bool = False  # more units followed than a chain reads (MAX_UNITS): the rest are not read


def read_chains(block: Block, p: Patterns) -> list[Chain]:
    """Every chain in the block, in order (a chain start inside an earlier chain is skipped)."""
    text, floor, ceil = block.text, block.floor, block.ceil
    starts = block.starts if block.starts is not None else [m.start() for m in p.anchor.finditer(text, floor, ceil)]
    out: list[Chain] = []
    pos = floor
    for at in starts:
        if at < pos:
            continue
        first = p.token.match(text, at, ceil)  # the cheapest test first: a unit follows the 第
        if first is None:
            continue
        designation = read_designation(text, at, floor, p)
        if designation is None:
            continue
        tokens = read_tokens(text, first, ceil, p)
        if not tokens:
            continue
        cut = len(tokens) > MAX_UNITS and (joiner := p.separator.match(text, tokens[-1].end, ceil)) is not None \
            and p.token.match(text, joiner.end(), ceil) is not None
        out.append(Chain(at, tokens[-1].end, designation, tuple(units_of(tokens, p)), cut))
        pos = tokens[-1].end
    return out


# --- forwards: tokens and units ----------------------------------------------------------------------

def read_tokens(text: str, first: re.Match[str], ceil: int, p: Patterns) -> list[Token]:
    """The tokens of the chain whose first token is `first`: each written right after the previous one
    or after a separator; the chain ends before anything else (or a malformed numeral)."""
    tokens: list[Token] = []
    m: re.Match[str] | None = first
    separator = None
    while m is not None and len(tokens) <= MAX_UNITS:
        try:
            numbers = tuple(
                (parse_numeral(n.group("num"), p.grammar), n.start("body"), n.end("body"), n.group("sep"))
                for n in p.numbers.finditer(text, m.start("numbers"), m.end("numbers"))
            )
            sub = parse_numeral(m.group("sub"), p.grammar) if m.group("sub") else 0
        except ValueError:
            break
        unit = m.group("article") or m.group("unit")
        tokens.append(Token(m.start(), m.end(), p.unit_levels[unit], numbers, sub, separator))
        joiner = p.separator.match(text, m.end(), ceil)
        pos, separator = (joiner.end(), joiner.group("word")) if joiner else (m.end(), None)
        m = p.token.match(text, pos, ceil)
        if m is None and joiner is None:
            m = _bare_member(text, tokens[-1], ceil, p)
            if m is not None:
                separator = text[tokens[-1].end:m.start()].strip(p.spaces)
    return tokens


def _bare_member(text: str, previous: Token, ceil: int, p: Patterns) -> re.Match[str] | None:
    """A list member written without 第 after a list word (第15条和21条): only with the unit word of the
    member before it, so 第15条和3日 or 第15条和2款 are not read as members."""
    joiner = p.bare_member.match(text, previous.end, ceil)
    if joiner is None:
        return None
    m = p.token_without_ordinal.match(text, joiner.end(), ceil)
    if m is None or p.unit_levels[m.group("article") or m.group("unit")] != previous.level:
        return None
    return m


@dataclass(slots=True)
class _Draft:
    """A unit being read: the number at each level (divisions …, article, paragraph, item, subitem)."""

    start: int
    end: int
    values: list[int | None]
    sub: int = 0
    level: int = -1
    range_end: bool = False

    @classmethod
    def following(cls, previous: _Draft | None, level: int, start: int, range_end: bool, p: Patterns) -> _Draft:
        """A new unit starting with a token of `level`: it keeps every level above from `previous`."""
        values: list[int | None] = [None] * (p.article_level + 4)
        sub = 0
        if previous is not None:
            values[:level] = previous.values[:level]
            if level > p.article_level:
                sub = previous.sub
        return cls(start, start, values, sub, level, range_end)

    def set(self, level: int, value: int, sub: int, article_level: int) -> None:
        self.values[level] = value
        self.values[level + 1:] = [None] * (len(self.values) - level - 1)
        if level <= article_level:
            self.sub = sub if level == article_level else 0
        self.level = level


def units_of(tokens: list[Token], p: Patterns) -> list[Unit]:
    """The cited units of a chain's tokens.

    Tokens written without a gap go down the levels of one unit (第二章第十三条第一款); a separator
    starts a new unit that inherits every level above its first token (第二款、第三款 stays in the
    article); 至 makes the new unit the far end of a range. Each further number of a compact list
    (第12、13、15条) is a unit of its own. A chain whose first unit names no article cites nothing.
    """
    drafts: list[_Draft] = []
    for token in tokens:
        last = len(token.numbers) - 1
        for i, (value, start, end, inner_separator) in enumerate(token.numbers):
            separator = token.separator if i == 0 else inner_separator
            current = drafts[-1] if drafts else None
            if current is None or separator is not None or token.level <= current.level:
                current = _Draft.following(current, token.level, token.start if i == 0 else start,
                                           separator in p.range_words, p)
                drafts.append(current)
            current.set(token.level, value, token.sub if i == last else 0, p.article_level)
            current.end = token.end if i == last else end
    article = p.article_level
    if not drafts or drafts[0].values[article] is None:
        return []
    units: list[Unit] = []
    for d in drafts:
        if d.values[article] is None:
            continue
        if d.range_end and units:
            units[-1] = _with_through(units[-1], d, p)
        else:
            units.append(_unit(d, p))
    return units


def _unit(d: _Draft, p: Patterns) -> Unit:
    a = p.article_level
    words = p.grammar.divisions
    divisions = tuple(Division(words[k], v) for k, v in enumerate(d.values[:a]) if v is not None)
    return Unit(d.start, d.end, article=d.values[a] or 0, sub=d.sub, paragraph=d.values[a + 1],
                item=d.values[a + 2], subitem=d.values[a + 3], divisions=divisions)


def _with_through(u: Unit, far: _Draft, p: Patterns) -> Unit:
    """The unit made a range whose far end is `far` (第X条至第Y条)."""
    a = p.article_level
    through = Through(far.values[a] or 0, far.sub, far.values[a + 1], far.values[a + 2])
    return replace(u, end=far.end, through=through)


# --- backwards: the law named before a chain -----------------------------------------------------

def read_designation(text: str, at: int, floor: int, p: Patterns) -> Designation | None:
    """The law named directly before text[at] (a chain start), after text[floor]; None when there is
    none. Another jurisdiction's law is named with its country (法国民法典) and has no slug."""
    end = at
    while end > floor and at - end < p.max_spaces and text[end - 1] in p.spaces:
        end -= 1
    if end == floor:
        return None
    name = _name_before(text, end, floor, p)
    if name is None:
        return None
    window, w_lo, w_hi = _window_before(text, name.start, floor)
    if window.endswith(p.foreign_prefixes, w_lo, w_hi):
        return _foreign(name, text, floor, p)
    if name.pin is None and not name.self_ref and p.pin_hint.search(window, w_lo, w_hi):
        pm = p.pin.search(window, w_lo, w_hi)
        if pm is not None:
            return _with_pin(name, _pin(pm))
    return name


def _foreign(name: Designation, text: str, floor: int, p: Patterns) -> Designation | None:
    """Another jurisdiction's law (法国民法典, 日本《民法》): a law the registry does not hold, named with
    its country (never the registered 民法典); None when markup stands between the two."""
    for prefix in p.foreign_prefixes:
        if text.endswith(prefix, floor, name.start):
            return Designation(name.start - len(prefix), name.name_end, prefix + name.written, None, name.titled)
    return None


def _name_before(text: str, end: int, floor: int, p: Patterns) -> Designation | None:
    """Each kind of name that can end with text[end - 1] (Patterns.name_kinds), in order of preference."""
    for kind in p.name_kinds.get(text[end - 1], ()):
        name = _NAME_READERS[kind](text, end, floor, p)
        if name is not None:
            return name
    return None


def _registered_or_known(text: str, end: int, floor: int, p: Patterns) -> Designation | None:
    """The longest registered or known law name ending at `end`: 劳动合同法 (known, the registry lacks
    it) rather than the registered 合同法 at its end."""
    registered = _longest_name(text, end, floor, p.names_backwards, p)
    known = _longest_name(text, end, floor, p.known_backwards, p)
    if known is not None and (registered is None or known < registered):
        return Designation(known, end, text[known:end], None)
    if registered is None:
        return None
    return Designation(registered, end, text[registered:end], p.names[p.grammar.simplified(text[registered:end])])


def _title(text: str, end: int, floor: int, p: Patterns) -> Designation | None:
    """《…》 ending at `end`: any title (an unknown one has slug None); a year in it is a pin."""
    open_at = text.rfind(p.title_open, max(floor, end - 1 - TITLE_MAX), end - 1)
    if open_at == -1:
        return None
    inner = text[open_at + 1:end - 1]
    if p.title_close in inner or MASK in inner or "\n" in inner or not inner.strip():
        return None
    written = p.grammar.normalise_name(inner)
    pin = None
    year = p.title_year.search(written)
    lookup = written
    if year is not None:
        lookup = written[:year.start()]
        pin = Pin("year", year.group(0), parse_numeral(year.group("y"), p.grammar))
    slug = p.names.get(p.grammar.simplified(lookup))
    if slug is None and lookup in p.self_references:
        return None
    return Designation(open_at, end, written, slug, titled=True, pin=pin)


def _longest_name(text: str, end: int, floor: int, trie: dict[str, Any], p: Patterns) -> int | None:
    """Where the longest name of `trie` (names written backwards, Patterns) ending at `end` starts, in
    simplified or traditional characters (or a mix): a walk back, one character at a time."""
    node, simplify = trie, p.simplify
    found: int | None = None
    k = end
    while k > floor:
        ch = text[k - 1]
        child = node.get(simplify.get(ch, ch))
        if child is None:
            break
        node, k = child, k - 1
        if "" in node:
            found = k
    return found


def _self_reference(text: str, end: int, floor: int, p: Patterns) -> Designation | None:
    if not text.endswith(p.self_reference_words, floor, end):
        return None
    for ref in p.self_reference_words:
        if end - floor >= len(ref) and text.startswith(ref, end - len(ref)):
            return Designation(end - len(ref), end, ref, None, self_ref=True)
    return None


NAMED_PART_MAX = 8  # characters of a part's name before 编: 婚姻家庭编, 侵权责任编
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _name_and_named_part(text: str, end: int, floor: int, p: Patterns) -> Designation | None:
    """A title or registered name followed by a part named by its heading and 编: 《民法典》人格权编
    (the part 第四编 人格权), checked like 第四编 against the law's headings."""
    for k in range(1, NAMED_PART_MAX + 1):
        name_end = end - 1 - k
        if name_end <= floor or not _IDEOGRAPH.match(text, name_end):
            return None
        if text[name_end - 1] == p.title_close:
            name = _title(text, name_end, floor, p)
        else:
            name = _registered_or_known(text, name_end, floor, p)
            name = name if name is not None and name.slug is not None else None
        if name is not None:
            return Designation(name.start, name.name_end, name.written, name.slug, name.titled, pin=name.pin,
                               part=Division(unit=p.part_word, title=p.grammar.simplified(text[name_end:end - 1])))
    return None


def _name_and_part(text: str, end: int, floor: int, p: Patterns) -> Designation | None:
    """A title or registered name followed by a part name: 刑法分则, 《刑法》分则, 《民法典》人格权编."""
    if text.endswith(p.part_word, floor, end) and end - floor > 1:
        return _name_and_named_part(text, end, floor, p)
    if not text.endswith(p.part_names, floor, end):
        return None
    for part in p.part_names:
        name_end = end - len(part)
        if name_end > floor and text.startswith(part, name_end):
            name = _title(text, name_end, floor, p) if text[name_end - 1] == p.title_close else \
                _registered_or_known(text, name_end, floor, p)
            if name is not None:
                return Designation(name.start, name.name_end, name.written, name.slug, name.titled,
                                   pin=name.pin, part=Division(title=p.grammar.simplified(part)))
    return None


def _unbracketed_title(text: str, end: int, floor: int, p: Patterns) -> Designation | None:
    """最高人民法院关于…的规定 (issuers + 关于 + … + a kind) ending at `end`: the title starts at the
    issuers before one of the last few 关于 (a 关于 with no issuer before it is part of the title)."""
    if not text.endswith(p.title_kinds, floor, end):
        return None
    lo = max(floor, end - p.unbracketed_max)
    about = end
    for _ in range(4):
        found = -1
        for word in p.about_words:
            found = max(found, text.rfind(word, lo, about))
        about = found
        if about <= lo:
            return None
        if text.endswith(p.issuers, lo, about):
            m = p.unbracketed_title.search(text, lo, end)
            if m is None:
                return None
            return Designation(m.start(), end, m.group(), p.names.get(p.grammar.simplified(m.group())))
    return None


def _unregistered_law(text: str, end: int, floor: int, p: Patterns) -> Designation | None:
    """A name ending in 法 the registry lacks, when it is plainly one (grammar.yaml `bare_law_names`):
    the Chinese characters before `end`, from a lead word or the start of the clause on, without a
    pin at its start (原劳动合同法); None otherwise."""
    if not text.endswith(p.law_name_end, floor, end):
        return None
    m = p.ideographs_before.search(text, floor, end)
    if m is None:
        return None
    run = m.group()
    cut = max((k + len(w) for w in p.law_name_leads if (k := run.rfind(w, 0, len(run) - 1)) != -1), default=0)
    start = m.start() + cut
    if cut == 0 and start > floor and p.ideographs_before.match(text, start - 1, start):
        return None  # the run goes on beyond max_length: prose, not a name
    while end - start > 1 and text[start] in p.function_characters:
        start += 1
    for k in (4, 3, 2, 1):  # a pin written before the name (2012年, 原, 现行) is not part of it
        if end - start > k and p.pin.search(text, max(floor, start - PIN_WINDOW), start + k) is not None:
            start += k
            break
    name = text[start:end]
    if (name.startswith(p.law_name_not_starting) or name.endswith(p.law_name_not_endings)
            or (len(name) < p.grammar.bare_law_names.min_length and name not in p.short_laws)):
        return None
    return Designation(start, end, name, None)


_NAME_READERS = {
    "title": _title,
    "registered": _registered_or_known,
    "self-reference": _self_reference,
    "part": _name_and_part,
    "unbracketed-title": _unbracketed_title,
    "unregistered-law": _unregistered_law,
}


def _window_before(text: str, start: int, floor: int) -> tuple[str, int, int]:
    """(text, lo, hi): the PIN_WINDOW code points before a name, read past masked markup (an HTML link
    around the name) when the name follows markup."""
    if start > floor and text[start - 1] == MASK:
        window = text[max(floor, start - MARKUP_LOOKBACK):start].replace(MASK, "")[-PIN_WINDOW:]
        return window, 0, len(window)
    return text, max(floor, start - PIN_WINDOW), start


def _pin(m: re.Match[str]) -> Pin:
    if m.group("y"):
        return Pin("year", m.group(0).strip(), parse_numeral(m.group("y")))
    if m.group("prev"):
        return Pin("previous", m.group(0).strip())
    return Pin("current", m.group(0).strip())


def _with_pin(d: Designation, pin: Pin) -> Designation:
    return Designation(d.start, d.name_end, d.written, d.slug, d.titled, d.self_ref, pin, d.part)
