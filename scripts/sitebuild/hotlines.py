"""Phone numbers from one place: every number a page gives comes from data/hotlines.yaml, with its source.

A Python-Markdown extension:
- its treeprocessor wraps each listed number standing on its own in running text (not inside a link,
  code, a heading or a diagram; not part of a longer number, an amount or a date) in
  `<a class="tel" href="tel:12378">12378</a>`; with `link: false` (the PDF handbook: sitebuild.hooks
  switches it off there) it leaves the text alone; on the web and offline it adds the source and date of
  every number the page gives to the page's `## 来源` list (the PDF lists them once, on its 一页明白纸 page);
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
from lawcite.yamlfile import yaml_error_position
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
NOT_A_PHONE_AFTER = r"(?!\s*(?:元|万|亿|天|日|年|月|号|条|款|项|个|次|人|件|页|岁|家|%|％|小时|分钟|km|mm|px))"
# What a phone number looks like in Chinese text: the 3-digit emergency numbers (11x, 12x), 5-digit service
# numbers (123xx, 95xxx, 96xxx …), 400/800 numbers, mobile numbers, and landlines with an area code.
# A page that gives one that is not in data/hotlines.yaml fails the build (sitebuild.hooks).
PHONE_LIKE = re.compile(
    r"(?<![\d.\-/:#第])(?:1[12]\d|1\d{4}|9\d{4}|[48]00-?\d{3}-?\d{4}|1[3-9]\d{9}|0\d{2,3}-\d{7,8})(?![\d.\-/:])"
    + NOT_A_PHONE_AFTER
)
SOURCES_HEADING = "来源"


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
    """The list, read once per build: every page's Markdown and the phone-number check ask for it (the file's
    modification time is part of the key, so `mkdocs serve` sees an edit)."""
    path = Path(path)
    try:
        return list(_load_hotlines(path.resolve(), path.stat().st_mtime_ns))
    except OSError as err:
        raise HotlineError(f"{path}: cannot read the list of phone numbers ({err.strerror}).") from None


@cache
def _load_hotlines(path: Path, mtime_ns: int) -> tuple[Hotline, ...]:
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
    return tuple(hotlines)


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


def unlisted_numbers(markdown: str, listed: set[str]) -> list[tuple[int, str]]:
    """(line, number) of every phone-like number in the page's text (outside code blocks and inline code)
    that data/hotlines.yaml does not list; lines count from 1 at the first line of `markdown`."""
    found: list[tuple[int, str]] = []
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        stripped = line.lstrip()
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            continue
        # code, addresses, HTML tags and attribute values are not dialled
        text = re.sub(r"`[^`]*`|<?https?://[^\s>)]*>?|<[^>]*>|[\w-]+=\"[^\"]*\"", "", line)
        found += [(number, m.group(0)) for m in PHONE_LIKE.finditer(text) if m.group(0) not in listed]
    return found


def table_markdown(hotlines: list[Hotline]) -> list[str]:
    lines = ["| 号码 | 打给谁 | 什么时候打 |", "|---|---|---|"]
    lines += [f"| {h.number} | {h.who} | {h.when} |" for h in hotlines if h.handout]
    return lines


def source_line(h: Hotline) -> str:
    """A number's source in a page's 来源 list: who answers it, where the fact comes from, when it was read."""
    return f"电话 {h.number}，{h.who}。出处：{h.source}（核对于 {h.checked.isoformat()}）"


def sources_markdown(hotlines: list[Hotline]) -> list[str]:
    """The handout's shorter form (its table above says who answers each number); a date all of them share
    is said once, after the list, so the sheet keeps to one page."""
    listed = [h for h in hotlines if h.handout]
    dates = {h.checked for h in listed}
    if len(dates) == 1:
        lines = [f"- {h.number}：{h.source}" for h in listed]
        return lines[:-1] + [f"{lines[-1]}（以上出处均核对于 {dates.pop().isoformat()}）"] if lines else []
    return [f"- {h.number}：{h.source}（核对于 {h.checked.isoformat()}）" for h in listed]


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
                self.md.hotline_sources_given = True  # type: ignore[attr-defined]
            else:
                out.append(line)
        return out


class HotlineTreeprocessor(Treeprocessor):
    """Makes the listed numbers in the page's running text tel: links and adds their sources to the page's
    来源 list. Not used in the PDF handbook (paper cannot dial): its 一页明白纸 page lists every source once."""

    def __init__(self, md: Markdown, hotlines: list[Hotline]) -> None:
        super().__init__(md)
        self.by_number = {h.number: h for h in hotlines}
        self.pattern = number_pattern(tuple(self.by_number)) if hotlines else None

    def run(self, root: etree.Element) -> None:
        if self.pattern is None:
            return
        given: dict[str, Hotline] = {}

        def found(number: str) -> etree.Element:
            return tel_link(given.setdefault(number, self.by_number[number]))

        wrap_in_tree(root, self.pattern, found, skip=_not_running_text)
        # the handout lists its sources itself (<!-- hotline-sources -->): the preprocessor says so
        if given and not getattr(self.md, "hotline_sources_given", False):
            for item in add_sources(root, [h for h in self.by_number.values() if h.number in given]):
                # the numbers in the sources can be tapped too
                wrap_in_tree(item, self.pattern, lambda n: tel_link(self.by_number[n]), skip=_not_running_text)
        self.md.hotline_sources_given = False  # type: ignore[attr-defined]


def tel_link(hotline: Hotline) -> etree.Element:
    link = etree.Element("a", {"class": LINK_CLASS, "href": f"tel:{hotline.number}",
                               "aria-label": f"拨打 {hotline.number}，{hotline.who}"})
    link.text = AtomicString(hotline.number)
    return link


def _not_running_text(element: etree.Element) -> bool:
    return element.tag in SKIP_TAGS or "diagram" in (element.get("class") or "").split()


def add_sources(root: etree.Element, given: list[Hotline]) -> list[etree.Element]:
    """Each number's source as an item of the list under the page's `## 来源` heading (a new list right after
    the heading when it has none); nothing when the page has no such heading (a fragment, not a page)."""
    children = list(root)
    heading = next((i for i, el in enumerate(children) if el.tag == "h2"
                    and "".join(el.itertext()).strip().rstrip("¶").strip() == SOURCES_HEADING), None)
    if heading is None:
        return []
    target = children[heading + 1] if heading + 1 < len(children) else None
    if target is None or target.tag != "ul":
        target = etree.Element("ul")
        root.insert(heading + 1, target)
    items = []
    for hotline in given:
        item = etree.SubElement(target, "li")
        item.text = source_line(hotline)
        items.append(item)
    return items


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
            md.treeprocessors.register(HotlineTreeprocessor(md, hotlines), "tel_links", 6)


def makeExtension(**kwargs: Any) -> HotlineExtension:
    return HotlineExtension(**kwargs)
