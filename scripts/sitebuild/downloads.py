"""The downloads (PDF handbook, offline site, the one-page handout as PDF and picture) and the links to them.

Their folder and file names are `extra.downloads` in mkdocs.yml (sitebuild.editions). The build driver
(sitebuild.build) stages the handbook and the offline zip in build/downloads/ and copies them into the site's
downloads folder; the web build makes the handout itself, in its own downloads folder (sitebuild.handout).
Pages mark the spots with placeholders: `<!-- downloads -->` (the list, on the 关于 page),
`<!-- handbook-download -->` (the handbook, in the home page's 打印 / 下载 line) and
`<!-- handout-downloads -->` (the handout's PDF and picture, on its own page), filled when the page's template
is rendered (every page has been converted by then, the handout too), each link with the file's size once it
is built. The links are raw HTML so that MkDocs' link validation does not reject files that are not in docs/.
Inside the PDF handbook and the offline site, which do not carry the other downloads, a note takes their place.
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitebuild.editions import DownloadNames, download_names
from sitebuild.handout import phone_png_name

PLACEHOLDER = "<!-- downloads -->"
HANDBOOK_PLACEHOLDER = "<!-- handbook-download -->"
HANDOUT_PLACEHOLDER = "<!-- handout-downloads -->"
STAGING_DIR = Path("build/downloads")  # relative to the project root (the build's working dir)


@dataclass(frozen=True)
class Download:
    filename: str
    label: str
    note: str


def downloads(names: DownloadNames) -> tuple[Download, ...]:
    """The offered files (names from extra.downloads in mkdocs.yml), in the order the 关于 page lists them."""
    return (
        Download(names.handbook, "PDF 手册", "A4，可打印；引用可点击，跳到书末的法条附录"),
        Download(names.offline, "离线版网站（zip）", "解压后用浏览器打开 index.html，不联网也能搜索"),
        Download(names.handout_pdf, "一页明白纸（PDF）", "一张 A4，打印出来贴在门后或交给家人"),
        Download(names.handout_png, "一页明白纸（图片）", "PNG 图片，一张 A4 纸的样子"),
        Download(phone_png_name(names.handout_png), "一页明白纸（手机图片）",
                 "竖长图，字大，手机上不用放大就能读，可以转发给家人"),
    )


def human_size(size: int) -> str:
    """1.4 MB, 830 KB: the size a reader cares about before downloading on a phone."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def built_file(name: str, built_in: Sequence[Path]) -> Path | None:
    """The first of the folders that holds the file `name`, or None when it has not been built."""
    return next((folder / name for folder in built_in if (folder / name).is_file()), None)


def _link(item: Download, names: DownloadNames, page_dest_uri: str, built_in: Sequence[Path], *,
          label: str | None = None, note: str = "") -> str:
    """`<a href=… download>label</a>（note，size）`: the size when the file has been built."""
    href = posixpath.relpath(f"{names.folder}/{item.filename}", posixpath.dirname(page_dest_uri) or ".")
    built = built_file(item.filename, built_in)
    details = [part for part in (note, human_size(built.stat().st_size) if built else "") if part]
    after = f"（{html.escape('，'.join(details))}）" if details else ""
    return f'<a href="{html.escape(href)}" download>{html.escape(label or item.label)}</a>{after}'


def download_links_html(names: DownloadNames, page_dest_uri: str, built_in: Sequence[Path]) -> str:
    """The list of links for the web site, each with its size when the file has been built."""
    items = [f"<li>{_link(item, names, page_dest_uri, built_in, note=item.note)}</li>" for item in downloads(names)]
    return '<ul class="downloads">\n' + "\n".join(items) + "\n</ul>"


def handbook_link_html(names: DownloadNames, page_dest_uri: str, built_in: Sequence[Path]) -> str:
    return _link(downloads(names)[0], names, page_dest_uri, built_in)


def handout_links_html(names: DownloadNames, page_dest_uri: str, built_in: Sequence[Path]) -> str:
    handout_pdf, handout_png, handout_phone = downloads(names)[2:5]
    pdf = _link(handout_pdf, names, page_dest_uri, built_in, label="下载 PDF", note="一张 A4")
    png = _link(handout_png, names, page_dest_uri, built_in, label="A4 图片", note="PNG")
    phone = _link(handout_phone, names, page_dest_uri, built_in, label="手机图片", note="字大，可转发")
    return f"{pdf} · {png} · {phone}"


def displayed_sizes(names: DownloadNames, staging_dir: Path) -> dict[str, str]:
    """The sizes the web pages state for the handbook and the offline site ('' when not built yet): the
    web build's input from the other two builds (sitebuild.build)."""
    return {
        name: human_size((staging_dir / name).stat().st_size) if (staging_dir / name).is_file() else ""
        for name in (names.handbook, names.offline)
    }


def edition_note_html(edition: str, extra: Mapping[str, Any]) -> str:
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


def replace_placeholder(html_text: str, *, page_dest_uri: str, extra: Mapping[str, Any], site_dir: Path) -> str:
    """Fill the download placeholders for the edition being built (extra.edition: pdf, offline or unset).
    A built file's size is read where it is: the site's own downloads folder (the handout, made by the web
    build), else build/downloads/ (where the other builds stage theirs)."""
    if "<!-- " not in html_text or not any(p in html_text for p in (PLACEHOLDER, HANDBOOK_PLACEHOLDER, HANDOUT_PLACEHOLDER)):
        return html_text
    edition = str(extra.get("edition") or "web")
    web = edition == "web"
    names = download_names(extra)
    built_in = [site_dir / names.folder, STAGING_DIR]
    if PLACEHOLDER in html_text:
        html_text = html_text.replace(
            PLACEHOLDER, download_links_html(names, page_dest_uri, built_in) if web else edition_note_html(edition, extra)
        )
    if HANDBOOK_PLACEHOLDER in html_text:
        html_text = html_text.replace(
            HANDBOOK_PLACEHOLDER, handbook_link_html(names, page_dest_uri, built_in) if web else HANDBOOK_NOTE[edition]
        )
    if HANDOUT_PLACEHOLDER in html_text:
        html_text = html_text.replace(
            HANDOUT_PLACEHOLDER, handout_links_html(names, page_dest_uri, built_in) if web else HANDOUT_NOTE[edition]
        )
    return html_text
