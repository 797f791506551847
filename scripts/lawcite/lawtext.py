"""Read one law file of the registry: data/laws/<law_slug>@<effective>.md.

A law file is YAML front matter (--- … ---) with the facts the text does not state (names, kind,
issuer, dates, official source, provenance), followed by the official text as published: article
lines begin with 第X条 (or 第X条之N) and a space; chapters and sections are Markdown headings;
items are lines “（一）…”. A file with no body registers a law by name only.

`parse_law_file` derives from the body everything the checker needs — every article's text (one
line per paragraph or item), the numbered articles and the 之N articles, and the paragraph/item
structure — and returns plain data (dicts, lists, tuples, str, int, dates) that lawcite.yamlcache
can cache. A damaged file raises RegistryError with its path, line and what to do: no front matter,
YAML errors, a numbering gap, a repeated article, a 之N article out of place, a malformed number.

Body rules (the same ones the MANIFEST of the law collection the texts came from used to count articles):
- an article starts at a line 第X条 (or 第X条之N) followed by a space and runs to the next article line, Markdown
  heading, HTML comment or footnote line (①…: editorial notes, as at the end of 刑法);
- blank lines (also those holding only a zero-width space) are skipped; every other line is one
  paragraph, or an item of the paragraph before it when it starts with （一） or (一);
- base articles run 1…N without gap or repeat; 第X条之N follows 第X条 (N = 1) or 第X条之N-1;
- a heading 第X编/分编/章/节 (the grammar's division words) places the articles after it, up to the
  next heading of the same or a higher division (`division_paths`).
The words (第, 条, 之, the numerals, item brackets, division words) come from lawcite/grammar.yaml.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from . import frontmatter
from .errors import RegistryError
from .articles import ArticleRef
from .numerals import article_label, parse_numeral
from .yamlfile import SAFE_LOADER, bad_date_line, yaml_error_position, yaml_line

FOOTNOTE_RE = re.compile(r"^[\u2460-\u2473]")
INVISIBLE = "\u200b\ufeff"
_STRIP = " \t\u3000" + INVISIBLE


class _BodyPatterns(NamedTuple):
    article: re.Pattern[str]    # 第X条 or 第X条之N at a line start, then a space
    item: re.Pattern[str]       # （一） at a line start
    division: re.Pattern[str]   # a Markdown heading 第X章 …


@functools.cache
def _patterns() -> _BodyPatterns:
    """The body's patterns, compiled from the grammar on first use."""
    from .grammar import default_grammar

    g = default_grammar()
    numeral = f"[{re.escape(g.numeral_chars)}]+"
    spaces = re.escape("".join(g.spaces))
    opening, closing = re.escape("".join(g.number_open)), re.escape("".join(g.number_close))
    divisions = "|".join(re.escape(w) for w in sorted(g.divisions, key=len, reverse=True))
    return _BodyPatterns(
        article=re.compile(rf"^{g.ordinal}({numeral}){g.article}(?:{g.inserted_article}({numeral}))?[{spaces}]"),
        item=re.compile(rf"^[{opening}]{numeral}[{closing}]"),
        division=re.compile(rf"^#+[{spaces}]*{g.ordinal}({numeral})({divisions})[{spaces}]*(.*)$"),
    )


def split_front_matter(path: Path | str, text: str) -> tuple[str, str, int]:
    """(front matter YAML, body, 1-based line number of the body's first line)."""
    if not text.startswith("---\n"):
        raise RegistryError(path, 1, "a law file starts with YAML front matter between two '---' lines: add it (see README, 'Adding a law')")
    fm = frontmatter.split(text)
    if fm.yaml is None:
        raise RegistryError(path, 1, "the front matter is not closed: add a line '---' after it")
    return fm.yaml, text[fm.body_start:], fm.body_line


def load_front_matter(path: Path | str, head: str) -> dict[str, Any]:
    try:
        data = yaml.load(head, Loader=SAFE_LOADER)
    except yaml.YAMLError as e:
        line, problem = yaml_error_position(e)
        line = line + 1 if line is not None else 1  # +1 for the opening '---'
        raise RegistryError(path, line, f"YAML syntax error in the front matter: {problem}; fix the YAML") from None
    except ValueError as e:  # a date that does not exist, e.g. 2024-02-30
        raise RegistryError(path, bad_date_line(head, 2), f"{e}: write an existing date as YYYY-MM-DD") from None
    if not isinstance(data, dict):
        raise RegistryError(path, 2, "the front matter must be a YAML mapping (title: …, short: …, kind: …)")
    return data


