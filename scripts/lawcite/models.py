"""Typed records shared by every step of the citation pipeline.

Offsets (`start`, `end`) are code-point indices into the text given to `find_citations`
(the original text, markup included); `line` and `column` are 1-based, columns in code points.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, NamedTuple

Severity = Literal["ok", "warning", "error"]

# Status -> severity. Everything not listed here is an error.
SEVERITY: dict[str, Severity] = {
    "ok": "ok",
    "unknown-version": "warning",
    "quote-unchecked": "warning",
}


@dataclass(frozen=True, slots=True)
class Through:
    """The far end of a range: 第X条至第Y条 (or 第一项至第五项 inside one article)."""

    article: int
    article_sub: int = 0
    paragraph: int | None = None
    item: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"article": self.article, "article_sub": self.article_sub}
        if self.paragraph is not None:
            out["paragraph"] = self.paragraph
        if self.item is not None:
            out["item"] = self.item
        return out


@dataclass(frozen=True, slots=True)
class Pin:
    """A version qualifier written before the law's name.

    kind: "year" (2012年《…》, 2025 年修订的《…》), "previous" (原/旧/修订前的《…》)
    or "current" (现行《…》).
    """

    kind: Literal["year", "previous", "current"]
    text: str
    year: int | None = None


class Citation(NamedTuple):
    """One cited unit (one record in the checker's output).

    law_as_written: the name as written without 《》 (None when implied by an earlier unit of a list
    or range, or for a self-reference). law_slug: the registry law it names, None when unknown.
    chain: index of the list/range this unit belongs to (units of one list share it; the first unit
    of a chain has law_as_written set). after/before: the rest of the sentence after the whole chain
    and the sentence text before the law name (markup masked, soft line breaks removed); used as
    evidence for the superseded rule and to find quotations. block_quote: the text of a Markdown
    blockquote attributed to the chain, if any.

    A NamedTuple rather than a frozen dataclass: just as immutable, and several times cheaper to
    build (the extractor builds one per cited unit; a frozen dataclass sets each of its 19 fields
    through object.__setattr__).
    """

    start: int
    end: int
    line: int
    column: int
    text: str
    law_as_written: str | None
    law_slug: str | None
    article: int
    article_sub: int = 0
    paragraph: int | None = None
    item: int | None = None
    through: Through | None = None
    pin: Pin | None = None
    self_ref: bool = False
    titled: bool = False
    chain: int = 0
    after: str = ""
    before: str = ""
    block_quote: str | None = None

    @property
    def article_key(self) -> str:
        """Registry key of the article: "674", "293-1"."""
        return f"{self.article}-{self.article_sub}" if self.article_sub else str(self.article)


@dataclass(frozen=True, slots=True)
class Finding:
    """The verdict on one Citation. One Finding per Citation, status ok included."""

    citation: Citation
    status: str
    law: str | None = None
    version: date | None = None
    message: str = ""
    suggestion: str | None = None
    severity: Severity = field(default="ok")

    def to_dict(self, path: str) -> dict[str, Any]:
        """The JSON record fixed by spec/check-refs.md (plus `pinned`, `self_ref`)."""
        c = self.citation
        return {
            "path": path,
            "line": c.line,
            "column": c.column,
            "text": c.text,
            "law_as_written": c.law_as_written,
            "law": self.law,
            "version": self.version.isoformat() if self.version else None,
            "article": c.article,
            "article_sub": c.article_sub,
            "paragraph": c.paragraph,
            "item": c.item,
            "through": c.through.to_dict() if c.through else None,
            "status": self.status,
            "severity": self.severity,
            "message": self.message,
            "suggestion": self.suggestion,
            "pinned": c.pin.text if c.pin else None,
        }


def make_finding(citation: Citation, status: str, **kwargs: Any) -> Finding:
    """A Finding whose severity follows from its status."""
    return Finding(citation=citation, status=status, severity=SEVERITY.get(status, "error"), **kwargs)
