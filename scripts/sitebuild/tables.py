"""Tables that read on a phone: every data cell learns its column's header, so CSS can show the table as
stacked cards below a breakpoint (docs/stylesheets/extra.css, `/* tables as cards */`) from the same
Markdown table, with no second copy.

For each <table> with a header row this treeprocessor
- gives every <td> a `data-label` with the text of the <th> above it (CSS prints it before the cell);
- marks a table of three or more columns `data-cards` (two-column tables already fit a phone);
- marks a body row whose cells are all empty `data-blank` (the blank lines of a form such as the
  催收记录表: worth printing, not worth a card each).

The table itself keeps no class: Material styles and wraps only `table:not([class])`.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

CARD_MIN_COLUMNS = 3


def text_of(element: etree.Element) -> str:
    """The element's text with its children's, whitespace collapsed; raw HTML (a `<br>` stashed by
    Python-Markdown until the end) counts as nothing."""
    return " ".join(HTML_PLACEHOLDER_RE.sub("", "".join(element.itertext())).split())


def label_table(table: etree.Element) -> None:
    head_row = table.find("thead/tr")
    if head_row is None:
        return
    labels = [text_of(th) for th in head_row.findall("th")]
    if len(labels) >= CARD_MIN_COLUMNS:
        table.set("data-cards", "")
    for row in table.iterfind("tbody/tr"):
        cells = row.findall("td")
        for column, cell in enumerate(cells):
            if column < len(labels) and labels[column]:
                cell.set("data-label", labels[column])
        if cells and not any(text_of(cell) for cell in cells):
            row.set("data-blank", "")


class TableLabelTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            label_table(table)


class TableLabelExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After inline processing (priority 20), so header text holds no Markdown markup.
        md.treeprocessors.register(TableLabelTreeprocessor(md), "table_labels", 4)


def makeExtension(**kwargs: Any) -> TableLabelExtension:
    return TableLabelExtension(**kwargs)
