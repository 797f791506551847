"""Where readers report an error: an e-mail address, `extra.report_error_email` in mkdocs.yml (read from the
environment variable REPORT_ERROR_EMAIL). E-mail needs no account, works from a phone, from the offline copy
and from the PDF.

- Every page (overrides/main.html, not in the PDF) ends with a `mailto:` link whose subject and body name the
  page's title and its published address (`page_href`), body fields 页面, 哪里不对, 依据/来源.
- The 关于 page's line `<!-- report-error -->` becomes the address written out with a link, and, when the
  repository is configured (extra.repo_url, from REPO_URL), a link to its GitHub issue form
  (.github/ISSUE_TEMPLATE/report-error.yml) for maintainers.
- The PDF handbook's cover carries the mailto link (pdf/cover.html.j2 reads extra.report_error_mailto).
- A publishing build (sitebuild.site_address: SITE_URL public) without an address fails with one line naming
  the variable; a local build goes without (no links; the preview notice says errors cannot be reported yet).
"""

from __future__ import annotations

import html
import logging
import re
from typing import Any
from urllib.parse import quote

log = logging.getLogger("mkdocs.hooks.sitebuild.report_error")

PLACEHOLDER = "<!-- report-error -->"
ENV_VAR = "REPORT_ERROR_EMAIL"
SETTING = "extra.report_error_email"
REPO_ENV_VAR = "REPO_URL"
ISSUE_FORM = "report-error.yml"
HREF_KEY = "report_error_href"        # page.meta: the page's own mailto: link
MAILTO_KEY = "report_error_mailto"    # extra: the link for the whole site (the PDF's cover)
SUBJECT_PREFIX = "报告错误："
_EMAIL = re.compile(r"^[^@\s<>\"'?&%]+@[^@\s<>\"'?&%]+\.[^@\s<>\"'?&%]+$")


class ReportAddressError(ValueError):
    """The configured address is unusable (or missing where it is required); one line saying what to set."""


def check_config(extra: Any, *, publishing: bool) -> str:
    """The report address, checked; "" when a local build has none. ReportAddressError otherwise."""
    email = str(extra.get("report_error_email") or "").strip()
    if email.lower().startswith("mailto:"):
        email = email[len("mailto:"):]
    if email and not _EMAIL.match(email):
        raise ReportAddressError(
            f"{ENV_VAR} is {email!r}, not an e-mail address: set it to the address that receives error "
            f"reports, e.g. {ENV_VAR}=errors@example.org"
        )
    if not email and publishing:
        raise ReportAddressError(
            f"a publishing build (SITE_URL is set and not a local address) needs an address for error reports: set {ENV_VAR}, "
            f"e.g. {ENV_VAR}=errors@example.org"
        )
    return email


def on_config(config: Any, *, publishing: bool) -> None:
    """Check the address, store it and the site-wide link in extra; say what is left out."""
    extra = config.extra
    email = check_config(extra, publishing=publishing)
    extra["report_error_email"] = email
    extra[MAILTO_KEY] = mailto_href(email, title=config.site_name, address=str(extra.get("site_address") or "")) if email else ""
    if not email:
        log.info("report address: none (%s is empty): no page has a 报告错误 link; the preview notice says so", ENV_VAR)
    if not repo_url(extra):
        log.info("repository: none (%s is empty): 关于 leaves out the link to the GitHub issue form", REPO_ENV_VAR)


def repo_url(extra: Any) -> str:
    return str(extra.get("repo_url") or "").strip().rstrip("/")


def mailto_href(email: str, *, title: str, address: str) -> str:
    """`mailto:` with subject and body percent-encoded as UTF-8 (RFC 6068: every reserved character and
    line break encoded, so mail apps on phones read the Chinese text as it was written)."""
    body = f"页面：{title}\n{address}\n\n哪里不对：\n\n依据/来源（法条名称和条号，或报道的媒体、标题和日期）：\n"
    subject = f"{SUBJECT_PREFIX}{title}"
    return f"mailto:{email}?subject={_encode(subject)}&body={_encode(body)}"


def _encode(text: str) -> str:
    return quote(text.replace("\n", "\r\n"), safe="")


def page_address(page: Any, extra: Any) -> str:
    """The page's published address (in every edition, never a file:// path); its path in a local build."""
    address = str(extra.get("site_address") or "")
    return (address or "/") + web_path(page.url)


def web_path(url: str) -> str:
    """The web edition's path of a page: the offline edition's `faq/visit.html` is `faq/visit/` there."""
    if url.endswith("index.html"):
        return url.removesuffix("index.html")
    return url.removesuffix(".html") + "/" if url.endswith(".html") else url


_H1 = re.compile(r"<h1\b[^>]*>(?P<inner>.*?)</h1>", re.S)
_PERMALINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


def page_title(page: Any, content_html: str) -> str:
    """The title the reader sees: the page's h1 (the navigation's title may be shorter), else page.title."""
    match = _H1.search(content_html)
    inner = _PERMALINK.sub("", match["inner"]) if match else str(page.title or "")
    return html.unescape(_TAG.sub("", inner)).strip()


def add_to_page(page: Any, title: str, config: Any) -> None:
    """page.meta[HREF_KEY]: the page's own link, read by overrides/main.html ("" without an address)."""
    email = str(config.extra.get("report_error_email") or "")
    page.meta[HREF_KEY] = (
        mailto_href(email, title=title, address=page_address(page, config.extra)) if email else ""
    )


def section_html(extra: Any, *, page_href: str) -> str:
    """The 报告错误 section's links (关于)."""
    email = str(extra.get("report_error_email") or "")
    if not email:
        return '<p class="report-error">这一份是尚未发布的预览版，还没有收取错误报告的地址。</p>'
    parts = [
        f'<p class="report-error"><a href="{html.escape(page_href or extra.get(MAILTO_KEY, ""))}">发邮件报告错误</a>'
        f"（{html.escape(email)}）：不用注册账号，手机上也能发。网页和离线版的每一页末尾都有“报告本页错误”，会替你填好页面和网址。</p>"
    ]
    repo = repo_url(extra)
    if repo:
        form = f"{repo}/issues/new?template={ISSUE_FORM}"
        parts.append(f'<p class="report-error-issue">有 GitHub 账号的维护者和读者，也可以'
                     f'<a href="{html.escape(form)}">在 GitHub 上填写错误报告</a>。</p>')
    return "".join(parts)


def replace_placeholder(html_text: str, *, page: Any, extra: Any) -> str:
    if PLACEHOLDER not in html_text:
        return html_text
    return html_text.replace(PLACEHOLDER, section_html(extra, page_href=page.meta.get(HREF_KEY, "")))
