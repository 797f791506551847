"""Step 1 of the registry sync: read one statute file of the corpus (/work/shared/laws).

A corpus file is YAML front matter (--- … ---) followed by the statute text. `parse_corpus_file`
turns it into a `CorpusLaw`: the front matter, and every article (第N条, 第N条之M) as its lines —
the first paragraph, then further paragraphs and items ("（一）…"), in order. From those lines
come the generated registry facts: article_count, the 之N articles and the structure (items per
paragraph). Nothing here knows about the registry files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .numerals import parse_numeral
from .registry import _yaml, article_key, split_key

# Same pattern as the corpus' own article_count_method (MANIFEST.md).
ARTICLE_RE = re.compile(r"^第([〇零一二三四五六七八九十百千]+)条(?:之([一二三四五六七八九十]+))?[ \t\u3000]")
# Items are "（一）…" lines; 征信业管理条例 writes them with ASCII brackets "(一)".
ITEM_RE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
# Footnotes such as "① 刑法、历次刑法修正案…" at the end of 刑法 are editorial, not article text.
FOOTNOTE_RE = re.compile(r"^[\u2460-\u2473]")
INVISIBLE = "\u200b\ufeff"


class CorpusError(Exception):
    """A missing or damaged corpus file: one message naming the file (and line) and what to do."""


@dataclass
class CorpusLaw:
    file: str
    front: dict[str, Any]
    articles: dict[str, list[str]] = field(default_factory=dict)  # key -> paragraph/item lines, in order

    @property
    def article_count(self) -> int:
        return max((split_key(k)[0] for k in self.articles), default=0)

    @property
    def inserted(self) -> list[str]:
        return [k for k in self.articles if "-" in k]

    def text(self, key: str) -> str:
        return "\n".join(self.articles[key])

    def structure(self) -> dict[str, list[int]]:
        return {key: paragraph_structure(lines) for key, lines in self.articles.items()}


def paragraph_structure(lines: list[str]) -> list[int]:
    """Items per paragraph. Item lines belong to the paragraph before them and are not paragraphs."""
    counts: list[int] = []
    for line in lines:
        if ITEM_RE.match(line) and counts:
            counts[-1] += 1
        else:
            counts.append(0)
    return counts


def is_blank(line: str) -> bool:
    return not line.strip().strip(INVISIBLE).strip()


def parse_corpus_file(path: Path) -> CorpusLaw:
    """Front matter and articles of one statute file; CorpusError when it is damaged."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 ({exc.reason}); the corpus file looks damaged") from None
    if not raw.startswith("---\n") or "\n---\n" not in raw[4:]:
        raise CorpusError(f"{path}:1: no YAML front matter (--- … ---); the corpus file looks damaged")
    head, body = raw[4:].split("\n---\n", 1)
    yaml, loader = _yaml()
    try:
        front = yaml.load(head, Loader=loader) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: front matter is not valid YAML: {exc}") from None
    body_start = head.count("\n") + 3  # 1-based line number of the first body line
    law = CorpusLaw(file=path.name, front=front)
    current: list[str] | None = None
    expected_base = 1
    for offset, line in enumerate(body.split("\n")):
        m = ARTICLE_RE.match(line)
        if m:
            try:
                base = parse_numeral(m.group(1))
                sub = parse_numeral(m.group(2)) if m.group(2) else 0
            except ValueError:
                raise CorpusError(
                    f"{path}:{body_start + offset}: {m.group(0).strip()!r} is not a well-formed article number; "
                    "fix the corpus file"
                ) from None
            key = article_key(base, sub)
            previous = list(law.articles)[-1] if law.articles else None
            ok = (sub == 0 and base == expected_base) or (
                sub > 0 and previous is not None and split_key(previous) in {(base, 0), (base, sub - 1)}
            )
            if not ok:
                raise CorpusError(
                    f"{path}:{body_start + offset}: article {key} is out of sequence after {previous}; "
                    "fix the corpus file (numbering must run 1..N, 之N right after its base article)"
                )
            if sub == 0:
                expected_base += 1
            current = law.articles[key] = [line[m.end():].strip()]
        elif line.startswith("#") or line.startswith("<!--") or FOOTNOTE_RE.match(line):
            current = None
        elif current is not None and not is_blank(line):
            current.append(line.strip())
    return law


def corpus_dir_or_fail(corpus_dir: Path) -> Path:
    if not corpus_dir.is_dir():
        raise CorpusError(
            f"{corpus_dir}: statute corpus not found; it is expected at <repo root>/../shared/laws "
            "(check out the shared material next to the repository)"
        )
    return corpus_dir


def load_corpus(corpus_dir: Path) -> dict[str, CorpusLaw]:
    """Every statute file (<title>@<date>.md) of the corpus folder, by file name."""
    corpus_dir_or_fail(corpus_dir)
    return {p.name: parse_corpus_file(p) for p in sorted(corpus_dir.glob("*@*.md"))}
