"""Which numbering a citation of a renumbered law uses, judged by the words written with it.

A law whose articles were renumbered by a later version (a map file lies between them) can be cited
by an old number: a page written before 2026 cites 治安管理处罚法 第四十二条 and paraphrases what that
number said then (today it is 第五十条). The words the page writes with the citation are compared
with the text the cited number(s) had in every numbering — the judged version's and each older
one's. Each character bigram counts by how rare it is among the law's articles
(Registry.bigram_weights: 情节、处罚 say little, 侮辱、诽谤 much), so a numbering's `share` is the part
of the words its text explains.

One text fits the words *clearly better* than another when it explains at least LEAD_RATIO times
as much and LEAD_MARGIN more of them: a comparison of the versions, not a fixed bar for the old text.
The words are the quotation attributed to the citation when there is one; else they are read two
ways, the rest of the sentence after the citation and the whole sentence around it (a paraphrase
often comes first: 非法侵入他人住宅的，依照…第四十条). The writer used an older numbering when, read
either way, its text fits clearly better than the judged one and, read the other way, the judged
text does not fit clearly better than it. A list is judged as a whole (its words are about all its
articles), a range not at all, and never a self-reference (本法第X条 in a law's own text uses that
text's numbering).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .models import Citation
from .quotes import attributed_quote, bigram_containment, bigram_count
from .registry import LawVersion, Registry

MIN_EVIDENCE_BIGRAMS = 4   # fewer distinct character pairs say nothing about which text is meant
LEAD_RATIO = 2.0           # the older text must explain at least twice the share the judged one does
LEAD_MARGIN = 0.25         # ... and at least a quarter more of the (weighted) words


@dataclass(frozen=True, slots=True)
class NumberingFit:
    """An older numbering that fits a chain's words clearly better than the judged version's."""

    old: LawVersion
    moved: dict[str, list[str]]  # old article key -> where that article is in the judged version
    share_old: float             # the part of the words the older text explains
    share_now: float             # ... and the judged text


def older_numbering(chain: Sequence[Citation], registry: Registry, judged: LawVersion) -> NumberingFit | None:
    """The older numbering the chain's words fit clearly better than `judged`'s, or None."""
    older = renumbered_older(registry, judged)
    if not older or any(c.through is not None or c.self_ref for c in chain):
        return None
    keys = [c.article_key for c in chain]
    weights = registry.bigram_weights(judged.law_slug)
    fits: list[NumberingFit] = []
    for evidence in _readings(chain[0], registry):
        share_now = bigram_containment(evidence, _texts(judged, keys), weights)
        best: NumberingFit | None = None
        for old, moved in older:
            if any(k in old.articles for k in keys):
                share = bigram_containment(evidence, _texts(old, keys), weights)
                if best is None or share > best.share_old:
                    best = NumberingFit(old, moved, share, share_now)
        if best is not None:
            fits.append(best)
    if any(clearly_better(f.share_now, f.share_old) for f in fits):
        return None
    leading = [f for f in fits if clearly_better(f.share_old, f.share_now)]
    return max(leading, key=lambda f: f.share_old - f.share_now, default=None)


def clearly_better(share: float, other: float) -> bool:
    """Whether a text explaining `share` of the words fits them clearly better than one explaining `other`."""
    return share >= LEAD_RATIO * other and share - other >= LEAD_MARGIN


def renumbered_older(registry: Registry, v: LawVersion) -> list[tuple[LawVersion, dict[str, list[str]]]]:
    """Older versions of v's law whose numbering differs from v's (a map file lies between them),
    newest first, each with where its articles are in v."""
    versions = registry.laws[v.law_slug]
    out: list[tuple[LawVersion, dict[str, list[str]]]] = []
    for old in reversed(versions[:versions.index(v)]):
        moves = registry.moves(old, v)
        if moves is not None and moves[0]:
            out.append((old, moves[1]))
    return out


def _readings(c: Citation, registry: Registry) -> list[str]:
    """The words to compare: the quotation, else the rest of the sentence and the whole sentence
    (each only when it has enough distinct character pairs to tell texts apart)."""
    quote = attributed_quote(c, registry.grammar)
    readings = [quote] if quote else [c.after, c.before + c.after]
    return [r for r in readings if bigram_count(r) >= MIN_EVIDENCE_BIGRAMS]


def _texts(v: LawVersion, keys: list[str]) -> str:
    return "\n".join(v.articles.get(k, "") for k in keys)
