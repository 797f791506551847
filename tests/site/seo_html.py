"""Read what the build puts into a built page's <head>: meta tags, the canonical link, the policy, JSON-LD blocks,
inline scripts (standard library only, independent of scripts/sitebuild)."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

# <script type> values that a browser executes (the rest are data blocks)
EXECUTED_TYPES = {"", "module", "text/javascript", "application/javascript"}


@dataclass
class HeadTags:
    metas: list[dict[str, str]] = field(default_factory=list)  # every <meta>, attributes as given
    head_order: list[str] = field(default_factory=list)  # `meta charset`, `meta http-equiv`, `script`, `link` … in <head>
    canonical: list[str] = field(default_factory=list)
    title: str = ""
    json_ld: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)  # executed ones, text as in the file
    h2: list[str] = field(default_factory=list)  # text of each h2 in the article, permalink left out

    def meta(self, key: str, name: str) -> list[str]:
        """Contents of <meta {key}="{name}"> (key: name, property or http-equiv)."""
        return [m.get("content", "") for m in self.metas if m.get(key, "").lower() == name.lower()]


class _HeadParser(HTMLParser):
    def __init__(self, tags: HeadTags) -> None:
        super().__init__(convert_charrefs=True)
        self.tags = tags
        self._in_head = False
        self._in_title = False
        self._script: tuple[str, list[str]] | None = None  # (type, text parts)
        self._h2: list[str] | None = None
        self._in_permalink = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "head":
            self._in_head = True
        if self._in_head and tag in ("meta", "script", "link", "style"):
            kind = next((k for k in ("charset", "http-equiv", "name", "property", "rel", "src") if k in a), "")
            self.tags.head_order.append(f"{tag} {kind}".strip())
        if tag == "meta":
            self.tags.metas.append(a)
        elif tag == "title":
            self._in_title = True
        elif tag == "link" and "canonical" in a.get("rel", "").split():
            self.tags.canonical.append(a.get("href", ""))
        elif tag == "script" and "src" not in a:
            self._script = (a.get("type", "").strip().lower(), [])
        elif tag == "h2":
            self._h2 = []
        elif tag == "a" and self._h2 is not None and "headerlink" in a.get("class", "").split():
            self._in_permalink = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag == "title":
            self._in_title = False
        elif tag == "script" and self._script is not None:
            kind, parts = self._script
            if kind == "application/ld+json":
                self.tags.json_ld.append("".join(parts))
            elif kind in EXECUTED_TYPES:
                self.tags.inline_scripts.append("".join(parts))
            self._script = None
        elif tag == "a" and self._in_permalink:
            self._in_permalink = False
        elif tag == "h2" and self._h2 is not None:
            self.tags.h2.append(" ".join("".join(self._h2).split()))
            self._h2 = None

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.tags.title += data
        if self._script is not None:
            self._script[1].append(data)
        if self._h2 is not None and not self._in_permalink:
            self._h2.append(data)


@cache
def head_tags(path: Path) -> HeadTags:
    tags = HeadTags()
    parser = _HeadParser(tags)
    # script text is hashed as the browser's parser sees it: line breaks normalised to LF
    parser.feed(path.read_text(encoding="utf-8").replace("\r\n", "\n"))
    parser.close()
    tags.title = tags.title.strip()
    return tags


def sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def directives(policy: str) -> dict[str, list[str]]:
    """`default-src 'self'; img-src 'self' data:` -> {"default-src": ["'self'"], "img-src": ["'self'", "data:"]}."""
    found: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            assert words[0].lower() not in found, f"directive {words[0]} given twice in {policy!r}"
            found[words[0].lower()] = words[1:]
    return found
