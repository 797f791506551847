"""The one-page handout (一页明白纸): the page docs/mingbaizhi.md printed at build time on one A4 sheet
(PDF, WeasyPrint), as a picture of that sheet (PNG, poppler's pdftoppm), and as a long picture for a
phone (1080 px wide, type at least 40 px: pdf/handout-phone.css) to forward in a chat app.

The picture is saved with a 32-colour palette (Pillow, already installed for WeasyPrint): about 150 KB
instead of 500 KB, for readers on a prepaid plan.

The web build renders both from the page's own HTML as it is built (sitebuild.hooks calls
`render_handout` from on_page_content), into its own downloads folder (site/downloads/; the names are
extra.downloads in mkdocs.yml). The sheet must fit one page: a longer one fails the build with a message
saying by how much. Fonts: the same installed Noto CJK SC as the handbook (checked by
sitebuild.fonts first); no other font is fetched.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sitebuild import fonts
from sitebuild.errors import BuildError

HANDOUT_PAGE = "mingbaizhi.md"
PNG_DPI = 150  # an A4 sheet at 150 dpi: 1241 × 1754 px, sharp on a phone
PNG_COLOURS = 32
STYLESHEET = Path(__file__).resolve().parents[2] / "pdf" / "handout.css"
# The picture for a phone: one long page 1080 px wide, type at least 40 px (pdf/handout-phone.css), drawn at
# 96 dpi (1 CSS px = 1 pixel) and cut below the last line.
PHONE_STYLESHEET = STYLESHEET.with_name("handout-phone.css")
PHONE_WIDTH_PX = 1080
PHONE_DPI = 96
PHONE_MARGIN_PX = 48  # white kept under the last line when the long page is cut
_PERMALINK = re.compile(r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>', re.S)
_LINK_OPEN = re.compile(r"<a\b[^>]*>")
_ABBR_OPEN = re.compile(r"<abbr\b[^>]*>")


class HandoutError(BuildError):
    """The handout could not be made; the message says what to do."""


@dataclass(frozen=True)
class HandoutResult:
    pdf: Path
    png: Path
    pages: int
    phone_png: Path | None = None


def phone_png_name(png_name: str) -> str:
    """The phone picture's file name beside the A4 one: shangmen-cuishou-yiye.png -> …-yiye-shouji.png."""
    stem, dot, suffix = png_name.rpartition(".")
    return f"{stem}-shouji.{suffix}" if dot else f"{png_name}-shouji"


def sheet_html(content_html: str, *, title: str, footer: str) -> str:
    """The page's content as a standalone document for WeasyPrint: links and glossary marks as plain text."""
    body = _PERMALINK.sub("", content_html)
    body = _LINK_OPEN.sub("<span>", body).replace("</a>", "</span>")
    body = _ABBR_OPEN.sub("<span>", body).replace("</abbr>", "</span>")
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head>"
        f'<body><article>{body}<p class="handout-footer">{html.escape(footer)}</p></article></body></html>'
    )


def render_pdf(document_html: str, target: Path, stylesheet: Path = STYLESHEET) -> int:
    """Write the PDF; return its number of pages."""
    from weasyprint import CSS, HTML  # imported here: the web build loads hooks even when no handout is made

    rendered = HTML(string=document_html, base_url=str(stylesheet.parent)).render(
        stylesheets=[CSS(filename=str(stylesheet))]
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    rendered.write_pdf(target)
    return len(rendered.pages)


def render_png(pdf: Path, target: Path, dpi: int = PNG_DPI, *, crop: bool = False) -> None:
    """The first page of `pdf` as a PNG picture (pdftoppm from Debian's poppler-utils); `crop`: cut the
    page's empty end off."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise HandoutError(
            "error: the handout's picture needs `pdftoppm`: install the Debian package poppler-utils "
            "(sudo apt-get install poppler-utils; ./tasks.sh build does)"
        )
    proc = subprocess.run(
        [pdftoppm, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(pdf), str(target.with_suffix(""))],
        capture_output=True, text=True, timeout=120, check=False,
    )
    if proc.returncode != 0 or not target.is_file():
        raise HandoutError(f"error: pdftoppm could not draw {pdf}: {proc.stderr.strip() or 'no output'}")
    if crop:
        crop_below_content(target)
    shrink_png(target)


def crop_below_content(path: Path, margin: int = PHONE_MARGIN_PX) -> None:
    """Cut a long white page `margin` pixels below its last non-white pixel."""
    from PIL import Image, ImageOps

    with Image.open(path) as picture:
        rgb = picture.convert("RGB")
    box = ImageOps.invert(rgb).getbbox()
    bottom = min(rgb.height, (box[3] if box else 0) + margin)
    rgb.crop((0, 0, rgb.width, bottom)).save(path)


def render_phone_png(document_html: str, target: Path) -> None:
    """The handout as one long picture for a phone (PHONE_STYLESHEET); HandoutError when it does not fit the
    long page."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="handout-phone-") as tmp:
        pdf = Path(tmp) / "phone.pdf"
        pages = render_pdf(document_html, pdf, PHONE_STYLESHEET)
        if pages != 1:
            raise HandoutError(
                f"error: docs/{HANDOUT_PAGE} is longer than the phone picture's page ({pages} pages): make the "
                f"page taller (@page size) in {PHONE_STYLESHEET.relative_to(PHONE_STYLESHEET.parents[1])}"
            )
        render_png(pdf, target, PHONE_DPI, crop=True)


def shrink_png(path: Path, colours: int = PNG_COLOURS) -> None:
    """Re-save the picture with a palette of `colours`: a third of the bytes for a sheet of text in a few
    colours, with no visible change (no dithering, so text edges stay clean)."""
    from PIL import Image

    with Image.open(path) as picture:
        palette = picture.convert("RGB").quantize(colors=colours, method=Image.Quantize.MEDIANCUT,
                                                  dither=Image.Dither.NONE)
    palette.save(path, optimize=True)


def render_handout(content_html: str, *, title: str, footer: str, pdf: Path, png: Path) -> HandoutResult:
    """Render the handout's PDF and PNG (names: extra.downloads in mkdocs.yml) and the phone picture beside
    the PNG (phone_png_name); HandoutError if it does not fit one sheet."""
    try:
        fonts.require_pdf_fonts()
    except fonts.MissingFontError as err:
        raise HandoutError(str(err)) from None
    document = sheet_html(content_html, title=title, footer=footer)
    pages = render_pdf(document, pdf)
    if pages != 1:
        pdf.unlink(missing_ok=True)
        raise HandoutError(
            f"error: docs/{HANDOUT_PAGE} prints on {pages} A4 pages; the handout must fit on one: shorten it "
            "(fewer or shorter lines), or make the type smaller in pdf/handout.css"
        )
    render_png(pdf, png)
    phone = png.with_name(phone_png_name(png.name))
    render_phone_png(document, phone)
    return HandoutResult(pdf=pdf, png=png, pages=pages, phone_png=phone)