def parse_law_file(path: Path, raw: bytes) -> dict[str, Any]:
    """{"front": front matter, "has_text": bool, "articles": {key: text}, "structure": {key: (items
    per paragraph, …)}, "lines": {key: line number}, "divisions": {key: headings}, "article_count",
    "inserted": [之N keys]} for one law file (see the module docstring)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise RegistryError(path, None, f"not UTF-8 ({e.reason}): save the file as UTF-8") from None
    text = text.replace("\r\n", "\n")
    head, body, body_line = split_front_matter(path, text)
    front = load_front_matter(path, head)
    articles, structure, lines = parse_body(path, body, body_line)
    refs = [ArticleRef.parse(key) for key in structure]
    return {
        "front": front,
        "has_text": bool(body.strip(_STRIP + "\n")),
        "articles": articles,
        "structure": structure,
        "lines": lines,
        "divisions": division_paths(body),
        "article_count": max((r.article for r in refs if not r.sub), default=0),  # the highest base number
        "inserted": [r.key for r in refs if r.sub],  # the 之N articles
    }


def parse_body(path: Path | str, body: str, first_line: int = 1) -> tuple[dict[str, str], dict[str, tuple[int, ...]], dict[str, int]]:
    """Articles (key -> lines joined by newlines), structure (key -> items per paragraph) and the
    line of each article heading, from a statute body; RegistryError on broken numbering."""
    articles: dict[str, list[str]] = {}
    lines_of: dict[str, int] = {}
    current: list[str] | None = None
    expected = 1
    previous: tuple[int, int] | None = None
    article_re = _patterns().article
    for offset, line in enumerate(body.split("\n")):
        lineno = first_line + offset
        m = article_re.match(line)
        if m:
            label = m.group(0).strip()
            try:
                base = parse_numeral(m.group(1))
                sub = parse_numeral(m.group(2)) if m.group(2) else 0
            except ValueError:
                raise RegistryError(path, lineno, f"{label} is not a well-formed article number: correct the numeral") from None
            key = ArticleRef(base, sub).key
            if key in articles:
                raise RegistryError(path, lineno, f"{label} appears twice (also on line {lines_of[key]}): delete the duplicate article")
            if sub == 0:
                if base > expected:
                    missing = article_label(expected) if base == expected + 1 else f"{article_label(expected)}至{article_label(base - 1)}"
                    raise RegistryError(path, lineno, f"numbering gap: {label} follows {_label(previous)}, {missing} is missing; add the missing text (articles run 1…N without gap)")
                if base < expected:
                    raise RegistryError(path, lineno, f"{label} comes after {_label(previous)}: articles must be in order; move it to its place")
                expected += 1
            elif previous not in ((base, sub - 1),):
                want = article_label(base, sub - 1) if sub > 1 else article_label(base)
                raise RegistryError(path, lineno, f"{label} must come right after {want} (it follows {_label(previous)}): move it there or correct its number")
            previous = (base, sub)
            lines_of[key] = lineno
            current = articles[key] = [line[m.end():].strip(_STRIP)]
        elif line.startswith("#") or line.startswith("<!--") or FOOTNOTE_RE.match(line):
            current = None
        elif current is not None:
            stripped = line.strip(_STRIP)
            if stripped:
                current.append(stripped)
    texts = {key: "\n".join(ls) for key, ls in articles.items()}
    structure = {key: paragraph_structure(ls) for key, ls in articles.items()}
    return texts, structure, lines_of


def _label(previous: tuple[int, int] | None) -> str:
    return "the start of the text" if previous is None else article_label(*previous)


_NAMED_PART = re.compile(r"^(#+)[ \t\u3000]*([\u4e00-\u9fff]{1,12})[ \t\u3000]*$")


def division_paths(body: str) -> dict[str, list[tuple[str, int, str]]]:
    """Article key -> the headings it stands under, largest first: [("编", 2, "分则"), ("章", 9, "渎职罪")]
    (unit word, number, title without spaces). Articles before any such heading are left out.

    Parts written by name, as the 民法典 writes them (`# 总则`, `# 物权编`, `# 人格权编` … `# 附则`), are
    the 编 they are (第一编 总则, 第四编 人格权): at the heading level of the first named 编, a heading
    named 总则 or ending in 编 is the next 编, and the part names (总则, 分则, 附则) end the one before."""
    from .grammar import default_grammar

    g = default_grammar()
    p = _patterns()
    rank = {w: i for i, w in enumerate(g.divisions)}
    part_word = g.divisions[0]  # 编
    lines = body.split("\n")
    named = [(m.group(1), m.group(2)) for line in lines if (m := _NAMED_PART.match(line))]
    level = next((hashes for hashes, title in named if title.endswith(part_word) and len(title) > 1), None)
    parts = 0
    path: list[tuple[str, int, str]] = []
    out: dict[str, list[tuple[str, int, str]]] = {}
    for line in lines:
        heading = p.division.match(line)
        if heading is not None:
            try:
                number = parse_numeral(heading.group(1))
            except ValueError:
                continue
            unit = heading.group(2)
            path = [d for d in path if rank[d[0]] < rank[unit]] + [(unit, number, "".join(heading.group(3).split()))]
            continue
        if level is not None and (part := _NAMED_PART.match(line)) is not None and part.group(1) == level:
            title = part.group(2)
            if title.endswith(part_word) and len(title) > 1 or title == g.part_names[0]:
                parts += 1
                path = [(part_word, parts, title.removesuffix(part_word) if title != g.part_names[0] else title)]
            elif title in g.part_names:
                path = []
            continue
        m = p.article.match(line)
        if m is not None and path:
            try:
                base, sub = parse_numeral(m.group(1)), parse_numeral(m.group(2)) if m.group(2) else 0
            except ValueError:
                continue
            out[ArticleRef(base, sub).key] = list(path)
    return out


def paragraph_structure(lines: list[str]) -> tuple[int, ...]:
    """Items per paragraph. Item lines belong to the paragraph before them and are not paragraphs."""
    counts: list[int] = []
    item_re = _patterns().item
    for line in lines:
        if item_re.match(line) and counts:
            counts[-1] += 1
        else:
            counts.append(0)
    return tuple(counts)


def front_matter_line(path: Path | str, keys: list[Any]) -> int | None:
    """1-based line of the front-matter node at `keys` (mapping keys or list indices), best effort."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        head, _, _ = split_front_matter(path, text)
    except (OSError, UnicodeDecodeError, RegistryError):
        return None
    line = yaml_line(head, keys)
    return line + 1 if line is not None else None
