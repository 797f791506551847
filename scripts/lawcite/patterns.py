"""The extractor's regular expressions and lookup tables, compiled from a Grammar and the names of
one registry — once per registry (`Registry.patterns`), then reused for every text.

Nothing here is a word of the language: every word comes from the grammar (lawcite/grammar.yaml),
in its simplified and traditional spellings.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .context import SentenceReader
from .grammar import Grammar, known_law_names
from .markup import MASK, TRANSPARENT

MAX_UNITS = 60        # units in one chain or one compact list: no real list is longer; a bound keeps odd input cheap
# what may stand between a name and 第 in the raw text: a soft line break, emphasis, a link's `[`,
# inline markup read through (lawcite.markup.TRANSPARENT)
RAW_GAP = " \t\u3000\r\n>*_~[\x01"
RAW_GAP_MAX = 8
ARABIC = "0-9０-９"


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first (以及 before 及)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(sorted(re.escape(c) for c in set(chars))) + "]"


class Patterns:
    """What the extractor needs from one grammar and one registry's names (see the module docstring).

    Words (each in both spellings): `names` (every registered name -> law_slug) and `names_backwards`
    (the same as a backwards trie), `self_references`, `part_names`, `title_kinds`, `foreign_prefixes`,
    the `law_name_*` words of unregistered names, `list_words`, `range_words`, `unit_levels`;
    `name_kinds` (last character of a name -> the kinds of name that end with it).
    Regexes: `raw_anchor` (a chain start in the raw text: 第 after the last character of a name,
    possibly across a soft line break); `anchor` (the same in a block's joined text, up to max_spaces
    spaces between, with a unit after it); `token` (第 + numbers + unit word); `numbers` (one number
    of a token, with the separator before it); `separator` (between two tokens); `pin`, `pin_hint`
    and `title_year` (version pins); `unbracketed_title`; `ideographs_before` (the run of Chinese
    characters before a position). `sentences` reads the sentence around a chain.
    """

    def __init__(self, grammar: Grammar, names: Mapping[str, str]) -> None:
        self.grammar = grammar
        self.ordinal = grammar.ordinal
        self.spaces = "".join(grammar.spaces)
        self.max_spaces = grammar.max_spaces
        self.title_open, self.title_close = grammar.title_open, grammar.title_close
        self.unit_levels = grammar.unit_levels
        self.article_level = grammar.article_level
        self._law_names(names)
        self._unregistered_names()
        self._units()
        self._anchors()
        self._pins()
        self._unbracketed_titles()
        self._short_titles()
        self.sentences = SentenceReader(grammar)

    def _law_names(self, names: Mapping[str, str]) -> None:
        """The words that can stand before a chain, and which kinds of name end with each character."""
        g, spell = self.grammar, self.grammar.spellings
        self.names = dict(names)  # simplified; a name written in traditional characters is simplified first
        self.names_backwards = _backwards_trie(self.names)
        self.known_laws = frozenset(known_law_names()) - set(self.names)  # laws the registry lacks
        self.known_backwards = _backwards_trie(self.known_laws)
        self.simplify = g.to_simplified_chars
        self.self_references = {w: g.simplified(w) for w in spell(g.self_references)}
        self.self_reference_words = tuple(self.self_references)
        self.part_names = spell(g.part_names)
        self.part_word = g.divisions[0]  # 编: a part named by its heading, 《民法典》人格权编第九百九十七条
        self.title_kinds = spell(g.unbracketed_titles.kinds)
        self.foreign_prefixes = spell(g.foreign_law_prefixes)
        self.law_name_end = spell([g.bare_law_names.ends_with])
        kinds: dict[str, list[str]] = {g.title_close: ["title"]}  # in the order parse tries them
        for kind, words in (("registered", [*self.names, *self.known_laws]), ("self-reference", self.self_references),
                            ("part", [*self.part_names, self.part_word]), ("unbracketed-title", self.title_kinds),
                            ("unregistered-law", self.law_name_end)):
            for w in words:
                for last in g.character_spellings(g.simplified(w[-1])):
                    if kind not in kinds.setdefault(last, []):
                        kinds[last].append(kind)
        self.name_kinds = {ch: tuple(k) for ch, k in kinds.items()}
        self.name_ends = frozenset(self.name_kinds)

    def _unregistered_names(self) -> None:
        g, spell = self.grammar, self.grammar.spellings
        bare = g.bare_law_names
        self.law_name_not_endings = spell(bare.not_endings)
        # a chain's last unit and a one-character separator end a phrase too: 第十二条和国家赔偿法
        chain_ends = [f"{u}{sep}" for u in (g.article, g.paragraph, g.item) for sep in g.list_separators if len(sep) == 1]
        self.law_name_leads = spell([*bare.lead_words, *chain_ends])
        self.law_name_not_starting = spell(bare.not_starting)
        self.short_laws = frozenset(spell(bare.short_laws))
        self.function_characters = frozenset(spell(bare.function_characters))
        self.ideographs_before = re.compile(rf"[\u3400-\u4dbf\u4e00-\u9fff]{{1,{bare.max_length}}}\Z")

    def _units(self) -> None:
        """One token (第 + numbers + unit word), its numbers, and the separator between tokens."""
        g, spell = self.grammar, self.grammar.spellings
        self.list_words = frozenset(spell(g.list_separators))
        self.range_words = frozenset(spell(g.range_separators))
        self.inserted_words = spell([g.inserted_article])
        ws = self._ws = f"[{re.escape(self.spaces)}]{{0,{g.max_spaces}}}"
        self.number_chars = f"{ARABIC}{g.numeral_chars}"
        num = f"(?:[{ARABIC}]{{1,{g.max_arabic_digits}}}|[{re.escape(g.numeral_chars)}]{{1,{g.max_chinese_length}}})"
        opening, closing = _char_class(g.number_open), _char_class(g.number_close)
        one_number = f"{opening}?{ws}{num}{ws}{closing}?"
        separators = _alternation(self.list_words | self.range_words)
        article = _alternation(spell([g.article]))
        small = f"[{re.escape(g.numeral_chars)}]{{1,3}}"
        others = _alternation(w for w in g.unit_levels if g.simplified(w) != g.article)
        self._token_rest = (
            rf"{ws}(?P<numbers>{one_number}(?:{ws}(?:{separators}){ws}{one_number}){{0,{MAX_UNITS}}}){ws}"
            rf"(?:(?P<article>{article})(?:(?:{_alternation(self.inserted_words)})(?P<sub>{small}))?|(?P<unit>{others}))")
        ordinal = re.escape(g.ordinal)
        self.token = re.compile(ordinal + self._token_rest)
        self.numbers = re.compile(rf"(?:{ws}(?P<sep>{separators}){ws})?(?P<body>{opening}?{ws}(?P<num>{num}){ws}{closing}?)")
        self.separator = re.compile(rf"{ws}(?P<word>{separators}){ws}(?={ordinal})")
        # a later list member without 第 (第15条和21条): a list word, then a whole token but its 第
        self.bare_member = re.compile(rf"{ws}(?P<word>{_alternation(self.list_words)}){ws}(?=[{re.escape(''.join(g.number_open))}{self.number_chars}])")
        self.token_without_ordinal = re.compile(self._token_rest)

    def _anchors(self) -> None:
        """Where a chain can start: a 第 right after a name's last character."""
        g = self.grammar
        ordinal = re.escape(g.ordinal)
        cls = _char_class(self.name_ends)
        sp = f"[{re.escape(self.spaces)}]"
        behind = "|".join(f"(?<={cls}{sp}{{{k}}}{ordinal})" for k in range(1, g.max_spaces + 1))
        # in a block: the whole first token is looked ahead at, so a 第 with no unit after it costs no Python code
        self.anchor = re.compile(rf"{ordinal}(?:(?<={cls}{ordinal})|{behind})(?={self._token_rest})")
        # In the raw text 第 comes first (a literal, found much faster than a class); the lookbehinds
        # then test the characters before it: a name's last character, possibly with a line break,
        # indentation or `>` markers between (a soft line break the blocks will join).
        raw_behind = "|".join(f"(?<={cls}[{re.escape(RAW_GAP)}]{{{k}}}{ordinal})" for k in range(1, RAW_GAP_MAX + 1))
        raw_start = f"(?=[{re.escape(self.spaces)}\\n{re.escape(''.join(g.number_open))}{self.number_chars}])"
        # A 第 right after a tag (`<strong>第`, HTML's inline tags read through) may follow a name
        # further back: the parser decides on the text with the markup removed.
        after_tag = f"(?<=[>{TRANSPARENT}]{ordinal})"
        self.raw_anchor = re.compile(rf"{ordinal}{raw_start}(?<!\n\n{ordinal})(?:(?<={cls}{ordinal})|{raw_behind}|{after_tag})")

    def _pins(self) -> None:
        """Version pins before a name (2012 年修正的, 原, 现行) and in a title (（2012年修正）)."""
        g, spell = self.grammar, self.grammar.spellings
        p = g.pins
        sp = f"[{re.escape(self.spaces)}]*"
        year_verbs = f"(?:{_alternation(spell(p.year_verbs))})(?:{_alternation(spell(p.year_verb_suffix))})?"
        year_word = _alternation(spell([p.year_word]))
        self.pin = re.compile(
            rf"(?:(?P<y>[{ARABIC}]{{4}}){sp}(?:{year_word}){sp}(?:{year_verbs})?(?:{_alternation(spell([p.attributive]))})?"
            rf"|(?P<prev>{_alternation(spell(p.previous))})|(?P<cur>{_alternation(spell(p.current))})){sp}\Z")
        self.pin_hint = re.compile(_char_class(w[0] for w in spell([p.year_word, *p.previous, *p.current])))
        self.title_year = re.compile(
            rf"{_char_class(g.number_open)}(?P<y>[{ARABIC}]{{4}})(?:{year_word})(?:{_alternation(spell(p.title_year_verbs))})?"
            rf"(?:{_alternation(spell(p.title_year_nouns))})?{_char_class(g.number_close)}\Z")

    def _unbracketed_titles(self) -> None:
        """最高人民法院关于…的规定: issuers, 关于, anything but punctuation, a kind — ending before 第."""
        g, spell = self.grammar, self.grammar.spellings
        t = g.unbracketed_titles
        q = g.quotations
        self.issuers = spell(t.issuers)
        self.about_words = spell([t.about])
        issuer = _alternation(self.issuers)
        stops = {*q.sentence_ends, *q.clause_ends, *q.colons, *q.commas, "\n", MASK, *(m for pair in q.marks for m in pair)}
        self.unbracketed_title = re.compile(
            rf"(?:{issuer})(?:(?:{_alternation(spell(t.issuer_joiners))})(?:{issuer}))*(?:{_alternation(self.about_words)})"
            rf"[^{re.escape(''.join(stops))}]{{1,{t.max_length}}}?(?:{_alternation(self.title_kinds)})\Z")
        self.unbracketed_max = t.max_length + 60


    def _short_titles(self) -> None:
        """《full title》（以下简称《short》）: a short title defined in the text (grammar.yaml `short_title_words`)."""
        g, spell = self.grammar, self.grammar.spellings
        self.short_title_words = spell(g.short_title_words)
        sp = f"[{re.escape(self.spaces)}]{{0,{g.max_spaces}}}"
        o, c = re.escape(g.title_open), re.escape(g.title_close)
        opens = "".join([g.title_open, *(m[0] for m in g.quotations.marks)])
        closes = "".join([g.title_close, *(m[1] for m in g.quotations.marks)])
        self.short_title = re.compile(
            rf"{o}(?P<full>[^{o}{c}\n]{{1,120}}){c}{sp}{_char_class(g.number_open)}{sp}(?:{_alternation(self.short_title_words)})"
            rf"{sp}[{re.escape(''.join(g.quotations.colons))}]?{sp}[{re.escape(opens)}](?P<short>[^{re.escape(opens + closes)}\n]{{1,30}})"
            rf"[{re.escape(closes)}]{sp}{_char_class(g.number_close)}")

    def short_titles(self, text: str, names: Mapping[str, str]) -> dict[str, tuple[int, str | None, str]]:
        """Short title (normalised) -> (where its definition ends, the law_slug of the full title or None
        when the registry lacks it, the full title) for every definition in `text`."""
        if not any(w in text for w in self.short_title_words):
            return {}
        out: dict[str, tuple[int, str | None, str]] = {}
        for m in self.short_title.finditer(text):
            full = self.grammar.simplified(self.grammar.normalise_name(m.group("full")))
            short = self.grammar.simplified(self.grammar.normalise_name(m.group("short")))
            if short not in out:
                out[short] = (m.end(), names.get(full), full)
        return out


def _backwards_trie(names: Iterable[str]) -> dict[str, Any]:
    """The names written backwards as nested dicts (character -> node; "" -> the name ending there):
    the longest name ending at a position is found by walking back from it, one lookup a character."""
    root: dict[str, Any] = {}
    for name in names:
        node = root
        for ch in reversed(name):
            node = node.setdefault(ch, {})
        node[""] = name
    return root
