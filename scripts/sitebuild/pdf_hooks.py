"""MkDocs hooks for the PDF build only (extra.edition: pdf, mkdocs.pdf.yml): the PDF's file name,
WeasyPrint's log, and one heading per page. Listed with the other hooks in mkdocs.yml; in the web and
offline editions every hook here returns at once.

The to-pdf plugin writes the file named extra.downloads.handbook (mkdocs.yml), the name the web pages link.

WeasyPrint reports a character no installed font can draw as a ".notdef glyph" warning, but
mkdocs-to-pdf turns WeasyPrint's logger down to errors, so an empty box would pass unnoticed.
Here WeasyPrint's warnings are routed into MkDocs' log: missing glyphs and WeasyPrint errors
as warnings (so `mkdocs build --strict` fails and the build log names the character), the
many harmless notes about Material's screen-only CSS as debug messages (visible with -v).
"""

from __future__ import annotations

import html
import logging
import re
from typing import Any

from mkdocs.plugins import event_priority

from sitebuild.editions import download_names

log = logging.getLogger("mkdocs.hooks.sitebuild.pdf")

FIRST_H1 = re.compile(r"<h1\b[^>]*>(?P<inner>.*?)</h1>", re.S)
HEADERLINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.S)
TAG = re.compile(r"<[^>]+>")
MISSING_GLYPH = re.compile(r"\.notdef glyph rendered for Unicode string unsupported by fonts")


class WeasyPrintToMkDocs(logging.Handler):
    """Re-logs WeasyPrint's records on MkDocs' logger at the level they deserve here."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if MISSING_GLYPH.search(message):
            char = record.args[0] if isinstance(record.args, tuple) and record.args else "?"
            log.warning(
                "PDF: missing glyph: no installed font draws %r (U+%04X), WeasyPrint prints an empty box; "
                "install the Debian package fonts-noto-cjk or replace the character in the page",
                char,
                ord(char) if isinstance(char, str) and len(char) == 1 else 0,
            )
        elif record.levelno >= logging.ERROR:
            log.warning("PDF: WeasyPrint: %s", message)
        else:
            log.debug("PDF: WeasyPrint: %s", message)


def _is_pdf(config: Any) -> bool:
    return config.extra.get("edition") == "pdf"


# After mkdocs-to-pdf's own on_config, which sets WeasyPrint's level and adds its counting filter.
@event_priority(-100)
def on_config(config: Any) -> Any:
    if not _is_pdf(config):
        return config
    to_pdf = config.plugins.get("to-pdf")
    if to_pdf is not None:
        # read by the plugin when it writes the file (on_post_build), not before
        to_pdf.config["output_path"] = download_names(config.extra).handbook
    weasyprint_log = logging.getLogger("weasyprint")
    weasyprint_log.setLevel(logging.WARNING)
    # mkdocs-to-pdf's strict mode counts every WeasyPrint warning (dozens, for Material's CSS) and
    # ends the build with a traceback. MkDocs' own strict mode already counts the plugin's warnings
    # (its logger is under "mkdocs") and the handler below decides which WeasyPrint records count.
    for logger in (weasyprint_log, logging.getLogger("mkdocs.to-pdf")):
        for log_filter in list(logger.filters):
            if type(log_filter).__name__ == "_ErrorAndWarningCountFilter":
                logger.removeFilter(log_filter)
    if not any(isinstance(h, WeasyPrintToMkDocs) for h in weasyprint_log.handlers):
        weasyprint_log.addHandler(WeasyPrintToMkDocs())
    return config


# Before mkdocs-to-pdf collects the page (its on_post_page runs at the default priority 0).
@event_priority(50)
def on_post_page(output: str, *, page: Any, config: Any) -> str:
    if not _is_pdf(config):
        return output
    return mark_parts(drop_repeated_section_title(output, page), page)


def drop_repeated_section_title(output: str, page: Any) -> str:
    """A section's index page repeats the section's title as its own h1; keep one of the two.

    mkdocs-to-pdf opens every nav section with an h1 of the section's title, so without this the
    table of contents and the bookmarks list 真实性 › 真实性. (A regular expression, not a parser:
    this runs on every page, and the appendix pages are large.)
    """
    section = getattr(page, "parent", None)
    if section is None or not getattr(page, "is_index", False) or not section.children:
        return output
    if section.children[0] is not page:
        return output
    match = FIRST_H1.search(output, output.find("<article"))
    if match is None or _text(match.group("inner")) != str(section.title).strip():
        return output
    return output[: match.start()] + output[match.end() :]


# Where the guide and the appendix begin and end: empty markers that a line on the contents page points
# at with target-counter(), so WeasyPrint computes the page numbers the line states. mkdocs-to-pdf rewrites
# every id to "<page path>:<id>" (transform_id), so the rule naming them is written here, into the first
# page, where every page of the nav is known; pdf/styles.scss styles the line.
APPENDIX = "laws/"
GUIDE_START, GUIDE_END = "pdf-guide-start", "pdf-guide-end"
APPENDIX_START, APPENDIX_END = "pdf-appendix-start", "pdf-appendix-end"


def _in_appendix(page: Any) -> bool:
    return page is not None and str(page.file.src_uri).startswith(APPENDIX)


def part_markers(page: Any) -> tuple[list[str], list[str]]:
    """The marker ids that go at the start and at the end of this page's article."""
    before: list[str] = []
    after: list[str] = []
    previous, following = page.previous_page, page.next_page
    if previous is None:
        before.append(GUIDE_START)
    if _in_appendix(page):
        if not _in_appendix(previous):
            before.append(APPENDIX_START)
        if not _in_appendix(following):
            after.append(APPENDIX_END)
    elif _in_appendix(following):
        after.append(GUIDE_END)
    return before, after


def contents_line_rule(first_page: Any) -> str:
    """The CSS rule of the contents page's line, with the rewritten ids of the four markers ('' when the
    nav has no appendix)."""
    from mkdocs_to_pdf.preprocessor.links.transform import transform_id

    where: dict[str, str] = {}
    page = first_page
    while page is not None:
        before, after = part_markers(page)
        for marker in before + after:
            where[marker] = transform_id(marker, page.file.url)
        page = page.next_page
    if len(where) != 4:
        return ""

    def number(marker: str) -> str:
        return f'target-counter(url("#{where[marker]}"), page)'

    return ('article#doc-toc > h1::after { content: "只打印正文（不含法条附录）：第 " '
            f'{number(GUIDE_START)} "–" {number(GUIDE_END)} " 页。法条附录：第 " '
            f'{number(APPENDIX_START)} "–" {number(APPENDIX_END)} " 页。"; }}')


def mark_parts(output: str, page: Any) -> str:
    before, after = part_markers(page)
    if not before and not after:
        return output
    start = output.find("<article")
    open_end = output.find(">", start) + 1
    close = output.find("</article>", open_end)
    if start < 0 or close < 0:
        return output
    head = _marks(before)
    if GUIDE_START in before:
        rule = contents_line_rule(page)
        head += f"<style>{rule}</style>" if rule else ""
    return output[:open_end] + head + output[open_end:close] + _marks(after) + output[close:]


def _marks(ids: list[str]) -> str:
    return "".join(f'<div class="pdf-mark" id="{i}"></div>' for i in ids)


def _text(inner_html: str) -> str:
    without_permalink = HEADERLINK.sub("", inner_html)
    return html.unescape(TAG.sub("", without_permalink)).strip()
