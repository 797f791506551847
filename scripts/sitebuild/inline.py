"""Wrapping pieces of running text in new elements, for the Markdown treeprocessors that do it (tel: links in
sitebuild.hotlines, blanks in sitebuild.letters): every text and tail under an element, skipping some tags
and text Python-Markdown marks as final (AtomicString), each regex match becoming an element of its own."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown.util import AtomicString

MakeElement = Callable[[str], etree.Element]


def wrap_in_tree(element: etree.Element, pattern: re.Pattern[str], make: MakeElement, skip: Callable[[etree.Element], bool]) -> None:
    """Wrap every match of `pattern` in the text under `element` (elements for which `skip` is true left out)."""
    if skip(element):
        return
    if element.text and not isinstance(element.text, AtomicString):
        element.text = wrap_matches(element.text, element, 0, pattern, make)
    for child in list(element):
        wrap_in_tree(child, pattern, make, skip)
        if child.tail and not isinstance(child.tail, AtomicString):
            child.tail = wrap_matches(child.tail, element, list(element).index(child) + 1, pattern, make)


def wrap_matches(text: str, parent: etree.Element, index: int, pattern: re.Pattern[str], make: MakeElement) -> str:
    """Insert an element made by `make` for each match in `text` into `parent` from `index` on, each followed by
    the text up to the next match; return the text before the first match (all of it when none)."""
    matches = list(pattern.finditer(text))
    if not matches:
        return text
    for k, match in enumerate(matches):
        element = make(match.group(0))
        end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
        element.tail = text[match.end():end]
        parent.insert(index + k, element)
    return text[: matches[0].start()]
