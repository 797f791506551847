"""Quotations attributed to a citation, and whether they match the article's text.

A quotation is attributed to a citation when it is
- in “…” or 「…」 after the citation in the same sentence and clause (no ；/; between), opening
  within a few characters of it (规定：“…”, 所称的“…”); or
- in “…” / 「…」 closing just before the citation in the same sentence (“…”（《民法典》第…条）); or
- a Markdown blockquote whose first line holds the citation, or whose preceding line does; and also
- every later “…” in the same sentence that is introduced by 规定/明确/写明 (optionally with ：) in a
  clause that has no subject of its own: before the verb only connectives or a back-reference to
  the cited article (并、还、也、同时、该条 …), e.g. 第X条规定“A”，并明确“B”. A clause with another
  subject (第二款规定“…”, 法院也明确“…”) is not the citation's: its quotation is not checked.
Never across a block boundary: sentences end at paragraph, list-item, table-row and table-cell
boundaries (lawcite.markup), so `after`/`before` never reach into another block.

Terms: a quotation of at most `term_max` characters that follows the citation directly, with no
colon or introducing word (规定、明确、写明 …) before it, names a term or an offence
(第二百九十三条之一“催收非法债务罪”), so it is not checked against the article's text.
Introduced short quotations (所称的“个人信息”, 规定：“…”) are checked like any other.

Matching: ……, … and ... elide; both sides are compared after NFKC (full/half-width punctuation and
digits) with all whitespace, quotation marks and Markdown emphasis removed, in simplified characters.

Every word here comes from grammar.yaml (`quotations`).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from .grammar import Grammar, default_grammar
from .models import Citation


class Quotation(NamedTuple):
    """A quotation attributed to a citation; `checked` is False for a term (see term_max)."""

    text: str
    checked: bool = True


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


class QuotePatterns:
    """The quotation rules of one grammar, compiled once (`quote_patterns`)."""

    def __init__(self, grammar: Grammar) -> None:
        q = grammar.quotations
        spell = grammar.spellings
        self.grammar = grammar
        self.quote = re.compile("|".join(f"{re.escape(a)}([^{re.escape(a + b)}\\n]+){re.escape(b)}" for a, b in q.marks))
        self.elision = re.compile(_alternation(q.elisions))
        marks = "".join(m for pair in (*q.marks, *q.nesting_marks) for m in pair) + "‘’"
        self.drop = re.compile(f"[\\s{re.escape(marks)}'*_`]+")
        self.max_lead = q.max_lead
        self.term_max = q.term_max
        closing = "".join(b for _, b in q.marks)
        colons = "".join(q.colons)
        self.tail_before = re.compile(f"[{re.escape(closing)}][ \\t\\u3000]*[（({re.escape(''.join(q.commas) + colons)}—\\-]{{0,2}}[ \\t\\u3000]*\\Z")
        self.new_clause = re.compile(f"[{re.escape(''.join(q.clause_ends))}]")
        self.introduced = re.compile(f"[{re.escape(colons)}]|{_alternation(spell(q.introducing))}")
        self.later_intro = re.compile(
            f"(?:{_alternation(spell(q.later_introducing))})[ \\t\\u3000]*[{re.escape(colons)}]?[ \\t\\u3000]*\\Z")
        clause_marks = "".join(q.clause_ends) + "".join(q.commas) + "".join(grammar.list_separators[:1]) + closing
        self.clause_start = re.compile(f"[{re.escape(clause_marks)}]")
        self.connectives = re.compile(f"[ \\t\\u3000]*(?:(?:{_alternation(spell(q.connectives))})[ \\t\\u3000]*)*")
        self.blockquote_lead = re.compile(f"^(?:{_alternation(spell(q.blockquote_verbs))})[{re.escape(colons + ''.join(q.commas))}]?")
        self.blockquote_strip = "".join(grammar.spaces) + "".join(q.commas) + colons
        self.trim = "".join((*q.commas, *q.sentence_ends, *q.clause_ends, *q.colons))


@functools.cache
def quote_patterns(grammar: Grammar | None = None) -> QuotePatterns:
    """The compiled quotation rules of a grammar (the shipped one by default)."""
    return QuotePatterns(grammar or default_grammar())


def normalise(text: str, grammar: Grammar | None = None) -> str:
    """NFKC, no whitespace, no quotation marks or emphasis markers."""
    return quote_patterns(grammar).drop.sub("", unicodedata.normalize("NFKC", text))


def writers_words(text: str, grammar: Grammar | None = None) -> str:
    """What a page says, normalised for comparison with a law's text: in simplified characters too
    (the texts are simplified; translating only the writer's side keeps the texts' side cheap)."""
    g = grammar or default_grammar()
    return normalise(g.simplified(text), g)


def _group(m: re.Match[str]) -> str:
    return next(g for g in m.groups() if g is not None)


def attributed_quote(c: Citation, grammar: Grammar | None = None) -> str | None:
    """The first quotation attributed to this citation's chain (term or not), or None."""
    found = quotations(c, grammar)
    return found[0].text if found else None


