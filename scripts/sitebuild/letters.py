"""Letters with lines to write on: inside a letter (`<div class="letter" markdown>` in the templates), each
【…】 placeholder becomes `<span class="blank">【…】</span>`. On screen it is the hint to replace; printed
(docs/stylesheets/extra.css, `.print-letters`), it is a line to write on with the hint in small type.
The text is unchanged, so the copy button copies the placeholders as they are.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from sitebuild.inline import wrap_in_tree

LETTER_CLASS = "letter"
BLANK_CLASS = "blank"
PLACEHOLDER = re.compile(r"【[^【】]*】")
SKIP_TAGS = {"a", "code", "pre", "abbr", "script", "style"}


def mark_blanks(element: etree.Element) -> None:
    """Wrap every 【…】 in the text under `element` (links and code excepted) in a span.blank."""
    wrap_in_tree(element, PLACEHOLDER, blank, skip=lambda e: e.tag in SKIP_TAGS)


def blank(placeholder: str) -> etree.Element:
    span = etree.Element("span", {"class": BLANK_CLASS})
    span.text = AtomicString(placeholder)
    return span


class LetterBlankTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for div in root.iter("div"):
            if LETTER_CLASS in (div.get("class") or "").split():
                mark_blanks(div)


class LetterExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After inline processing (20) and the citation links (19).
        md.treeprocessors.register(LetterBlankTreeprocessor(md), "letter_blanks", 2)


def makeExtension(**kwargs: Any) -> LetterExtension:
    return LetterExtension(**kwargs)
