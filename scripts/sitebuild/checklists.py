"""Checklist items with a label: `- [ ] 文字` becomes a checkbox whose accessible name is its text.

pymdownx.tasklist writes `<li class="task-list-item"><input type="checkbox" disabled/> 文字</li>`:
a checkbox with no label, which screen readers announce as an unnamed control (axe: critical).
This postprocessor wraps the checkbox and the item's own text in one <label>. Items that hold a
nested list keep the nested list outside the label.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

ITEM = re.compile(
    r'(<li class="task-list-item">)\s*(<input type="checkbox"[^>]*>)(.*?)(?=</li>|<ul|<ol)',
    re.S,
)


class ChecklistLabelPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        if "task-list-item" not in text:
            return text
        return ITEM.sub(lambda m: f"{m.group(1)}<label>{m.group(2)}{m.group(3)}</label>", text)


class ChecklistLabelExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After raw HTML is put back (priority 30): tasklist stores its <input> as raw HTML.
        md.postprocessors.register(ChecklistLabelPostprocessor(md), "checklist_labels", 5)


def makeExtension(**kwargs: Any) -> ChecklistLabelExtension:
    return ChecklistLabelExtension(**kwargs)