def quotations(c: Citation, grammar: Grammar | None = None) -> list[Quotation]:
    """Every quotation attributed to this citation's chain, in text order (module docstring)."""
    p = quote_patterns(grammar)
    out: list[Quotation] = []
    after = c.after
    m = p.quote.search(after)
    skip = -1
    if m is not None and m.start() <= p.max_lead and not p.new_clause.search(after, 0, m.start()):
        quote = _group(m)
        term = len(normalise(quote, grammar)) <= p.term_max and not p.introduced.search(after, 0, m.start())
        out.append(Quotation(quote, not term))
        skip = m.start()
    elif p.tail_before.search(c.before):
        quotes = list(p.quote.finditer(c.before))
        if quotes and p.tail_before.match(c.before, quotes[-1].end() - 1):
            out.append(Quotation(_group(quotes[-1])))
    if not out and c.block_quote:
        body = p.blockquote_lead.sub("", c.block_quote.strip().lstrip(p.blockquote_strip))
        if body:
            out.append(Quotation(body))
    for m in p.quote.finditer(after):
        if m.start() == skip:
            continue
        lead = after[:m.start()]
        intro = p.later_intro.search(lead)
        if intro is None:
            continue
        starts = [k.end() for k in p.clause_start.finditer(lead, 0, intro.start())]
        subject = lead[starts[-1] if starts else 0:intro.start()]
        if p.connectives.fullmatch(subject):
            out.append(Quotation(_group(m)))
    return out


def quote_matches(quote: str, article_text: str, grammar: Grammar | None = None) -> bool:
    """Every non-elided piece of the quote appears in the article text, in order."""
    p = quote_patterns(grammar)
    hay = normalise(article_text, grammar)
    pos = 0
    pieces = [writers_words(piece, grammar).strip(p.trim) for piece in p.elision.split(quote)]
    if not any(pieces):
        return True
    for piece in pieces:
        if not piece:
            continue
        found = hay.find(piece, pos)
        if found == -1:
            return False
        pos = found + len(piece)
    return True


_PUNCT = re.compile(r"[^\w]+")


def bigrams(text: str) -> set[str]:
    """The character bigrams of a (simplified) text, punctuation and whitespace ignored."""
    t = _PUNCT.sub("", normalise(text))
    return {t[i:i + 2] for i in range(len(t) - 1)}


def evidence_bigrams(evidence: str) -> set[str]:
    """The character bigrams of a page's words (in simplified characters)."""
    t = _PUNCT.sub("", writers_words(evidence))
    return {t[i:i + 2] for i in range(len(t) - 1)}


def bigram_containment(evidence: str, text: str, weights: Mapping[str, float] | None = None) -> float:
    """Share of the evidence's character bigrams that occur in text (punctuation ignored).

    With `weights` (bigram -> weight, e.g. Registry.bigram_weights), each bigram counts by its weight,
    so words that recur all over a law (情节, 处罚, 罚款) weigh little and the words that tell one
    article from another decide; a bigram missing from `weights` (found in no article) tells no
    article from another and weighs nothing.
    """
    eb = evidence_bigrams(evidence)
    if not eb:
        return 0.0
    shared = eb & bigrams(text)
    if weights is None:
        return len(shared) / len(eb)
    total = sum(weights.get(b, 0.0) for b in eb)
    return sum(weights.get(b, 0.0) for b in shared) / total if total else 0.0


def bigram_count(evidence: str) -> int:
    return len(evidence_bigrams(evidence))
