"""The downloads (PDF handbook, offline site, the one-page handout as PDF and picture) and the links to them.

`./tasks.sh build` renders the two editions into build/downloads/ before the web site is built, and
the web build renders the handout there as it builds the handout's page (sitebuild.handout), so the
pages built after it can state their sizes; all are copied into site/downloads/ afterwards.
Pages mark the spots with placeholders: `<!-- downloads -->` (the list, on the 关于 page),
`<!-- handbook-download -->` (the handbook, in the home page's 打印 / 下载 line) and
`<!-- handout-downloads -->` (the handout's PDF and picture, on its own page). The links are raw HTML
so that MkDocs' link validation does not reject files that are not in docs/. Inside the PDF handbook and
the offline site, which do not carry the other downloads, a note takes their place.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitebuild import handout

PLACEHOLDER = "<!-- downloads -->"
HANDBOOK_PLACEHOLDER = "<!-- handbook-download -->"
HANDOUT_PLACEHOLDER = "<!-- handout-downloads -->"
STAGING_DIR = Path("build/downloads")  # relative to the project root (the build's working dir)
SITE_SUBDIR = "downloads"
PDF_NAME = "shangmen-cuishou-mingbaizhi.pdf"
OFFLINE_ZIP_NAME = "shangmen-cuishou-mingbaizhi-offline.zip"
HANDOUT_PDF_NAME = handout.PDF_NAME
HANDOUT_PNG_NAME = handout.PNG_NAME


@dataclass(frozen=True)
class Download:
    filename: str
    label: str
    note: str


DOWNLOADS = (
    Download(PDF_NAME, "PDF 手册", "A4，可打印；引用可点击，跳到书末的法条附录"),
    Download(OFFLINE_ZIP_NAME, "离线版网站（zip）", "解压后用浏览器打开 index.html，不联网也能搜索"),
    Download(HANDOUT_PDF_NAME, "一页明白纸（PDF）", "一张 A4，打印出来贴在门后或交给家人"),
    Download(HANDOUT_PNG_NAME, "一页明白纸（图片）", "PNG 图片，可以存到手机、转发给家人"),
)


def human_size(size: int) -> str:
    """1.4 MB, 830 KB: the size a reader cares about before downloading on a phone."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def _download(filename: str) -> Download:
    return next(item for item in DOWNLOADS if item.filename == filename)


def _link(item: Download, page_dest_uri: str, staging_dir: Path, *, label: str | None = None, note: str = "") -> str:
    """`<a href=… download>label</a>（note，size）`: the size when the file has been built."""
    href = posixpath.relpath(f"{SITE_SUBDIR}/{item.filename}", posixpath.dirname(page_dest_uri) or ".")
    built = staging_dir / item.filename
    details = [part for part in (note, human_size(built.stat().st_size) if built.is_file() else "") if part]
    after = f"（{html.escape('，'.join(details))}）" if details else ""
    return f'<a href="{html.escape(href)}" download>{html.escape(label or item.label)}</a>{after}'


def download_links_html(page_dest_uri: str, staging_dir: Path) -> str:
    """The list of links for the web site, each with its size when the file has been built."""
    items = [f"<li>{_link(item, page_dest_uri, staging_dir, note=item.note)}</li>" for item in DOWNLOADS]
    return '<ul class="downloads">\n' + "\n".join(items) + "\n</ul>"


def handbook_link_html(page_dest_uri: str, staging_dir: Path) -> str:
    return _link(_download(PDF_NAME), page_dest_uri, staging_dir)


def handout_links_html(page_dest_uri: str, staging_dir: Path) -> str:
    pdf = _link(_download(HANDOUT_PDF_NAME), page_dest_uri, staging_dir, label="下载 PDF", note="一张 A4")
    png = _link(_download(HANDOUT_PNG_NAME), page_dest_uri, staging_dir, label="下载图片", note="PNG，可转发")
    return f"{pdf} · {png}"


def edition_note_html(edition: str, extra: dict[str, Any]) -> str:
    """What stands in place of the links inside the PDF and the offline site themselves."""
    version = html.escape(str(extra.get("handbook_version") or ""))
    date = html.escape(str(extra.get("handbook_date") or ""))
    stamp = "".join(part for part in (f"版本 {version}" if version else "", f"，生成于 {date}" if date else ""))
    stamp = f"（{stamp}）" if stamp else ""
    if edition == "pdf":
        return f"<p>你正在读的是本站的 PDF 手册{stamp}。网页版和离线版可在本站“关于”页下载。</p>"
    return f"<p>你正在读的是本站的离线版{stamp}，不联网也能浏览和搜索。PDF 手册可在网页版的“关于”页下载。</p>"


# What stands in the 打印 / 下载 lines inside the PDF handbook and the offline site.
HANDBOOK_NOTE = {"pdf": "你正在读的就是 PDF 手册", "offline": "PDF 手册（在网页版的“关于”页下载）"}
HANDOUT_NOTE = {
    "pdf": "这一页的 PDF 和图片版，可在网页版下载。",
    "offline": "用浏览器的“打印”功能就能打出这一页；PDF 和图片版可在网页版下载。",
}


def replace_placeholder(html_text: str, *, page_dest_uri: str, extra: dict[str, Any], staging_dir: Path) -> str:
    """Fill the download placeholders for the edition being built (extra.edition: pdf, offline or unset)."""
    if "<!-- " not in html_text:
        return html_text
    edition = str(extra.get("edition") or "web")
    web = edition == "web"
    if PLACEHOLDER in html_text:
        html_text = html_text.replace(
            PLACEHOLDER, download_links_html(page_dest_uri, staging_dir) if web else edition_note_html(edition, extra)
        )
    if HANDBOOK_PLACEHOLDER in html_text:
        html_text = html_text.replace(
            HANDBOOK_PLACEHOLDER, handbook_link_html(page_dest_uri, staging_dir) if web else HANDBOOK_NOTE[edition]
        )
    if HANDOUT_PLACEHOLDER in html_text:
        html_text = html_text.replace(
            HANDOUT_PLACEHOLDER, handout_links_html(page_dest_uri, staging_dir) if web else HANDOUT_NOTE[edition]
        )
    return html_text
