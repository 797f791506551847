"""The two downloadable editions (PDF handbook, offline site) and the links to them on the 关于 page.

`./tasks.sh build` renders both editions into build/downloads/ before the web site is built, so
the web site's 关于 page can state their sizes; they are copied into site/downloads/ afterwards.
The page marks the spot with a line `<!-- downloads -->`. The links are raw HTML so that MkDocs'
link validation does not reject files that are not in docs/.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PLACEHOLDER = "<!-- downloads -->"
STAGING_DIR = Path("build/downloads")  # relative to the project root (the build's working dir)
SITE_SUBDIR = "downloads"
PDF_NAME = "shangmen-cuishou-mingbaizhi.pdf"
OFFLINE_ZIP_NAME = "shangmen-cuishou-mingbaizhi-offline.zip"


@dataclass(frozen=True)
class Download:
    filename: str
    label: str
    note: str


DOWNLOADS = (
    Download(PDF_NAME, "PDF 手册", "A4，可打印；引用可点击，跳到书末的法条附录"),
    Download(OFFLINE_ZIP_NAME, "离线版网站（zip）", "解压后用浏览器打开 index.html，不联网也能搜索"),
)


def human_size(size: int) -> str:
    """1.4 MB, 830 KB: the size a reader cares about before downloading on a phone."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def download_links_html(page_dest_uri: str, staging_dir: Path) -> str:
    """The list of links for the web site, each with its size when the file has been built."""
    page_dir = posixpath.dirname(page_dest_uri) or "."
    items = []
    for item in DOWNLOADS:
        href = posixpath.relpath(f"{SITE_SUBDIR}/{item.filename}", page_dir)
        built = staging_dir / item.filename
        size = f"，{human_size(built.stat().st_size)}" if built.is_file() else ""
        items.append(
            f'<li><a href="{html.escape(href)}" download>{html.escape(item.label)}</a>'
            f"（{html.escape(item.note)}{size}）</li>"
        )
    return '<ul class="downloads">\n' + "\n".join(items) + "\n</ul>"


def edition_note_html(edition: str, extra: dict[str, Any]) -> str:
    """What stands in place of the links inside the PDF and the offline site themselves."""
    version = html.escape(str(extra.get("handbook_version") or ""))
    date = html.escape(str(extra.get("handbook_date") or ""))
    stamp = "".join(part for part in (f"版本 {version}" if version else "", f"，生成于 {date}" if date else ""))
    stamp = f"（{stamp}）" if stamp else ""
    if edition == "pdf":
        return f"<p>你正在读的是本站的 PDF 手册{stamp}。网页版和离线版可在本站“关于”页下载。</p>"
    return f"<p>你正在读的是本站的离线版{stamp}，不联网也能浏览和搜索。PDF 手册可在网页版的“关于”页下载。</p>"


def replace_placeholder(html_text: str, *, page_dest_uri: str, extra: dict[str, Any], staging_dir: Path) -> str:
    """Fill `<!-- downloads -->` for the edition being built (extra.edition: pdf, offline or unset)."""
    if PLACEHOLDER not in html_text:
        return html_text
    edition = str(extra.get("edition") or "web")
    if edition == "web":
        replacement = download_links_html(page_dest_uri, staging_dir)
    else:
        replacement = edition_note_html(edition, extra)
    return html_text.replace(PLACEHOLDER, replacement)
