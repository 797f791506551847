"""Tap to call: the phone numbers a reader may call (data/hotlines.yaml) become tel: links at build time.

A Python-Markdown extension:
- its treeprocessor wraps each listed number standing on its own in running text (not inside a link,
  code, a heading or a diagram; not part of a longer number, an amount or a date) in
  `<a class="tel" href="tel:12378">12378</a>`; with `link: false` (the PDF handbook: sitebuild.hooks
  switches it off there) it leaves the text alone;
- its preprocessor replaces a line `<!-- hotlines -->` with a Markdown table of the entries marked
  `handout: true` (号码, 打给谁, 什么时候打) and `<!-- hotline-sources -->` with their sources, so the
  one-page handout and the links come from one list.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from lawcite.errors import yaml_error_position
from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from sitebuild.inline import wrap_in_tree

TABLE_PLACEHOLDER = "<!-- hotlines -->"
SOURCES_PLACEHOLDER = "<!-- hotline-sources -->"
LINK_CLASS = "tel"
SKIP_TAGS = {"a", "abbr", "code", "pre", "kbd", "h1", "h2", "h3", "h4", "h5", "h6", "svg", "script", "style"}
FIELDS = ("number", "who", "when", "source", "checked")
# A number followed by one of these is a quantity, not a phone number (罚款 110 元, 110 天).
NOT_A_PHONE_AFTER = r"(?!\s*(?:元|万|亿|天|日|年|月|号|条|款|项|个|次|人|件|页|岁|%|％|小时|分钟|km|mm|px))"


class HotlineError(Exception):
    """data/hotlines.yaml cannot be used; the message names the file, the line and what to fix."""


@dataclass(frozen=True)
class Hotline:
    number: str
    who: str
    when: str
    source: str
    checked: dt.date
    handout: bool


def load_hotlines(path: str | Path) -> list[Hotline]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        root = yaml.compose(text)
    except OSError as err:
        raise HotlineError(f"{path}: cannot read the list of phone numbers ({err.strerror}).") from None
    except yaml.YAMLError as err:
        line, problem = yaml_error_position(err)
        where = f"{path}:{line}" if line is not None else str(path)
        raise HotlineError(f"{where}: invalid YAML ({problem}).") from None
    if not isinstance(root, yaml.SequenceNode):
        raise HotlineError(f"{path}: expected a list of entries `- number: …`.")
    hotlines = [_entry(path, node) for node in root.value]
    numbers = [h.number for h in hotlines]
    for number in set(numbers):
        if numbers.count(number) > 1:
            raise HotlineError(f"{path}: the number {number} is listed {numbers.count(number)} times; keep one entry.")
    return hotlines


def _entry(path: Path, node: yaml.Node) -> Hotline:
    line = node.start_mark.line + 1
    data = yaml.safe_load(yaml.serialize(node))
    if not isinstance(data, dict):
        raise HotlineError(f"{path}:{line}: an entry must be a mapping with {', '.join(FIELDS)}.")
    missing = [name for name in FIELDS if data.get(name) in (None, "")]
    if missing:
        raise HotlineError(f"{path}:{line}: the entry needs {', '.join(missing)} (see the comment at the top).")
    number = str(data["number"])
    if not number.isdigit():
        raise HotlineError(f"{path}:{line}: number {number!r} must be digits only, as dialled (quote it: \"110\").")
    checked = data["checked"]
    if not isinstance(checked, dt.date):
        raise HotlineError(f"{path}:{line}: checked must be a date YYYY-MM-DD, found {checked!r}.")
    return Hotline(number, str(data["who"]), str(data["when"]), " ".join(str(data["source"]).split()),
                   checked, bool(data.get("handout", False)))


@cache
def number_pattern(numbers: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n) for n in sorted(numbers, key=len, reverse=True))
    return re.compile(rf"(?<![\d.\-/:#])(?:{alternatives})(?![\d.\-/:])" + NOT_A_PHONE_AFTER)


def table_markdown(hotlines: list[Hotline]) -> list[str]:
    lines = ["| 号码 | 打给谁 | 什么时候打 |", "|---|---|---|"]
    lines += [f"| {h.number} | {h.who} | {h.when} |" for h in hotlines if h.handout]
    return lines


def sources_markdown(hotlines: list[Hotline]) -> list[str]:
    return [f"- {h.number}：{h.source}（核对于 {h.checked.isoformat()}）" for h in hotlines if h.handout]


class HotlinePreprocessor(Preprocessor):
    def __init__(self, md: Markdown, hotlines: list[Hotline]) -> None:
        super().__init__(md)
        self.hotlines = hotlines

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            marker = line.strip()
            if marker == TABLE_PLACEHOLDER:
                out += ["", *table_markdown(self.hotlines), ""]
            elif marker == SOURCES_PLACEHOLDER:
                out += ["", *sources_markdown(self.hotlines), ""]
            else:
                out.append(line)
        return out


class TelLinkTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, hotlines: list[Hotline]) -> None:
        super().__init__(md)
        self.pattern = number_pattern(tuple(h.number for h in hotlines)) if hotlines else None

    def run(self, root: etree.Element) -> None:
        if self.pattern is not None:
            wrap_in_tree(root, self.pattern, tel_link, skip=_not_running_text)


def tel_link(number: str) -> etree.Element:
    link = etree.Element("a", {"class": LINK_CLASS, "href": f"tel:{number}"})
    link.text = AtomicString(number)
    return link


def _not_running_text(element: etree.Element) -> bool:
    return element.tag in SKIP_TAGS or "diagram" in (element.get("class") or "").split()


class HotlineExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "data": ["data/hotlines.yaml", "Path of the list of phone numbers"],
            "link": [True, "Make the numbers tel: links (false for the PDF handbook)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        hotlines = load_hotlines(self.getConfig("data"))
        # After the citation layer's preprocessor (28): the table holds no citation, and expanding it
        # later keeps the line numbers the checker reports for the rest of the page.
        md.preprocessors.register(HotlinePreprocessor(md, hotlines), "hotlines", 27)
        if self.getConfig("link"):
            # After inline processing and the citation links (19), so numbers inside links are left alone.
            md.treeprocessors.register(TelLinkTreeprocessor(md, hotlines), "tel_links", 6)


def makeExtension(**kwargs: Any) -> HotlineExtension:
    return HotlineExtension(**kwargs)
