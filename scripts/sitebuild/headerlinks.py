"""Heading permalinks (the ¶ after each heading, made by the toc extension) get a name a screen reader can
tell apart: 「本节链接：不用开门」 rather than a page of links all called ¶. Their hover title is set in
mkdocs.yml (toc: permalink_title)."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LABEL = "本节链接"


def heading_text(heading: etree.Element) -> str:
    """The heading's words without the permalink's own text."""
    words = [heading.text or ""]
    for child in heading:
        if "headerlink" not in child.get("class", "").split():
            words.append("".join(child.itertext()))
        words.append(child.tail or "")
    return "".join(words).strip()


class HeaderlinkNames(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for heading in root.iter():
            if heading.tag not in HEADINGS:
                continue
            for link in heading.findall("a"):
                if "headerlink" in link.get("class", "").split():
                    link.set("aria-label", f"{LABEL}：{heading_text(heading)}")


class HeaderlinksExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # after the toc extension (priority 5), which adds the permalinks
        md.treeprocessors.register(HeaderlinkNames(md), "sitebuild_headerlinks", 4)


def makeExtension(**kwargs: Any) -> HeaderlinksExtension:
    return HeaderlinksExtension(**kwargs)
