"""What a citation's preview shows (the link's title: Material's tooltip and the tap sheet), and whether it
shows the words the page means.

A preview holds the cited unit: an item in full after its paragraph's opening words, a paragraph in full,
or the whole article. A long article is cut only between its lines (a paragraph or an item), never inside
one, and the cut is marked. A whole-article citation whose sentence speaks of an item that the cut hides
is a `preview-cut` warning naming that item, so the page can cite the item itself.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .models import Citation, Finding
from .numerals import to_chinese
from .registry import LawVersion, Registry

PREVIEW_CHARS = 200
CUT_MARK = "……"
_ITEM_MARK = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
MIN_SHARED = 2  # two-character words the sentence and an item must share to name the item


def article_lines(version: LawVersion, key: str) -> list[list[str]]:
    """The article as paragraphs, each its opening line and then its items (see links.paragraphs)."""
    from .links import paragraphs

    return paragraphs(version, key)


def cited_lines(version: LawVersion, c: Citation) -> list[str]:
    """The lines a citation's preview holds: the item after its paragraph's opening line, the paragraph,
    or every line of the article (a range or an unknown paragraph: the whole article)."""
    paras = article_lines(version, c.article_key)
    cited_para = c.paragraph if c.paragraph is not None else (1 if c.item is not None else None)
    if cited_para is not None and c.through is None and cited_para <= len(paras):
        para = paras[cited_para - 1]
        if c.item is not None and c.item < len(para):
            return [para[0], para[c.item]]
        return para
    return [line for para in paras for line in para]


def fit_lines(lines: list[str], chars: int = PREVIEW_CHARS) -> tuple[str, int]:
    """The lines joined, as many whole lines as fit in `chars` (the first always whole), and how many
    were kept; CUT_MARK ends a cut preview."""
    kept, size = 0, 0
    for line in lines:
        if kept and size + len(line) > chars:
            break
        kept, size = kept + 1, size + len(line)
    text = "".join(lines[:kept])
    return (text if kept == len(lines) else text + CUT_MARK), kept


def preview_text(version: LawVersion, c: Citation, chars: int = PREVIEW_CHARS) -> str:
    """The body of the preview (without the 《law》第…条： label)."""
    return fit_lines(cited_lines(version, c), chars)[0]


def _bigrams(text: str) -> set[str]:
    han = "".join(_HAN.findall(text))
    return {han[i:i + 2] for i in range(len(han) - 1)}


def hidden_item(version: LawVersion, c: Citation, chars: int = PREVIEW_CHARS) -> tuple[int, int, str] | None:
    """(paragraph, item, item text) of the item a whole-article citation's sentence speaks of when the
    preview's cut hides it; None when the citation names a unit, the preview is whole, or the sentence
    does not speak of exactly one item (MIN_SHARED of the item's own words, not its lead-in's)."""
    if c.paragraph is not None or c.item is not None or c.through is not None or c.self_ref:
        return None  # a unit is cited, or a law refers to itself (本法第…条): not a page's preview
    paras = article_lines(version, c.article_key)
    lines = [line for para in paras for line in para]
    kept = fit_lines(lines, chars)[1]
    if kept == len(lines):
        return None
    sentence = _bigrams(c.before + c.after)
    items: list[tuple[int, int, str, set[str], bool]] = []  # (paragraph, item, text, words, hidden)
    at = 0
    for p, para in enumerate(paras, start=1):
        lead_in = _bigrams(para[0])
        for i, line in enumerate(para):
            if i and _ITEM_MARK.match(line):
                items.append((p, i, line, _bigrams(_ITEM_MARK.sub("", line)) - lead_in, at >= kept))
            at += 1
    scored: list[tuple[int, int, int, str, bool]] = []  # (shared, paragraph, item, text, hidden)
    for p, i, line, words, hidden in items:
        # an item's own words: not its lead-in's, nor any other item's (不明确 in every item names none)
        own = words.difference(*(w for q, j, _, w, _ in items if (q, j) != (p, i)))
        scored.append((len(own & sentence), p, i, line, hidden))
    if not scored:
        return None
    scored.sort(key=lambda s: -s[0])
    best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0
    # The sentence must speak of one item: words of several items mean it sums up the article.
    if best[0] < MIN_SHARED or runner_up >= MIN_SHARED or not best[4]:
        return None
    return best[1], best[2], best[3]


def unit_label(paragraph: int, item: int, paragraphs: int) -> str:
    """第（三）项, or 第二款第（一）项 when the article has more than one paragraph."""
    head = f"第{to_chinese(paragraph)}款" if paragraphs > 1 else ""
    return f"{head}第（{to_chinese(item)}）项"


def preview_warnings(findings: list[Finding], registry: Registry) -> list[Finding]:
    """The findings with every `ok` whole-article citation whose preview hides the item its sentence
    speaks of turned into a `preview-cut` warning (message: the item and its words)."""
    out: list[Finding] = []
    for f in findings:
        c = f.citation
        version = (registry.versions_by_date(c.law_slug, f.version)
                   if f.status == "ok" and c.law_slug in registry.laws and c.pin is None else None)
        hit = hidden_item(version, c) if version is not None else None
        if hit is None or version is None:
            out.append(f)
            continue
        paragraph, item, words = hit
        label = unit_label(paragraph, item, len(article_lines(version, c.article_key)))
        out.append(replace(
            f, status="preview-cut", severity="warning",
            message=(f"这一条很长，预览只显示前面几项，看不到句子说的{label}：“{words}”"
                     f"；请引用到项：{c.text}{label}"),
            suggestion=f"{c.text}{label}",
        ))
    return out
