"""一页明白纸 for a phone and for a door: the web page prints on ONE A4 sheet in Chromium (online and in the
offline edition); the long picture for a phone is 1080 px wide with type of at least 40 px; the door's six
steps are on the A4 sheet and on the phone picture."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser
from pypdf import PdfReader

from sitebuild import handout
from sitebuild.editions import download_names, load_edition

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
PAGE = "mingbaizhi/"
MIN_PHONE_TYPE_PX = 40


# Chromium's PDF maps some characters to CJK radical supplement code points, which NFKC leaves alone
RADICALS = str.maketrans("⻔⻚⺠⻅⻓⻢⻋⻛⻜⻬⻝⻨⻩⻆⻉", "门页民见长马车风飞齐食麦黄角贝")


def _plain(text: str) -> str:
    # NFKC: the PDF's CJK font maps some characters to Kangxi radicals (⼈ for 人)
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(RADICALS))


def door_steps(site_dir: Path) -> list[str]:
    soup = BeautifulSoup((site_dir / "door" / "index.html").read_text(encoding="utf-8"), "html.parser")
    steps = [_plain(li.get_text()) for li in soup.select(".md-content .door-steps ol > li")]
    assert len(steps) == 6, f"site/door/: {len(steps)} steps"
    return steps


def _printed_pages(browser: Browser, url: str, name: str) -> PdfReader:
    context = browser.new_context(locale="zh-CN")
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="networkidle")
        pdf = tab.pdf(format="A4")
    finally:
        context.close()
    (ARTIFACTS / name).parent.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / name).write_bytes(pdf)
    return PdfReader(io.BytesIO(pdf))


def test_the_web_page_prints_on_one_a4_sheet(chromium: Browser, site_url: str, site_dir: Path) -> None:
    reader = _printed_pages(chromium, site_url + PAGE, "mingbaizhi-print.pdf")
    assert len(reader.pages) == 1, (
        f"site/{PAGE} prints on {len(reader.pages)} A4 sheets in Chromium (test-artifacts/mingbaizhi-print.pdf): "
        "tighten the 一页明白纸 print block in docs/stylesheets/extra.css")
    text = _plain(reader.pages[0].extract_text())
    for step in door_steps(site_dir) + ["来源", "12368"]:
        assert step in text, f"the printed page lacks {step!r}: cut, not fitted"


def test_the_offline_page_prints_on_one_a4_sheet(chromium: Browser) -> None:
    offline = load_edition("offline", ROOT).site_dir / "mingbaizhi.html"
    if not offline.is_file():
        pytest.fail(f"{offline} is missing: build the offline edition (./tasks.sh build)", pytrace=False)
    reader = _printed_pages(chromium, offline.as_uri(), "mingbaizhi-print-offline.pdf")
    assert len(reader.pages) == 1, f"the offline 一页明白纸 prints on {len(reader.pages)} A4 sheets"
    assert "来源" in _plain(reader.pages[-1].extract_text())


def test_the_a4_handout_has_the_six_door_steps(site_dir: Path) -> None:
    names = download_names(load_edition("web", ROOT).extra)
    reader = PdfReader(site_dir / names.folder / names.handout_pdf)
    text = _plain(reader.pages[0].extract_text())
    missing = [step for step in door_steps(site_dir) if step not in text]
    assert not missing, f"the A4 handout lacks the door steps {missing}"


def _line_heights(picture: Path) -> list[int]:
    """The heights of the bands of rows holding dark pixels (lines of text; rules under 8 px left out)."""
    from PIL import Image

    with Image.open(picture) as image:
        grey = image.convert("L")
    width, height = grey.size
    data = grey.load()
    dark = [any(data[x, y] < 128 for x in range(0, width, 2)) for y in range(height)]
    bands, run = [], 0
    for row in dark + [False]:
        if row:
            run += 1
        elif run:
            bands.append(run)
            run = 0
    return [b for b in bands if b >= 8]


def test_the_phone_picture_is_1080_wide_with_big_type(site_dir: Path) -> None:
    names = download_names(load_edition("web", ROOT).extra)
    picture = site_dir / names.folder / handout.phone_png_name(names.handout_png)
    assert picture.is_file(), f"no phone picture {picture}"
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(picture, shots / "handout-phone.png")
    data = picture.read_bytes()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == handout.PHONE_WIDTH_PX and height > 2 * width, f"the phone picture is {width}×{height}"
    assert len(data) < 600_000, f"the phone picture is {len(data)} bytes: too heavy for a prepaid plan"
    # a CJK line of 40 px type draws ink about 0.85 em tall; a line of the A4 picture's type at phone width
    # would be under 15 px
    lines = _line_heights(picture)
    assert len(lines) > 40 and min(lines) >= 0.8 * MIN_PHONE_TYPE_PX, (
        f"the phone picture's smallest line of text is {min(lines)} px tall: type under {MIN_PHONE_TYPE_PX} px")
    # linked from the page, beside the A4 one
    soup = BeautifulSoup((site_dir / "mingbaizhi" / "index.html").read_text(encoding="utf-8"), "html.parser")
    files = [Path(a["href"]).name for a in soup.select("article a[download]")]
    assert picture.name in files and names.handout_png in files, files


def test_the_phone_picture_has_the_door_steps_in_40_px_type(site_dir: Path, tmp_path: Path) -> None:
    """The picture's own PDF, made from the built page as the build makes it: its text and its type sizes."""
    soup = BeautifulSoup((site_dir / "mingbaizhi" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    assert article is not None
    document = handout.sheet_html(article.decode_contents(), title="一页明白纸", footer="上门催收明白纸")
    pdf = tmp_path / "phone.pdf"
    assert handout.render_pdf(document, pdf, handout.PHONE_STYLESHEET) == 1
    page = PdfReader(pdf).pages[0]
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes.append(size * scale)

    text = _plain(page.extract_text(visitor_text=visit))
    missing = [step for step in door_steps(site_dir) if step not in text]
    assert not missing, f"the phone picture lacks the door steps {missing}"
    smallest_px = min(sizes) / 0.75  # PDF points to CSS px
    assert smallest_px >= MIN_PHONE_TYPE_PX - 0.5, f"the phone picture has type of {smallest_px:.1f} px"
