"""Python-Markdown extension: every law citation becomes a link to its article in the law appendix.

    markdown.markdown(text, extensions=["lawcite.mdext"])
    # mkdocs.yml:  markdown_extensions: [{lawcite.mdext: {registry: data/laws, base: /laws/}}]

It works in any host that runs Python-Markdown extensions (MkDocs now, Zensical later); MkDocs
hooks only add what a plain Markdown run cannot know (see `PageContext`).

How: a Preprocessor (priority 28: after whitespace normalisation, before fenced code, the glossary
and raw HTML are stashed, so line numbers are still those of the source) finds and checks the
citations with the library, logs every warning and error as `path:line:column: status: message`
on the `mkdocs.plugins.lawcite` logger (so `mkdocs build --strict` fails), and wraps each linkable
citation in inert private-use markers. A Treeprocessor (priority 19: right after inline parsing,
before attr_list, toc and the glossary) turns each marked span into
`<a class="lawcite" href="/laws/<law_slug>.md#art-N" title="《…》第…条：…">`; being a tree element
before MkDocs' relpath treeprocessor (priority 0), the href is rewritten per page and validated,
anchor included. Markers that end up in stashed raw HTML are removed by a Postprocessor.

Not linked (but still checked): citations inside existing links (the library reads a link's text,
lawcite.markup) and headings (a link in a heading would end up in the table of contents); code and
HTML attributes are not read at all.

Env LAWCITE_DISABLE=1: the extension registers nothing (for build-time benchmarks).
"""
from __future__ import annotations

import logging
import os
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .builddate import build_date
from .frontmatter import as_date
from .headings import heading_lines as heading_lines
from .links import TITLE_CHARS, LinkTarget, cached_registry, checked_citations, link_target
from .models import Finding
from .registry import Registry, RegistryError

log = logging.getLogger("mkdocs.plugins.lawcite")

DISABLE_ENV = "LAWCITE_DISABLE"
LINK_CLASS = "lawcite"

# Private-use code points: never in the site's text, inert to every Markdown inline pattern.
_START = "\ue000"
_END = "\ue001"
_ID_BASE = 0xE100
_ID_MAX = 0xF800 - _ID_BASE
_MARKED = re.compile(f"{_START}([\ue100-\uf7ff]){'(.*?)'}{_END}", re.DOTALL)
_STRAY = re.compile(f"{_START}[\ue100-\uf7ff]?|{_END}")
_SKIP_TAGS = {"a", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"}



def disabled() -> bool:
    return os.environ.get(DISABLE_ENV, "").strip() not in ("", "0")


@dataclass(frozen=True, slots=True)
class PageContext:
    """What a host (the MkDocs hook) knows about the page being converted.

    path: the page's path for messages (docs/legality/limits.md); line_offset: lines the host removed
    before the Markdown reached the extension (front matter); as_of: the page's `reviewed` date;
    enabled: False for pages that must not be annotated (the generated appendix quotes statutes).
    """

    path: str = "<markdown>"
    line_offset: int = 0
    as_of: date | None = None
    enabled: bool = True


_page: ContextVar[PageContext | None] = ContextVar("lawcite_page", default=None)


def set_page_context(ctx: PageContext | None) -> None:
    """Called by the host before converting a page (and with None after it)."""
    _page.set(ctx)


def current_page_context() -> PageContext | None:
    return _page.get()


@dataclass
class Annotated:
    """The result of `annotate`: the rewritten text, one Finding per citation, and the links made."""

    text: str
    findings: list[Finding]
    links: list[LinkTarget | None] = field(default_factory=list)  # per finding; None = not linked


def html_link(span: str, target: LinkTarget) -> str:
    """The default rendering for `annotate`: a raw HTML link (hosts that do not validate links)."""
    from html import escape

    return f'<a class="{LINK_CLASS}" href="{escape(target.href)}" title="{escape(target.title)}">{span}</a>'


def annotate(
    text: str,
    registry: Registry,
    as_of: date,
    *,
    base: str = "/laws/",
    suffix: str = ".md",
    title_chars: int = TITLE_CHARS,
    render: Callable[[str, LinkTarget], str] = html_link,
) -> Annotated:
    """Find and check every citation in Markdown `text`; rewrite each linkable one with `render`.

    Citations in headings are checked but not rewritten. Errors are never linked.
    """
    findings = checked_citations(text, registry, as_of)
    headings = heading_lines(text) if findings else set()
    links: list[LinkTarget | None] = []
    for f in findings:
        c = f.citation
        last_line = c.line - 1 + text.count("\n", c.start, c.end)
        if headings and any(n in headings for n in range(c.line - 1, last_line + 1)):
            links.append(None)
            continue
        links.append(link_target(f, registry, base=base, suffix=suffix, title_chars=title_chars))
    pieces: list[str] = []
    pos = len(text)
    for f, target in reversed(list(zip(findings, links))):
        if target is None:
            continue
        c = f.citation
        pieces.append(text[c.end:pos])
        pieces.append(render(text[c.start:c.end], target))
        pos = c.start
    pieces.append(text[:pos])
    return Annotated(text="".join(reversed(pieces)), findings=findings, links=links)


def format_finding(f: Finding, path: str, line_offset: int = 0) -> str:
    """docs/x.md:12:5: unknown-law: 《…》不在法规登记表… (建议：…)"""
    c = f.citation
    msg = f"{path}:{c.line + line_offset}:{c.column}: {f.status}: {c.text}: {f.message}"
    if f.suggestion:
        msg += f"（建议：{f.suggestion}）"
    return msg


class _State:
    """Per-conversion state shared by the three processors."""

    def __init__(self) -> None:
        self.targets: list[LinkTarget] = []
        self.findings: list[Finding] = []

    def reset(self) -> None:
        self.targets = []
        self.findings = []


class LawcitePreprocessor(Preprocessor):
    def __init__(self, md: Markdown, ext: LawciteExtension, state: _State) -> None:
        super().__init__(md)
        self.ext = ext
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.reset()
        ctx = current_page_context() or PageContext()
        if not ctx.enabled:
            return lines
        registry = self.ext.registry()
        if registry is None:
            return lines
        text = "\n".join(lines)
        as_of = ctx.as_of or self.ext.as_of()
        result = annotate(
            text, registry, as_of,
            base=self.ext.getConfig("base"), suffix=self.ext.getConfig("suffix"),
            title_chars=int(self.ext.getConfig("title_chars")), render=self._marker,
        )
        self.state.findings = result.findings
        for f in result.findings:
            if f.severity != "ok":
                log.warning(format_finding(f, ctx.path, ctx.line_offset))
        return result.text.split("\n")

    def _marker(self, span: str, target: LinkTarget) -> str:
        n = len(self.state.targets)
        if n >= _ID_MAX:
            return span
        self.state.targets.append(target)
        return f"{_START}{chr(_ID_BASE + n)}{span}{_END}"


class LawciteTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, state: _State) -> None:
        super().__init__(md)
        self.state = state

    def run(self, root: etree.Element) -> None:
        if self.state.targets:
            self._walk(root)

    def _walk(self, el: etree.Element) -> None:
        skip = el.tag in _SKIP_TAGS
        if el.text and _START in el.text:
            if skip:
                el.text = _strip(el.text)
            else:
                el.text = self._linkify(el.text, el, 0)
        for child in list(el):
            self._walk(child)
            if child.tail and _START in child.tail:
                child.tail = self._linkify(child.tail, el, list(el).index(child) + 1)

    def _linkify(self, text: str, parent: etree.Element, index: int) -> str:
        """Replace marked spans in `text` by <a> children inserted into `parent` at `index`."""
        matches = list(_MARKED.finditer(text))
        if not matches:
            return _strip(text)
        head = _strip(text[:matches[0].start()])
        for k, m in enumerate(matches):
            target = self.state.targets[ord(m.group(1)) - _ID_BASE]
            a = etree.Element("a", {"class": LINK_CLASS, "href": target.href, "title": target.title})
            a.text = AtomicString(_strip(m.group(2)))
            end = matches[k + 1].start() if k + 1 < len(matches) else len(text)
            a.tail = _strip(text[m.end():end])
            parent.insert(index + k, a)
        return head


