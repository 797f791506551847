"""Read a built HTML page into what the built-site tests check: language, title, date, ids, links, resources.

Uses only the standard library's HTML parser; every link and resource keeps its line for the messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# <link rel=…> values that navigate rather than load something.
NAVIGATION_RELS = {"next", "prev", "canonical", "alternate", "author", "license", "help", "search"}
# Attributes through which an element makes the browser fetch something.
RESOURCE_ATTRS: dict[str, tuple[str, ...]] = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""")


@dataclass(frozen=True)
class Ref:
    """One URL found in a page: where (line), in what (`img src`, `style url()`), and the URL itself."""

    url: str
    line: int
    where: str


@dataclass
class BuiltPage:
    path: Path
    lang: str | None = None
    title: str = ""
    reviewed: list[str] = field(default_factory=list)  # datetime= of <time> inside .page-reviewed
    reviewed_text: str = ""
    ids: set[str] = field(default_factory=set)
    links: list[Ref] = field(default_factory=list)  # a[href], link[rel=next|prev…][href]
    resources: list[Ref] = field(default_factory=list)  # what the page makes the browser fetch


def css_urls(css: str) -> list[str]:
    """Every url(…) and @import target in a piece of CSS."""
    return [next(g for g in m.groups() if g is not None) for m in CSS_URL.finditer(css)]


def srcset_urls(srcset: str) -> list[str]:
    return [item.strip().split()[0] for item in srcset.split(",") if item.strip()]


def is_offsite(url: str) -> bool:
    """True for a URL that would be fetched from another host (http:, https:, protocol-relative //host)."""
    parts = urlsplit(url.strip())
    if parts.scheme in ("", "data", "blob", "about"):
        return bool(parts.netloc)  # `//cdn.example/x.js` has no scheme but does leave the site
    return True


class _PageParser(HTMLParser):
    def __init__(self, page: BuiltPage) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self._in_title = False
        self._in_style = False
        self._in_reviewed = False  # inside <p class="page-reviewed"> (a <p> cannot nest)

    def _add(self, bucket: list[Ref], url: str, where: str) -> None:
        bucket.append(Ref(url=url, line=self.getpos()[0], where=where))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "html":
            self.page.lang = a.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "style":
            self._in_style = True
        if "id" in a:
            self.page.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.page.ids.add(a["name"])
        if tag == "p" and "page-reviewed" in a.get("class", "").split():
            self._in_reviewed = True
        if self._in_reviewed and tag == "time":
            self.page.reviewed.append(a.get("datetime", ""))
        if tag == "a" and "href" in a:
            self._add(self.page.links, a["href"], "a href")
        if tag == "link" and "href" in a:
            rels = set(a.get("rel", "").lower().split())
            bucket = self.page.links if rels and rels <= NAVIGATION_RELS else self.page.resources
            self._add(bucket, a["href"], f"link rel={a.get('rel', '')} href")
        for attr in RESOURCE_ATTRS.get(tag, ()):
            if attr in a:
                urls = srcset_urls(a[attr]) if attr == "srcset" else [a[attr]]
                for url in urls:
                    self._add(self.page.resources, url, f"{tag} {attr}")
        if "style" in a:
            for url in css_urls(a["style"]):
                self._add(self.page.resources, url, f"{tag} style=url()")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "style":
            self._in_style = False
        elif tag == "p":
            self._in_reviewed = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page.title += data
        if self._in_style:
            for url in css_urls(data):
                self._add(self.page.resources, url, "<style> url()")
        if self._in_reviewed:
            self.page.reviewed_text += data


@cache
def read_page(path: Path) -> BuiltPage:
    page = BuiltPage(path=path)
    parser = _PageParser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    page.title = page.title.strip()
    return page
