"""Glossary tooltips: the first use of each glossary term on a page becomes <abbr title="…">.

Python-Markdown's own `abbr` extension matches terms between word boundaries (\\b), which never
occur inside running Chinese text, so it cannot find 外访 in 催收人员外访时. This extension
matches terms anywhere in text, longest first, skips headings, links, code, existing <abbr> and
blocks of class no-glossary,
and marks only the first use per page (a page full of dotted underlines is hard to read).
Material's `content.tooltips` turns the title into a tooltip.

The terms live in data/glossary.yaml. A line `<!-- glossary -->` in a page is replaced by the
whole glossary as a definition list (the 术语表 page).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from lawcite.yamlfile import yaml_error_position
from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

SKIP_TAGS = {"a", "abbr", "code", "pre", "kbd", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "svg", "script", "style"}
# A diagram's labels, and a block marked no-glossary: the door page's steps, where a tapped tooltip
# would cover the steps under it.
SKIP_CLASSES = {"diagram", "no-glossary"}
PLACEHOLDER = "<!-- glossary -->"


class GlossaryError(Exception):
    """A glossary file that cannot be used; the message names the file and what to fix."""


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    source: str = ""


def load_terms(path: str | Path) -> list[Term]:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise GlossaryError(f"{path}: cannot read the glossary ({err.strerror}).") from None
    except yaml.YAMLError as err:
        line, problem = yaml_error_position(err)
        where = f"{path}:{line}" if line is not None else str(path)
        raise GlossaryError(f"{where}: invalid YAML ({problem}).") from None
    if not isinstance(raw, list):
        raise GlossaryError(f"{path}: expected a list of entries with 'term' and 'definition'.")
    terms: list[Term] = []
    for index, entry in enumerate(raw, 1):
        if not isinstance(entry, dict) or not entry.get("term") or not entry.get("definition"):
            raise GlossaryError(f"{path}: entry {index} needs a 'term' and a 'definition'.")
        terms.append(
            Term(
                term=str(entry["term"]),
                definition=" ".join(str(entry["definition"]).split()),
                aliases=tuple(str(a) for a in entry.get("aliases") or ()),
                source=str(entry.get("source") or ""),
            )
        )
    return terms


def glossary_markdown(terms: list[Term]) -> list[str]:
    """The 术语表: a line of links to every term, then the terms as a definition list, each term with an
    id (its own text) so a link can point at it. The definitions and sources stay Markdown, so the
    citation layer checks and links the articles they cite."""
    lines = ["词条：" + " · ".join(f"[{term.term}](#{term.term})" for term in terms), "{ .glossary-index }", "",
             '<div class="glossary" markdown>', ""]
    for term in terms:
        lines += [f"{term.term} {{ #{term.term} }}", f":   {term.definition}"]
        if term.source:
            lines += ["", f"    来源：{term.source}", "    { .glossary-source }"]
        lines.append("")
    return [*lines, "</div>"]


def expand_placeholder(lines: list[str], terms: list[Term]) -> list[str]:
    """The page's lines with the line `<!-- glossary -->` replaced by the whole glossary."""
    if not any(line.strip() == PLACEHOLDER for line in lines):
        return lines
    out: list[str] = []
    for line in lines:
        out.extend(glossary_markdown(terms) if line.strip() == PLACEHOLDER else [line])
    return out


class GlossaryPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, terms: list[Term]) -> None:
        super().__init__(md)
        self.terms = terms

    def run(self, lines: list[str]) -> list[str]:
        return expand_placeholder(lines, self.terms)


class GlossaryTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, terms: list[Term]) -> None:
        super().__init__(md)
        self.titles: dict[str, str] = {}
        for term in terms:
            for name in (term.term, *term.aliases):
                self.titles[name] = f"{term.term}：{term.definition}"
        names = sorted(self.titles, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, names))) if names else None

    def run(self, root: etree.Element) -> None:
        if self.pattern is None:
            return
        self.seen: set[str] = set()
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in SKIP_TAGS or set(element.get("class", "").split()) & SKIP_CLASSES:
            return
        if element.text and not isinstance(element.text, AtomicString):
            element.text = self._wrap(element.text, element, 0)
        for child in list(element):
            self._walk(child)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail = self._wrap(child.tail, element, list(element).index(child) + 1)

    def _wrap(self, text: str, parent: etree.Element, index: int) -> str:
        """Wrap the first unseen term in `text`; insert the <abbr> at `index` of `parent`."""
        assert self.pattern is not None
        for match in self.pattern.finditer(text):
            title = self.titles[match.group(0)]
            if title in self.seen:
                continue
            self.seen.add(title)
            abbr = etree.Element("abbr", {"title": title})
            abbr.text = AtomicString(match.group(0))
            parent.insert(index, abbr)
            abbr.tail = self._wrap(text[match.end() :], parent, index + 1)
            return text[: match.start()]
        return text


class GlossaryExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {"data": ["data/glossary.yaml", "Path of the glossary YAML file"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        terms = load_terms(self.getConfig("data"))
        # Before the citation layer's preprocessor (28), so the articles the definitions cite are checked
        # like any page's (the build fails on a wrong one) and become links on the 术语表 page.
        md.preprocessors.register(GlossaryPreprocessor(md, terms), "glossary", 29)
        # After inline processing (links and code exist) and before the toc treeprocessor copies
        # headings (we skip headings anyway).
        md.treeprocessors.register(GlossaryTreeprocessor(md, terms), "glossary", 5)
        md.registerExtension(self)


def makeExtension(**kwargs: Any) -> GlossaryExtension:
    return GlossaryExtension(**kwargs)
