"""Quotations attributed to a citation, and whether they match the article's text.

A quotation is attributed to a citation when it is
- in “…” or 「…」 after the citation in the same sentence, opening within a few characters of it
  (规定：“…”, 所称的“…”); or
- in “…” / 「…」 closing just before the citation in the same sentence (“…”（《民法典》第…条）); or
- a Markdown blockquote whose first line holds the citation, or whose preceding line does.
Matching: ……, … and ... elide; both sides are compared after NFKC (full/half-width punctuation and
digits) with all whitespace, quotation marks and Markdown emphasis removed.
"""
from __future__ import annotations

import re
import unicodedata

from .models import Citation

_QUOTE = re.compile(r"“([^“”\n]+)”|「([^「」\n]+)」|\"([^\"\n]+)\"")
_ELISION = re.compile(r"……|…|⋯+|\.{3,}")
_DROP = re.compile(r"[\s“”‘’「」『』\"'*_`]+")
_MAX_LEAD = 10            # characters allowed between a citation and the quote after it
_TAIL_BEFORE = re.compile(r"[”」\"][ \t\u3000]*[（(，,：:—\-]{0,2}[ \t\u3000]*\Z")


def normalise(text: str) -> str:
    """NFKC, no whitespace, no quotation marks or emphasis markers."""
    return _DROP.sub("", unicodedata.normalize("NFKC", text))


def _group(m: re.Match[str]) -> str:
    return next(g for g in m.groups() if g is not None)


def attributed_quote(c: Citation) -> str | None:
    """The quotation attributed to this citation's chain, or None."""
    m = _QUOTE.search(c.after)
    if m is not None and m.start() <= _MAX_LEAD:
        return _group(m)
    if _TAIL_BEFORE.search(c.before):
        quotes = list(_QUOTE.finditer(c.before))
        if quotes and _TAIL_BEFORE.match(c.before, quotes[-1].end() - 1):
            return _group(quotes[-1])
    if c.block_quote:
        body = c.block_quote.strip().lstrip("　 ：:，,")
        body = re.sub(r"^(?:规定|明确|写道|指出)[：:，,]?", "", body)
        return body or None
    return None


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


def bigram_containment(evidence: str, text: str) -> float:
    """Share of the evidence's character bigrams that occur in text (punctuation ignored)."""
    e = _PUNCT.sub("", normalise(evidence))
    t = _PUNCT.sub("", normalise(text))
    eb = {e[i:i + 2] for i in range(len(e) - 1)}
    if not eb:
        return 0.0
    tb = {t[i:i + 2] for i in range(len(t) - 1)}
    return len(eb & tb) / len(eb)


def bigram_count(evidence: str) -> int:
    e = _PUNCT.sub("", normalise(evidence))
    return len({e[i:i + 2] for i in range(len(e) - 1)})
