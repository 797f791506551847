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
from .grammar import Grammar
from .markup import MASK

MAX_UNITS = 60        # units in one chain or one compact list: no real list is longer; a bound keeps odd input cheap
RAW_GAP = " \t\u3000\r\n>"  # what may stand between a name and 第 in the raw text (a soft line break)
RAW_GAP_MAX = 8
ARABIC = "0-9０-９"


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first (以及 before 及)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(sorted(re.escape(c) for c in set(chars))) + "]"


class Patterns:
    """What the extractor needs from one grammar and one registry's names (see the module docstring).

    Attributes: `grammar`; `names` (every registered name in both spellings -> law_slug);
    `raw_anchor` (a chain start in the raw text: 第 after the last character of a name, possibly
    across a soft line break); `anchor` (the same in a block's joined text, up to max_spaces
    spaces between); `token` (one unit: 第 + numbers + unit word); `numbers` (one number of a
    token, with the separator before it); `separator` (between two tokens); `pin` and
    `title_year` (version pins); `unbracketed_title`; `ideographs_before` (the run of Chinese
    characters before a position).
    """

    def __init__(self, grammar: Grammar, names: Mapping[str, str]) -> None:
        g = self.grammar = grammar
        spell = g.spellings
        self.names = _names_in_both_spellings(g, names)
        self.names_backwards = _backwards_trie(self.names)
        self.self_references = {w: g.simplified(w) for w in spell(g.self_references)}
        self.self_reference_words = tuple(self.self_references)
        self.part_names = spell(g.part_names)
        self.title_kinds = spell(g.unbracketed_titles.kinds)
        self.foreign_prefixes = spell(g.foreign_law_prefixes)
        self.title_prefixes = spell(g.title_prefixes)
        self.title_open, self.title_close = g.title_open, g.title_close
        self.ordinal = g.ordinal
        self.spaces = "".join(g.spaces)
        self.max_spaces = g.max_spaces
        self.list_words = frozenset(spell(g.list_separators))
        self.range_words = frozenset(spell(g.range_separators))
        self.unit_levels = g.unit_levels
        self.article_level = g.article_level
        self.inserted_words = spell([g.inserted_article])
        bare = g.bare_law_names
        self.law_name_end = spell([bare.ends_with])
        self.law_name_not_endings = spell(bare.not_endings)
        # a chain's last unit and a one-character separator end a phrase too: 第十二条和国家赔偿法
        chain_ends = [f"{u}{sep}" for u in (g.article, g.paragraph, g.item) for sep in g.list_separators if len(sep) == 1]
        self.law_name_leads = spell([*bare.lead_words, *chain_ends])
        self.law_name_not_starting = spell(bare.not_starting)
        self.short_laws = frozenset(spell(bare.short_laws))
        self.function_characters = frozenset(spell(bare.function_characters))
        self.longer_names = spell(bare.longer_names)
        self.qualifiers = spell([*g.pins.previous, *g.pins.current])

        # which kinds of name can end with a character, in the order parse tries them
        kinds: dict[str, list[str]] = {g.title_close: ["title"]}
        for kind, words in (("registered", self.names), ("self-reference", self.self_references),
                            ("part", self.part_names), ("unbracketed-title", self.title_kinds),
                            ("unregistered-law", self.law_name_end)):
            for w in words:
                if kind not in kinds.setdefault(w[-1], []):
                    kinds[w[-1]].append(kind)
        self.name_kinds = {ch: tuple(k) for ch, k in kinds.items()}
        self.name_ends = frozenset(self.name_kinds)

        ws = f"[{re.escape(self.spaces)}]{{0,{g.max_spaces}}}"
        self.ws = ws
        num = f"(?:[{ARABIC}]{{1,{g.max_arabic_digits}}}|[{re.escape(g.numeral_chars)}]{{1,{g.max_chinese_length}}})"
        self.number_chars = f"{ARABIC}{g.numeral_chars}"
        opening, closing = _char_class(g.number_open), _char_class(g.number_close)
        one_number = f"{opening}?{ws}{num}{ws}{closing}?"
        inner_sep = f"{ws}(?:{_alternation(spell([*g.list_separators, *g.range_separators]))}){ws}"
        article = _alternation(spell([g.article]))
        small = f"[{re.escape(g.numeral_chars)}]{{1,3}}"
        others = _alternation(w for w in g.unit_levels if g.simplified(w) != g.article)
        ordinal = re.escape(g.ordinal)
        self.token = re.compile(
            rf"{ordinal}{ws}(?P<numbers>{one_number}(?:{inner_sep}{one_number}){{0,{MAX_UNITS}}}){ws}"
            rf"(?:(?P<article>{article})(?:(?:{_alternation(self.inserted_words)})(?P<sub>{small}))?|(?P<unit>{others}))"
        )
        self.numbers = re.compile(rf"(?:{ws}(?P<sep>{_alternation(self.list_words | self.range_words)}){ws})?"
                                  rf"(?P<body>{opening}?{ws}(?P<num>{num}){ws}{closing}?)")
        self.separator = re.compile(
            rf"{ws}(?P<word>{_alternation(self.list_words | self.range_words)}){ws}(?={ordinal})")

        cls = _char_class(self.name_ends)
        sp = f"[{re.escape(self.spaces)}]"
        token_start = f"(?=[{re.escape(self.spaces)}{re.escape(''.join(g.number_open))}{self.number_chars}])"
        behind = "|".join(f"(?<={cls}{sp}{{{k}}}{ordinal})" for k in range(1, g.max_spaces + 1))
        # the whole first token is looked ahead at, so a 第 with no unit after it costs no Python code
        self.anchor = re.compile(rf"{ordinal}(?:(?<={cls}{ordinal})|{behind})(?={self.token.pattern[len(ordinal):]})")
        # In the raw text 第 comes first (a literal, found much faster than a class); the lookbehinds
        # then test the characters before it: a name's last character, possibly with a line break,
        # indentation or `>` markers between (a soft line break the blocks will join).
        raw_behind = "|".join(f"(?<={cls}[{re.escape(RAW_GAP)}]{{{k}}}{ordinal})" for k in range(1, RAW_GAP_MAX + 1))
        raw_start = f"(?=[{re.escape(self.spaces)}\\n{re.escape(''.join(g.number_open))}{self.number_chars}])"
        self.raw_anchor = re.compile(
            rf"{ordinal}{raw_start}(?<!\n\n{ordinal})(?:(?<={cls}{ordinal})|{raw_behind})")

        p = g.pins
        year_verbs = f"(?:{_alternation(spell(p.year_verbs))})(?:{_alternation(spell(p.year_verb_suffix))})?"
        year_word = _alternation(spell([p.year_word]))
        self.pin = re.compile(
            rf"(?:(?P<y>[{ARABIC}]{{4}})[{re.escape(self.spaces)}]*(?:{year_word})[{re.escape(self.spaces)}]*"
            rf"(?:{year_verbs})?(?:{_alternation(spell([p.attributive]))})?"
            rf"|(?P<prev>{_alternation(spell(p.previous))})|(?P<cur>{_alternation(spell(p.current))}))"
            rf"[{re.escape(self.spaces)}]*\Z")
        self.pin_hint = re.compile(_char_class(w[0] for w in spell([p.year_word, *p.previous, *p.current])))
        self.title_year = re.compile(
            rf"{opening}(?P<y>[{ARABIC}]{{4}})(?:{year_word})(?:{_alternation(spell(p.title_year_verbs))})?"
            rf"(?:{_alternation(spell(p.title_year_nouns))})?{closing}\Z")

        t = g.unbracketed_titles
        self.issuers = spell(t.issuers)
        self.about_words = spell([t.about])
        issuer = _alternation(spell(t.issuers))
        q = g.quotations
        stops = {*q.sentence_ends, *q.clause_ends, *q.colons, "，", ",", "\n", MASK, *(m for pair in q.marks for m in pair)}
        self.unbracketed_title = re.compile(
            rf"(?:{issuer})(?:(?:{_alternation(spell(t.issuer_joiners))})(?:{issuer}))*(?:{_alternation(spell([t.about]))})"
            rf"[^{re.escape(''.join(stops))}]{{1,{t.max_length}}}?(?:{_alternation(self.title_kinds)})\Z")
        self.unbracketed_max = t.max_length + 60
        self.sentences = SentenceReader(g)
        self.ideographs_before = re.compile(rf"[\u3400-\u4dbf\u4e00-\u9fff]{{1,{bare.max_length}}}\Z")


def _names_in_both_spellings(g: Grammar, names: Mapping[str, str]) -> dict[str, str]:
    out = dict(names)
    for name, slug in names.items():
        out.setdefault(g.traditional_spelling(name), slug)
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
