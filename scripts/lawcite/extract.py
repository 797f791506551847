"""Find law citations in Chinese text (Markdown, HTML or plain): `find_citations`.

The steps, one module each:

1. lawcite.scan — the places a citation can be (a 第 right after a law's name) and the block of
   text around each, markup masked and soft line breaks joined;
2. lawcite.parse — in each block, the chains: the law named before a 第 (a 《title》, a
   registered or unregistered name, a self-reference …, with a version pin) and the units after it
   (第…条第…款第…项, lists, ranges, chapters);
3. lawcite.context — the words around each chain (the sentence before and after, a blockquote);
4. here — one Citation record per cited unit, with its span, line and column in the original text.

The words of the citation language come from lawcite/grammar.yaml; each rule has a test in
tests/lawcite/test_extract_grammar.py (issue forms in test_citation_forms.py).
"""
from __future__ import annotations

from dataclasses import dataclass

from .context import block_quote, has_quote_line
from .models import Citation
from .parse import Chain, read_chains
from .patterns import Patterns
from .registry import Registry
from .scan import Block, ScannedText, blocks, scan


def find_citations(
    text: str,
    registry: Registry,
    *,
    markdown: bool = True,
    html: bool = False,
    self_law: str | None = None,
    fast: bool = True,
) -> list[Citation]:
    """All citations in `text`, in order.

    markdown: skip front matter, code, links, HTML tags and comments, and never read across a block;
    html: read text nodes only (block tags end sentences); self_law: the law (slug or version id) the
    text is — its self-references (本法第十条) are then returned with self_ref=True, else left out;
    fast: read one-line paragraphs in place (the same citations as fast=False, sooner).
    """
    patterns = registry.patterns
    scanned = scan(text, patterns, markdown=markdown, html=html)
    if scanned is None:
        return []
    self_slug = registry.law_slug_for(self_law) if self_law else None
    with_quotes = scanned.markdown and has_quote_line(text)
    lines = LineIndex(text)
    short_titles: dict[str, tuple[int, str | None, str]] | None = None  # 《…》（以下简称《个保法》）, read when needed
    out: list[Citation] = []
    chain_no = 0
    for block in blocks(scanned, patterns, fast=fast):
        chains = read_chains(block, patterns)
        for k, chain in enumerate(chains):
            number, chain_no = chain_no, chain_no + 1
            if chain.designation.self_ref and self_slug is None:
                continue
            next_start = chains[k + 1].start if k + 1 < len(chains) else None
            words = _words_around(scanned, block, chain, next_start, patterns, with_quotes)
            slug = self_slug if chain.designation.self_ref else chain.designation.slug
            defined_as = None
            if slug is None and chain.designation.titled and not chain.designation.self_ref:
                if short_titles is None:
                    short_titles = patterns.short_titles(text, registry.names)
                defined = short_titles.get(registry.grammar.simplified(chain.designation.written))
                if defined is not None and defined[0] <= block.original(chain.designation.start):
                    slug, defined_as = defined[1], defined[2]
            out.extend(_records(text, block, chain, number, slug, words, lines, defined_as))
    return out


@dataclass(frozen=True, slots=True)
class _Words:
    """The words around one chain (lawcite.context), shared by its units."""

    after: str
    before: str
    block_quote: str | None


def _words_around(scanned: ScannedText, block: Block, chain: Chain, next_start: int | None, patterns: Patterns,
                  with_quotes: bool) -> _Words:
    sentences = patterns.sentences
    after = sentences.after(block.text, chain.end, next_start if next_start is not None else block.ceil)
    before = sentences.before(block.text, chain.designation.start, block.floor)
    quote = None
    if with_quotes:
        next_original = block.original(next_start) if next_start is not None else None
        quote = block_quote(scanned.original, block.original_end(chain.end), next_original, scanned.code_spans)
    return _Words(after, before, quote)


def _records(text: str, block: Block, chain: Chain, number: int, slug: str | None, words: _Words,
             lines: LineIndex, defined_as: str | None = None) -> list[Citation]:
    d = chain.designation
    law_span = (block.original(d.start), block.original_end(d.name_end))
    part = (d.part,) if d.part is not None else ()
    out: list[Citation] = []
    last = len(chain.units) - 1
    for k, unit in enumerate(chain.units):
        first = unit.start == chain.start  # the first unit's span starts at the law's name
        start = law_span[0] if first else block.original(unit.start)
        end = block.original_end(unit.end)
        line, column = lines.position(start)
        out.append(Citation(
            start=start, end=end, line=line, column=column, text=text[start:end],
            law_as_written=None if d.self_ref or not first else d.written,
            law_slug=slug, article=unit.article, article_sub=unit.sub, paragraph=unit.paragraph,
            item=unit.item, subitem=unit.subitem, through=unit.through, pin=d.pin, self_ref=d.self_ref,
            titled=d.titled, chain=number, after=words.after, before=words.before,
            block_quote=words.block_quote, divisions=part + unit.divisions,
            law_span=law_span if first and not d.self_ref else None,
            list_cut=chain.cut and k == last, law_defined_as=defined_as,
        ))
    return out


class LineIndex:
    """1-based line and column of offsets in a text, counted incrementally (offsets mostly rise)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0          # the last offset asked for
        self.line = 1         # its line
        self.line_start = 0   # the offset its line starts at

    def position(self, offset: int) -> tuple[int, int]:
        if offset < self.pos:
            self.pos, self.line, self.line_start = 0, 1, 0
        breaks = self.text.count("\n", self.pos, offset)
        if breaks:
            self.line += breaks
            self.line_start = self.text.rfind("\n", self.pos, offset) + 1
        self.pos = offset
        return self.line, offset - self.line_start + 1
