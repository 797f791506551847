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

Terms: a quotation of at most TERM_MAX characters that follows the citation directly, with no
colon or introducing word (规定、明确、写明、写道、指出、载明、所称、称) before it, names a term or an
offence (第二百九十三条之一“催收非法债务罪”), so it is not checked against the article's text.
Introduced short quotations (所称的“个人信息”, 规定：“…”) are checked like any other.

Matching: ……, … and ... elide; both sides are compared after NFKC (full/half-width punctuation and
digits) with all whitespace, quotation marks and Markdown emphasis removed.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import NamedTuple

from .models import Citation

_QUOTE = re.compile(r"“([^“”\n]+)”|「([^「」\n]+)」|\"([^\"\n]+)\"")
_ELISION = re.compile(r"……|…|⋯+|\.{3,}")
_DROP = re.compile(r"[\s“”‘’「」『』\"'*_`]+")
_MAX_LEAD = 10            # characters allowed between a citation and the quote after it
_TAIL_BEFORE = re.compile(r"[”」\"][ \t\u3000]*[（(，,：:—\-]{0,2}[ \t\u3000]*\Z")
TERM_MAX = 8
_NEW_CLAUSE = re.compile(r"[；;]")
_INTRODUCED = re.compile(r"[：:]|规定|明确|写明|写道|指出|载明|称")
_LATER_INTRO = re.compile(r"(?:规定|明确|写明)[ \t\u3000]*[：:]?[ \t\u3000]*\Z")
_CLAUSE_START = re.compile(r"[，,；;、”」\"]")
_CONNECTIVES = re.compile(
    r"[ \t\u3000]*(?:(?:并且|而且|同时|另外|此外|其中|该条|该款|该项|此条|本条|同条|并|还|也|又|亦|且|另|则)[ \t\u3000]*)*"
)


class Quotation(NamedTuple):
    """A quotation attributed to a citation; `checked` is False for a term (see TERM_MAX)."""

    text: str
    checked: bool = True


def normalise(text: str) -> str:
    """NFKC, no whitespace, no quotation marks or emphasis markers."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text))


def _group(m: re.Match[str]) -> str:
    return next(g for g in m.groups() if g is not None)


def attributed_quote(c: Citation) -> str | None:
    """The first quotation attributed to this citation's chain (term or not), or None."""
    found = quotations(c)
    return found[0].text if found else None


def quotations(c: Citation) -> list[Quotation]:
    """Every quotation attributed to this citation's chain, in text order (module docstring)."""
    out: list[Quotation] = []
    after = c.after
    m = _QUOTE.search(after)
    skip = -1
    if m is not None and m.start() <= _MAX_LEAD and not _NEW_CLAUSE.search(after, 0, m.start()):
        quote = _group(m)
        term = len(normalise(quote)) <= TERM_MAX and not _INTRODUCED.search(after, 0, m.start())
        out.append(Quotation(quote, not term))
        skip = m.start()
    elif _TAIL_BEFORE.search(c.before):
        quotes = list(_QUOTE.finditer(c.before))
        if quotes and _TAIL_BEFORE.match(c.before, quotes[-1].end() - 1):
            out.append(Quotation(_group(quotes[-1])))
    if not out and c.block_quote:
        body = c.block_quote.strip().lstrip("　 ：:，,")
        body = re.sub(r"^(?:规定|明确|写道|指出)[：:，,]?", "", body)
        if body:
            out.append(Quotation(body))
    for m in _QUOTE.finditer(after):
        if m.start() == skip:
            continue
        lead = after[:m.start()]
        intro = _LATER_INTRO.search(lead)
        if intro is None:
            continue
        starts = [k.end() for k in _CLAUSE_START.finditer(lead, 0, intro.start())]
        subject = lead[starts[-1] if starts else 0:intro.start()]
        if _CONNECTIVES.fullmatch(subject):
            out.append(Quotation(_group(m)))
    return out


def quote_matches(quote: str, article_text: str) -> bool:
    """Every non-elided piece of the quote appears in the article text, in order."""
    hay = normalise(article_text)
    pos = 0
    pieces = [normalise(p) for p in _ELISION.split(quote)]
    pieces = [p.strip(",，。;；:：") for p in pieces]
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
    """The character bigrams of text, punctuation and whitespace ignored."""
    t = _PUNCT.sub("", normalise(text))
    return {t[i:i + 2] for i in range(len(t) - 1)}


def bigram_containment(evidence: str, text: str, weights: Mapping[str, float] | None = None) -> float:
    """Share of the evidence's character bigrams that occur in text (punctuation ignored).

    With `weights` (bigram -> weight, e.g. Registry.bigram_weights), each bigram counts by its weight,
    so words that recur all over a law (情节, 处罚, 罚款) weigh little and the words that tell one
    article from another decide; a bigram missing from `weights` (found in no article) tells no
    article from another and weighs nothing.
    """
    eb = bigrams(evidence)
    if not eb:
        return 0.0
    shared = eb & bigrams(text)
    if weights is None:
        return len(shared) / len(eb)
    total = sum(weights.get(b, 0.0) for b in eb)
    return sum(weights.get(b, 0.0) for b in shared) / total if total else 0.0


def bigram_count(evidence: str) -> int:
    return len(bigrams(evidence))
