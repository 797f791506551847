"""One article of a law, its registry key and its label — the one place both are built and read.

    ArticleRef(293, 1).key        -> "293-1"          (the registry's key: LawVersion.articles, maps)
    ArticleRef.parse("293-1")     -> ArticleRef(293, 1)
    ArticleRef(293, 1).label      -> 第二百九十三条之一
    unit_label(ArticleRef(1032), paragraph=2, item=3) -> 第一千零三十二条第二款第（三）项

The words come from the grammar (条, 之, 款, 项); numbers are written in the statutes' own style.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .grammar import default_grammar
from .numerals import to_chinese

_KEY = re.compile(r"([1-9][0-9]*)(?:-([1-9][0-9]*))?\Z")


@dataclass(frozen=True, slots=True, order=True)
class ArticleRef:
    """An article: its number and, for an inserted article (第二百九十三条之一), the number after 之."""

    article: int
    sub: int = 0

    @property
    def key(self) -> str:
        """The registry key: "674", "293-1"."""
        return f"{self.article}-{self.sub}" if self.sub else str(self.article)

    @property
    def label(self) -> str:
        """第六百七十四条, 第二百九十三条之一."""
        g = default_grammar()
        label = f"{g.ordinal}{to_chinese(self.article)}{g.article}"
        return label + (f"{g.inserted_article}{to_chinese(self.sub)}" if self.sub else "")

    @classmethod
    def parse(cls, key: str) -> ArticleRef:
        """"293-1" -> ArticleRef(293, 1); ValueError for anything that is not a registry key."""
        m = _KEY.match(key)
        if m is None:
            raise ValueError(f"not an article key: {key!r} (write \"674\" or \"293-1\")")
        return cls(int(m.group(1)), int(m.group(2) or 0))

    @classmethod
    def is_key(cls, key: str) -> bool:
        return _KEY.match(key) is not None


def key_label(key: str) -> str:
    """"293-1" -> 第二百九十三条之一."""
    return ArticleRef.parse(key).label


def labels(keys: Iterable[str]) -> str:
    """["58", "59"] -> 第五十八条、第五十九条."""
    return "、".join(key_label(k) for k in keys)


def unit_label(ref: ArticleRef, paragraph: int | None = None, item: int | None = None) -> str:
    """第一千零三十二条第二款第（三）项 (the official style: items in full-width brackets)."""
    g = default_grammar()
    out = ref.label
    if paragraph is not None:
        out += f"{g.ordinal}{to_chinese(paragraph)}{g.paragraph}"
    if item is not None:
        out += f"{g.ordinal}{g.number_open[0]}{to_chinese(item)}{g.number_close[0]}{g.item}"
    return out


def cited_label(c: Any) -> str:
    """The label of what a Citation cites, a range included: 第六百七十四条至第六百八十一条,
    第一千零三十三条第（一）项至第（五）项."""
    out = unit_label(ArticleRef(c.article, c.article_sub), c.paragraph, c.item)
    t = c.through
    if t is None:
        return out
    end_ref = ArticleRef(t.article, t.article_sub)
    end = unit_label(end_ref, t.paragraph, t.item)
    if end_ref == ArticleRef(c.article, c.article_sub):
        end = end[len(end_ref.label):]  # a range inside one article: 第（一）项至第（五）项
    return f"{out}{default_grammar().range_separators[0]}{end}"
