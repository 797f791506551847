"""Read built HTML for the citation-layer tests: every <a>, with its ancestors, and every id."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class Link:
    href: str
    attrs: dict[str, str]
    text: str = ""
    ancestors: tuple[str, ...] = ()

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


@dataclass
class Page:
    path: Path
    html: str
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def citations(self) -> list[Link]:
        return [a for a in self.links if "lawcite" in a.classes]

    def section_text(self, anchor: str) -> str:
        """Text from the element with id=anchor to the next <h2> (tags removed, whitespace dropped)."""
        start = self.html.find(f'id="{anchor}"')
        assert start != -1, f"{self.path}: no element with id {anchor!r}"
        end = self.html.find("<h2", start + 1)
        return re.sub(r"\s+", "", _TAGS.sub("", self.html[start:end if end != -1 else None]))


class _Parser(HTMLParser):
    def __init__(self, page: Page) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[str] = []
        self.open_links: list[Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "a" and "href" in a:
            link = Link(a["href"], a, ancestors=tuple(self.stack))
            self.page.links.append(link)
            self.open_links.append(link)
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag == "a" and self.open_links:
            self.open_links.pop()
        while self.stack:
            if self.stack.pop() == tag:
                break

    def handle_data(self, data: str) -> None:
        for link in self.open_links:
            link.text += data


def read_page(path: Path) -> Page:
    page = Page(path, path.read_text(encoding="utf-8"))
    _Parser(page).feed(page.html)
    return page


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """(file the href points to, fragment) for a relative href on `page` in the built `site`."""
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc, f"{href!r} is not a relative link"
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    assert site.resolve() in target.parents or target == site.resolve(), f"{href!r} leaves the site"
    return target, unquote(parts.fragment)
