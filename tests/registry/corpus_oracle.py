"""An independent reader of the law texts in data/laws, used as the tests' oracle.

It works in the opposite direction from lawcite.lawtext: instead of parsing every "第…条" heading
into a number, it writes the registry's article key as the Chinese heading ("293-1" ->
"第二百九十三条之一") and looks that heading up. A bug in either numeral routine or in either
paragraph rule therefore shows up as a mismatch.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

DIGITS = "零一二三四五六七八九"
HEADING_RE = re.compile(r"^第[〇零一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?[ \t\u3000]")
ITEM_RE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
BLANK_CHARS = " \t\u3000\u200b\ufeff"


def int_to_cn(n: int) -> str:
    """1 -> 一, 10 -> 十, 15 -> 十五, 104 -> 一百零四, 1260 -> 一千二百六十 (statute style, n < 10000)."""
    if not 0 < n < 10000:
        raise ValueError(n)
    parts: list[str] = []
    pending_zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            pending_zero = bool(parts)
            continue
        if pending_zero:
            parts.append("零")
            pending_zero = False
        if not (unit == "十" and digit == 1 and n < 20):
            parts.append(DIGITS[digit])
        parts.append(unit)
    return "".join(parts)


def heading(key: str) -> str:
    base, _, sub = key.partition("-")
    return f"第{int_to_cn(int(base))}条" + (f"之{int_to_cn(int(sub))}" if sub else "")


def cn_to_int(numeral: str) -> int:
    """Inverse of int_to_cn for the numerals used in MANIFEST.md and CONTENT-BRIEF.md."""
    for n in range(1, 2000):
        if int_to_cn(n) == numeral:
            return n
    raise ValueError(numeral)


def normalise(text: str) -> str:
    """The project's comparison form: all whitespace gone, ASCII :/; made full-width."""
    text = re.sub(r"[\s\u200b\ufeff]+", "", text)
    return text.replace(":", "：").replace(";", "；")


class CorpusFile:
    def __init__(self, path: Path) -> None:
        raw = path.read_text(encoding="utf-8")
        _, front, body = raw.split("---\n", 2)
        self.path = path
        self.front = yaml.safe_load(front)
        self.lines = body.split("\n")
        self.has_body = bool(body.strip())
        self.heading_lines = [i for i, line in enumerate(self.lines) if HEADING_RE.match(line)]

    def headings(self) -> list[str]:
        return [HEADING_RE.match(self.lines[i]).group(0)[:-1] for i in self.heading_lines]

    def article_lines(self, key: str) -> list[str]:
        """Lines of the article: its first line without the heading, then every non-blank line up to
        the next article, Markdown heading or footnote (①…)."""
        wanted = heading(key)
        starts = [i for i in self.heading_lines if self.lines[i].startswith(wanted)
                  and HEADING_RE.match(self.lines[i]).group(0)[:-1] == wanted]
        if len(starts) != 1:
            raise KeyError(f"{self.path.name}: {wanted} found {len(starts)} times")
        first = self.lines[starts[0]][len(wanted) + 1:]
        out = [first.strip(BLANK_CHARS)]
        for line in self.lines[starts[0] + 1:]:
            if HEADING_RE.match(line) or line.startswith("#") or line.startswith("<!--") or (line[:1] != "" and line[:1] in "①②③④⑤⑥⑦⑧⑨⑩"):
                break
            if line.strip(BLANK_CHARS):
                out.append(line.strip(BLANK_CHARS))
        return out

    def structure(self, key: str) -> list[int]:
        paragraphs: list[int] = []
        for line in self.article_lines(key):
            if ITEM_RE.match(line):
                paragraphs[-1] += 1
            else:
                paragraphs.append(0)
        return paragraphs
