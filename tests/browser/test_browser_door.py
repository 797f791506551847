"""有人在门口 (docs/door.md): reachable in one tap from the top of the home page on a phone,
the first steps on the first screen of a 390×844 phone without scrolling, and the whole page on one A4 sheet
when printed from the browser."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext
from pypdf import PdfReader

from browser_harness import PHONE

pytestmark = pytest.mark.browser

DOOR = "door/"
STEPS = ".md-content .door-steps ol"
PDF_OUT = Path(__file__).resolve().parents[2] / "test-artifacts" / "door-print.pdf"

BOX_JS = """(el) => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, height: r.height}; }"""


def test_home_page_links_to_the_door_page_above_the_fold(phone: BrowserContext, site_url: str) -> None:
    tab = phone.new_page()
    try:
        tab.goto(site_url, wait_until="networkidle")
        links = tab.locator(".md-content article a[href]:not(.headerlink)")
        first = links.first
        href = first.get_attribute("href") or ""
        assert href.rstrip("/").endswith("door"), (
            f"the first link in the home page's text goes to {href!r}, not to the 有人在门口 page (door/); "
            "put the link to door.md right under the title of docs/index.md"
        )
        box = first.evaluate(BOX_JS)
        assert box["height"] >= 44, f"the link to door/ is {box['height']:.0f} px tall: too small a tap target"
        assert 0 <= box["top"] and box["bottom"] <= PHONE["height"], (
            f"on a {PHONE['width']}×{PHONE['height']} phone the link to door/ sits at {box['top']:.0f}–"
            f"{box['bottom']:.0f} px: not on the first screen"
        )
        first.click()
        tab.wait_for_url(f"**/{DOOR}")
    finally:
        tab.close()


def test_door_steps_fit_the_first_phone_screen(phone: BrowserContext, site_url: str) -> None:
    tab = phone.new_page()
    try:
        tab.goto(site_url + DOOR, wait_until="networkidle")
        steps = tab.locator(STEPS)
        assert steps.count() == 1, f"site/{DOOR}: no numbered list inside .door-steps"
        items = steps.locator(":scope > li")
        assert items.count() >= 5, f"site/{DOOR}: only {items.count()} steps"
        box = steps.evaluate(BOX_JS)
        assert box["top"] >= 0 and box["bottom"] <= PHONE["height"], (
            f"site/{DOOR}: the steps end at {box['bottom']:.0f} px, below the {PHONE['height']} px screen; "
            "shorten them or what comes before them"
        )
        for index in range(items.count()):
            item = items.nth(index)
            font = item.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
            assert font >= 16, f"site/{DOOR}: step {index + 1} is set in {font} px type (at least 16 px)"
        # each step's legal ground: one line of named links under the steps (test_browser_door_hand.py)
        grounds = tab.locator(".md-content .door-why a[href^='#']")
        assert grounds.count() >= 5, f"site/{DOOR}: the steps' grounds are not linked under them"
        for index in range(grounds.count()):
            target = (grounds.nth(index).get_attribute("href") or "#").removeprefix("#")
            assert tab.locator(f"[id='{target}']").count() == 1, (
                f"site/{DOOR}: a ground links to #{target}, which is not on the page"
            )
    finally:
        tab.close()


def test_door_page_prints_on_one_a4_page(desktop: BrowserContext, site_url: str) -> None:
    tab = desktop.new_page()
    try:
        tab.goto(site_url + DOOR, wait_until="networkidle")
        pdf = tab.pdf(format="A4", print_background=False)
    finally:
        tab.close()
    PDF_OUT.parent.mkdir(parents=True, exist_ok=True)
    PDF_OUT.write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1, (
        f"site/{DOOR} prints on {len(reader.pages)} A4 pages (saved to {PDF_OUT}); it must fit one. Shorten "
        "docs/door.md or adjust the door block at the end of docs/stylesheets/extra.css"
    )
    # NFKC: the PDF's CJK font maps some characters to Kangxi radicals (⼈ for 人)
    text = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
    for words in ("猫眼", "110", "来源"):  # a step, the last step, the last section
        assert words in text, f"the printed page lacks {words!r}: the page was cut, not fitted"
