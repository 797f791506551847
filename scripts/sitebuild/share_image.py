"""Every page's share image (og:image, twitter:image): 1200 × 630 PNG with the page's title and the site's
name, drawn at build time with Pillow in the installed Noto Sans CJK SC (found through fontconfig, as the
PDFs are: sitebuild.fonts).

Not Material's social plugin: it needs CairoSVG and the system's cairo, and downloads its fonts from Google
Fonts on the first build (no switch turns that off), which a build without network cannot do.

Images are cached by content (title, site name, layout version, font file) in build/cache/share-images/, so a
warm build only copies them into site/assets/share/. Web edition only: the other editions' pages are files.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import shutil
import subprocess
from pathlib import Path
from typing import Any

from sitebuild.errors import BuildError
from sitebuild.fonts import FONT_PACKAGE

log = logging.getLogger("mkdocs.hooks.sitebuild.share_image")

WIDTH, HEIGHT = 1200, 630
LAYOUT_VERSION = "2"         # change when the drawing below changes: the cache keys change with it
FAMILY = "Noto Sans CJK SC"
BACKGROUND = (26, 35, 126)   # #1a237e, the handbook's heading colour
ACCENT = (197, 202, 233)     # #c5cae9
TEXT = (255, 255, 255)
MARGIN = 80
TITLE_SIZES = (84, 72, 60)   # the largest that fits in MAX_LINES lines
MAX_LINES = 3
SITE_NAME_SIZE = 40
CACHE_DIR = Path("build/cache/share-images")
SITE_SUBDIR = "assets/share"


class ShareImageError(BuildError):
    pass


@functools.cache
def font_file(style: str) -> tuple[str, int]:
    """(path, index in the collection) of FAMILY in `style`, from fontconfig."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise ShareImageError("error: share images need `fc-match`: install the Debian package fontconfig")
    proc = subprocess.run([fc_match, "-f", "%{family}\n%{file}\n%{index}", f"{FAMILY}:style={style}"],
                          capture_output=True, text=True, timeout=60, check=False)
    lines = proc.stdout.split("\n")
    if proc.returncode != 0 or len(lines) < 3 or FAMILY not in lines[0]:
        raise ShareImageError(f"error: share images need the font {FAMILY}: install the Debian package {FONT_PACKAGE}")
    return lines[1], int(lines[2] or 0)


def _font(style: str, size: int) -> Any:
    from PIL import ImageFont

    path, index = font_file(style)
    return ImageFont.truetype(path, size, index=index)


def wrap(text: str, font: Any, width: int) -> list[str]:
    """Lines no wider than `width`: Chinese breaks between any two characters; a Latin word stays whole."""
    words: list[str] = []
    for char in text:
        if words and char.isascii() and char.isalnum() and words[-1][-1:].isascii() and words[-1][-1:].isalnum():
            words[-1] += char
        else:
            words.append(char)
    lines = [""]
    for word in words:
        if lines[-1] and font.getlength(lines[-1] + word) > width:
            lines[-1] = lines[-1].rstrip()
            lines.append(word.lstrip())
        else:
            lines[-1] += word
    return lines


def title_lines(title: str) -> tuple[Any, list[str]]:
    for size in TITLE_SIZES:
        font = _font("Bold", size)
        lines = wrap(title, font, WIDTH - 2 * MARGIN)
        if len(lines) <= MAX_LINES:
            return font, lines
    lines = lines[:MAX_LINES]
    lines[-1] = lines[-1][:-1] + "…"
    return font, lines


def render(title: str, site_name: str) -> bytes:
    from io import BytesIO

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    name_font = _font("Regular", SITE_NAME_SIZE)
    draw.text((MARGIN, MARGIN - 10), site_name, font=name_font, fill=ACCENT)
    draw.rectangle((MARGIN, MARGIN + 64, MARGIN + 120, MARGIN + 70), fill=ACCENT)
    font, lines = title_lines(title)
    line_height = int(font.size * 1.35)
    top = (HEIGHT - line_height * len(lines)) // 2 + 40
    for i, line in enumerate(lines):
        draw.text((MARGIN, top + i * line_height), line, font=font, fill=TEXT)
    buffer = BytesIO()
    # a palette: a third of the bytes for flat colours and anti-aliased text
    image.quantize(colors=64, dither=Image.Dither.NONE).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def cache_key(title: str, site_name: str) -> str:
    fonts = [font_file(style) for style in ("Bold", "Regular")]
    return hashlib.sha256(repr((LAYOUT_VERSION, title, site_name, fonts)).encode()).hexdigest()[:32]


def cached_image(title: str, site_name: str, cache_dir: Path) -> Path:
    """The image for (title, site name): drawn once, then read from `cache_dir`."""
    target = cache_dir / f"{cache_key(title, site_name)}.png"
    if not target.is_file():
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".tmp")
        partial.write_bytes(render(title, site_name))
        partial.replace(target)  # the editions build side by side: never leave half a file under the key
    return target


def image_path(dest_uri: str) -> str:
    """`faq/visit/index.html` -> `assets/share/faq/visit.png`; `index.html` -> `assets/share/index.png`."""
    stem = dest_uri[: -len("/index.html")] if dest_uri.endswith("/index.html") else dest_uri.removesuffix(".html")
    return f"{SITE_SUBDIR}/{stem}.png"


def add_to_page(page: Any, title: str, config: Any) -> None:
    """Copy the page's image into the site; page.meta['share_image'] = its absolute URL (web edition)."""
    if config.extra.get("edition") or not config.site_url:
        return
    root = Path(config.config_file_path).parent
    try:
        source = cached_image(title, str(config.site_name), root / CACHE_DIR)
    except ShareImageError as err:
        log.warning("%s", err)
        return
    rel = image_path(page.file.dest_uri)
    target = Path(config.site_dir) / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    page.meta["share_image"] = config.site_url.rstrip("/") + "/" + rel
    page.meta["share_image_size"] = (WIDTH, HEIGHT)
