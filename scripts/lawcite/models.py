"""Typed records shared by every step of the citation pipeline.

Offsets (`start`, `end`) are code-point indices into the text given to `find_citations`
(the original text, markup included); `line` and `column` are 1-based, columns in code points.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, get_args

from .articles import ArticleRef

Severity = Literal["ok", "warning", "error"]
Status = Literal[
    "ok",
    "unknown-law",
    "unregistered-law",
    "no-such-article",
    "superseded",
    "repealed",
    "not-yet-in-force",
    "quote-mismatch",
    "quote-unchecked",
    "unknown-version",
    "preview-cut",
]
STATUSES: tuple[Status, ...] = get_args(Status)

SEVERITY: dict[Status, Severity] = {
    "ok": "ok",
    "unknown-law": "error",
    "unregistered-law": "warning",
    "no-such-article": "error",
    "superseded": "error",
    "repealed": "error",
    "not-yet-in-force": "error",
    "quote-mismatch": "error",
    "quote-unchecked": "warning",
    "unknown-version": "warning",
    "preview-cut": "warning",
}


@dataclass(frozen=True, slots=True)
class Through:
    """The far end of a range: 第X条至第Y条 (or 第一项至第五项 inside one article)."""

    article: int
    article_sub: int = 0
    paragraph: int | None = None
    item: int | None = None

    @property
    def ref(self) -> ArticleRef:
        return ArticleRef(self.article, self.article_sub)

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


@dataclass(frozen=True, slots=True)
class Division:
    """A place in a law's structure: 第二章 is Division("章", 2); the part 分则 is Division(title="分则").

    As cited (Citation.divisions) any field may be None; in a law version (LawVersion.divisions)
    all three are known: the heading's unit word, its number and its title (第九章 渎职罪)."""

    unit: str | None = None
    number: int | None = None
    title: str | None = None

    def contains(self, cited: Division) -> bool:
        """Whether this heading is the one a cited division names."""
        return ((cited.unit is None or cited.unit == self.unit)
                and (cited.number is None or cited.number == self.number)
                and (cited.title is None or cited.title == self.title))

    @property
    def label(self) -> str:
        """第二章, 分则, 人格权编."""
        if self.number is None:
            return (self.title or "") + (self.unit or "")
        from .grammar import default_grammar
        from .numerals import to_chinese

        return f"{default_grammar().ordinal}{to_chinese(self.number)}{self.unit or ''}"


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited unit (one record in the checker's output).

    law_as_written: the name as written without 《》 (None when implied by an earlier unit of a list
    or range, or for a self-reference). law_slug: the registry law it names, None when unknown.
    law_span: (start, end) of the law's name as written, title marks included (first unit of a
    chain only). divisions: the parts of the law written before the article (第二章 …, 分则).
    chain: index of the list/range this unit belongs to (units of one list share it; the first unit
    of a chain has law_as_written set). after/before: the rest of the sentence after the whole chain
    and the sentence text before the law name (markup masked, soft line breaks removed); used as
    evidence for the superseded rule and to find quotations. block_quote: the text of a Markdown
    blockquote attributed to the chain, if any.
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
    subitem: int | None = None
    divisions: tuple[Division, ...] = ()
    law_span: tuple[int, int] | None = None
    list_cut: bool = False  # the last unit read of a list longer than the extractor reads (patterns.MAX_UNITS)
    law_defined_as: str | None = None  # the full title a short title defined in the text stands for (（以下简称《…》）)

    @property
    def ref(self) -> ArticleRef:
        """The cited article: ArticleRef(293, 1)."""
        return ArticleRef(self.article, self.article_sub)

    @property
    def article_key(self) -> str:
        """Registry key of the article: "674", "293-1" (= ref.key)."""
        return self.ref.key


@dataclass(frozen=True, slots=True)
class Finding:
    """The verdict on one Citation. One Finding per Citation, status ok included."""

    citation: Citation
    status: Status
    law: str | None = None
    version: date | None = None
    message: str = ""
    suggestion: str | None = None
    severity: Severity = field(default="ok")
    suppressed: bool = False  # a `lawcite: ignore` marker on its line (lawcite.policy): severity is then ok

    def to_dict(self, path: str) -> dict[str, Any]:
        """The JSON record fixed by spec/check-refs.md (plus `pinned`, and `suppressed` when true)."""
        c = self.citation
        record: dict[str, Any] = {
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
        if self.suppressed:
            record["suppressed"] = True
        return record


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding about a file rather than one citation: a stale page, a file that cannot be read, a
    list cut short (codes and default severities: lawcite.policy.PROBLEM_SEVERITY)."""

    code: str
    severity: Severity
    message: str
    line: int = 1
    column: int = 1

    def to_dict(self, path: str) -> dict[str, Any]:
        return {"path": path, "line": self.line, "column": self.column, "code": self.code,
                "severity": self.severity, "message": self.message}


def make_finding(citation: Citation, status: Status, **kwargs: Any) -> Finding:
    """A Finding whose severity follows from its status."""
    return Finding(citation=citation, status=status, severity=SEVERITY[status], **kwargs)
