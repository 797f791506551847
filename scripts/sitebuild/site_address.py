"""The site's address on everything that leaves the site: the handout, the PDF handbook, the offline copy.

A publishing build (SITE_URL set to an address that is not loopback or private, sitebuild.seo.is_public)
records that address as `extra.site_address` before sitebuild.seo drops the site URL from the file editions
(their pages are files, yet a printed sheet or an unzipped copy should still send a reader back to the
current version). A local build records "" and every place that would show the address says instead that
this is an unpublished preview (PREVIEW_NOTICE) and shows no QR code.

The QR code is drawn at build time by the `qrcode` library as a PNG (a data: URL: no file to copy, no
request; WeasyPrint embeds it as an image in the PDFs).

Where it shows:
- a page with the line `<!-- site-address -->` (关于 and 一页明白纸, so also the handout printed from it):
  `replace_placeholder`;
- the PDF handbook's cover and page footer: pdf/cover.html.j2 reads extra.site_address, .site_address_qr
  and .site_address_line; pdf/styles.scss repeats the cover's line in every page's footer.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import logging
from typing import Any

from sitebuild import seo

log = logging.getLogger("mkdocs.hooks.sitebuild.site_address")

PLACEHOLDER = "<!-- site-address -->"
PREVIEW_NOTICE = "预览版，尚未发布"
ADDRESS_KEY = "site_address"          # "" in a local build
QR_KEY = "site_address_qr"            # a data: URL of the QR code's PNG, "" in a local build
LINE_KEY = "site_address_line"        # one line for the PDF's cover and footer
QR_PIXELS = 8                          # a module's side in the PNG: 8 px, sharp when printed 25 mm wide


def on_config(config: Any) -> None:
    """Record the public address (or "") in config.extra; call before seo.on_config clears site_url."""
    url = config.site_url if seo.is_public(config.site_url) else ""
    address = published_address(url)
    config.extra[ADDRESS_KEY] = address
    config.extra[QR_KEY] = qr_data_url(address) if address else ""
    config.extra[LINE_KEY] = f"本站地址：{address}" if address else f"{PREVIEW_NOTICE}：本地生成，没有公开地址"
    if not address:
        log.info("site address: none (a local build): the handout, the PDF and the offline copy say %s", PREVIEW_NOTICE)


def published_address(url: str) -> str:
    """The address as printed: always ending in `/` (a QR code and a typed address both land on the home page)."""
    url = url.strip()
    return url if not url or url.endswith("/") else url + "/"


@functools.cache
def qr_png(text: str) -> bytes:
    """The QR code of `text` as a black-on-white PNG (error correction M: survives a crease in a printed sheet)."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=QR_PIXELS, border=4)
    code.add_data(text)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)  # the default factory draws with Pillow
    return buffer.getvalue()


def qr_data_url(text: str) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png(text)).decode("ascii")


def block_html(address: str, *, can_report: bool) -> str:
    """The address with its QR code, or the preview notice (saying errors cannot be reported yet when
    there is no report address)."""
    if not address:
        report = "" if can_report else "也还不能报告错误。"
        return (
            '<div class="site-address site-address-preview" role="note">'
            f"<p><strong>{PREVIEW_NOTICE}。</strong>这一份是本地生成的预览，没有公开的网址，"
            f"内容可能还会改。{report}</p></div>"
        )
    shown = html.escape(address)
    return (
        '<div class="site-address">'
        f'<img class="site-address-qr" src="{qr_data_url(address)}" width="120" height="120" '
        f'alt="二维码：{shown}">'
        f'<p>最新版本在本站网址：<br><a href="{shown}">{shown}</a><br>用手机扫二维码也能打开。</p>'
        "</div>"
    )


def replace_placeholder(html_text: str, extra: Any) -> str:
    if PLACEHOLDER not in html_text:
        return html_text
    address = str(extra.get(ADDRESS_KEY) or "")
    return html_text.replace(PLACEHOLDER, block_html(address, can_report=bool(extra.get("report_error_email"))))
