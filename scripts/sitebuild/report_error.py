"""Where readers report an error: one setting, `extra.report_error_url` in mkdocs.yml (which reads the
environment variable REPORT_ERROR_URL), rendered where a page has the line `<!-- report-error -->` (the
「报告错误」 section of the 关于 page).

- `mailto:address`: a link that opens an e-mail with a subject line, and the address written out;
- `https://…` (e.g. the repository's new-issue page): a link to it, and the address written out;
- unset: a sentence saying no address has been published yet (and a note in the build log).
Anything else is a build warning naming the setting, so `mkdocs build --strict` fails.
"""

from __future__ import annotations

import html
import logging
from urllib.parse import quote, urlsplit

log = logging.getLogger("mkdocs.hooks.sitebuild.report_error")

PLACEHOLDER = "<!-- report-error -->"
SETTING = "extra.report_error_url"
SUBJECT = "上门催收明白纸：报告错误"
UNSET_HTML = '<p class="report-error">本站还没有公布收取错误报告的地址。</p>'


class BadReportAddress(ValueError):
    pass


def report_link_html(url: str) -> str:
    url = url.strip()
    if not url:
        return UNSET_HTML
    parts = urlsplit(url)
    if parts.scheme == "mailto" and "@" in parts.path:
        href = f"{url}{'&' if parts.query else '?'}subject={quote(SUBJECT)}"
        return (f'<p class="report-error"><a href="{html.escape(href)}">发邮件报告错误</a>'
                f"（{html.escape(parts.path)}）</p>")
    if parts.scheme == "https" and parts.netloc:
        return (f'<p class="report-error"><a href="{html.escape(url)}">到本站的问题页报告错误</a>'
                f"（{html.escape(url)}）</p>")
    raise BadReportAddress(
        f"{SETTING} (or the environment variable REPORT_ERROR_URL) is {url!r}: give a mailto: address "
        "(mailto:someone@example.org) or an https:// page (the repository's new-issue page), or leave it empty"
    )


def replace_placeholder(html_text: str, *, url: str, page: str) -> str:
    if PLACEHOLDER not in html_text:
        return html_text
    try:
        replacement = report_link_html(url)
    except BadReportAddress as err:
        log.warning("%s: %s", page, err)
        replacement = UNSET_HTML
    if replacement is UNSET_HTML:
        log.info("%s: %s is empty: the 报告错误 section says no address has been published", page, SETTING)
    return html_text.replace(PLACEHOLDER, replacement)
