"""Links whose text is their own address (<https://zxgk.court.gov.cn/>) get the class `link-is-address`, so
that print styles which write a link's address after it (docs/stylesheets/extra.css, pdf/styles.scss) do not
print the address twice."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

CLASS = "link-is-address"


def bare(address: str) -> str:
    """https://zxgk.court.gov.cn/ and zxgk.court.gov.cn compare equal."""
    for scheme in ("https://", "http://", "mailto:", "tel:"):
        address = address.removeprefix(scheme)
    return address.rstrip("/").strip()


def shows_its_address(link: etree.Element) -> bool:
    href = link.get("href", "")
    text = "".join(link.itertext())
    return bool(href) and bool(text.strip()) and bare(text) == bare(href)


class LinkAddress(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            if shows_its_address(link):
                link.set("class", f"{link.get('class', '')} {CLASS}".strip())


class LinkAddressExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # after the inline patterns (priority 20), which make the links of <https://…> and [text](url)
        md.treeprocessors.register(LinkAddress(md), "sitebuild_linkaddress", 3)


def makeExtension(**kwargs: Any) -> LinkAddressExtension:
    return LinkAddressExtension(**kwargs)