def _strip(text: str) -> str:
    return _STRAY.sub("", text)


class LawcitePostprocessor(Postprocessor):
    """Drop markers that were stashed with raw HTML (citations there are checked, not linked)."""

    def run(self, text: str) -> str:
        return _strip(text) if _START in text or _END in text else text


class LawciteExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "registry": ["", "Registry folder (data/laws); empty: the library's default"],
            "base": ["/laws/", "URL of the appendix folder; a law's page is <base><law_slug><suffix>"],
            "suffix": [".md", "Page suffix in links (.md: MkDocs resolves and validates them)"],
            "as_of": ["", "Date citations are judged at (YYYY-MM-DD) when the host gives none; empty: the build date (lawcite.builddate)"],
            "title_chars": [TITLE_CHARS, "Characters of article text in the hover title"],
        }
        super().__init__(**kwargs)
        self._registry_error_logged = False

    def as_of(self) -> date:
        value = self.getConfig("as_of")
        parsed = as_date(value)
        if parsed is None and value:
            log.warning("lawcite.mdext: as_of %r is not a date (YYYY-MM-DD); using the build date", value)
        return parsed or build_date()

    def registry(self) -> Registry | None:
        """The cached registry, or None after logging why it cannot be loaded."""
        try:
            return cached_registry(self.getConfig("registry") or None)
        except RegistryError as e:
            if not self._registry_error_logged:
                log.error("lawcite: cannot load the law registry: %s", e)
                self._registry_error_logged = True
            return None

    def extendMarkdown(self, md: Markdown) -> None:
        if disabled():
            return
        self.state = _State()
        md.preprocessors.register(LawcitePreprocessor(md, self, self.state), "lawcite", 28)
        md.treeprocessors.register(LawciteTreeprocessor(md, self.state), "lawcite", 19)
        md.postprocessors.register(LawcitePostprocessor(md), "lawcite", 5)
        md.registerExtension(self)

    def reset(self) -> None:
        if hasattr(self, "state"):
            self.state.reset()

    def findings(self) -> list[Finding]:
        """Findings of the last conversion (for tests and other hosts)."""
        return list(self.state.findings) if hasattr(self, "state") else []


def makeExtension(**kwargs: Any) -> LawciteExtension:
    return LawciteExtension(**kwargs)
