"""FAQPage structured data (JSON-LD) for the question pages, made at build time from the rendered page.

The question pages are the pages under docs/faq/ other than the hub (faq/index.md); a page there whose
headings are not questions says `faq: false` in its front matter (说法核查). On a question page every h2
except 来源 is a reader's question; its answer is the paragraph right after it, as plain text, without the
bold label it starts with (“简单说：”) — or, where the answer starts with a list, the list's items. Nothing
is written twice: the structured data is the page's own wording, and changes with it.

A question with neither right after it is a build warning (strict builds fail), naming the page, the line
and the question.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

log = logging.getLogger("mkdocs.hooks.sitebuild.faq_schema")

FAQ_FOLDER = "faq/"
HUB = "faq/index.md"
NOT_QUESTIONS = {"来源"}  # h2 headings on a question page that are not questions
LABEL_ENDS = ("：", ":")
ANSWER_BLOCKS = {"p", "ul", "ol"}  # what may follow a question as its answer
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Question:
    question: str
    answer: str | None  # None: no paragraph or list right after the heading


def is_question_page(page: Any) -> bool:
    uri = page.file.src_uri
    return uri.startswith(FAQ_FOLDER) and uri != HUB and page.meta.get("faq", True) is not False


def _normalise(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Block:
    tag: str
    parts: list[str] = field(default_factory=list)
    label: str | None = None  # the text of a <strong> the paragraph starts with
    in_label: bool = False


class _QuestionReader(HTMLParser):
    """Reads the top level of a page's content: each h2 (without its permalink) and the element after it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Question] = []
        self._depth = 0
        self._skip_depth: int | None = None  # inside a.headerlink: not part of the heading's text
        self._heading: list[str] | None = None
        self._waiting = False  # a heading ended; the next top-level element is its answer (or not)
        self._block: _Block | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._depth == 0:
            self._top_level_start(tag)
        elif self._heading is not None and tag == "a" and "headerlink" in (dict(attrs).get("class") or "").split():
            self._skip_depth = self._depth
        elif self._block is not None and self._depth == 1:
            block = self._block
            if tag == "strong" and block.tag == "p" and block.label is None and not "".join(block.parts).strip():
                block.in_label, block.label = True, ""
            elif tag == "li":
                block.parts.append(" ")  # items read one after another
        if tag not in VOID:
            self._depth += 1

    def _top_level_start(self, tag: str) -> None:
        if self._waiting:
            self._waiting = False
            if tag in ANSWER_BLOCKS:
                self._block = _Block(tag)
                return
            self.found[-1].answer = None
        if tag == "h2":
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        self._depth -= 1
        if self._skip_depth is not None and self._depth == self._skip_depth:
            self._skip_depth = None
        elif self._block is not None and self._block.in_label and self._depth == 1 and tag == "strong":
            self._block.in_label = False
        if self._depth:
            return
        if self._heading is not None and tag == "h2":
            text = _normalise("".join(self._heading))
            self._heading = None
            if text not in NOT_QUESTIONS:
                self.found.append(Question(text, None))
                self._waiting = True
        elif self._block is not None and tag == self._block.tag:
            self.found[-1].answer = _answer(self._block)
            self._block = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None and self._skip_depth is None:
            self._heading.append(data)
        elif self._block is not None:
            self._block.parts.append(data)
            if self._block.in_label:
                self._block.label = (self._block.label or "") + data


def _answer(block: _Block) -> str:
    text = _normalise("".join(block.parts))
    label = _normalise(block.label or "")
    if label.endswith(LABEL_ENDS) and text.startswith(label):
        text = text[len(label):].strip()
    return text


def questions(content_html: str) -> list[Question]:
    """The questions of a page's rendered content (h2 headings other than 来源) with their answers."""
    reader = _QuestionReader()
    reader.feed(content_html)
    reader.close()
    return reader.found


def json_ld(found: list[Question]) -> str:
    """The FAQPage JSON-LD text (questions without an answer left out), safe inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {"@type": "Question", "name": q.question, "acceptedAnswer": {"@type": "Answer", "text": q.answer}}
            for q in found
            if q.answer
        ],
    }
    # \u003c keeps "</script>" and "<!--" out of the element while the JSON stays the same
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _heading_line(source: str, question: str) -> int | None:
    for number, line in enumerate(source.split("\n"), start=1):
        if line.startswith("## ") and _normalise(line[3:].replace("*", "")) == question:
            return number
    return None


def add_to_page(output: str, page: Any, *, where: str) -> str:
    """The page's HTML with its FAQPage block before </head> (question pages only); warns about gaps."""
    if not is_question_page(page):
        return output
    found = questions(page.content or "")
    for q in found:
        if not q.answer:
            line = _heading_line(page.file.content_string, q.question)
            log.warning(
                "%s:%s: the question “%s” has no paragraph or list right after it: start the answer with a "
                "short paragraph (**简单说：**…); search engines show it as the answer",
                where, line or 1, q.question,
            )
    if not found:
        log.warning(
            "%s: a question page (under %s) with no question: give it h2 questions each followed by a short answer, "
            "or put `faq: false` in its front matter", where, FAQ_FOLDER,
        )
    if not any(q.answer for q in found):
        return output
    block = f'<script type="application/ld+json">{json_ld(found)}</script>\n'
    at = output.find("</head>")
    if at < 0:
        log.warning("%s: no </head> in the page: the FAQPage data is left out", where)
        return output
    return output[:at] + block + output[at:]
