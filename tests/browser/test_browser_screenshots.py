"""Screenshots for review (not compared to anything): the reading surface's pages (tables, citations, type,
diagrams, checklist, glossary, letters, the handout) and the appendix at desktop and phone size, written to
test-artifacts/screenshots/ (ignored by git). scripts/screenshots.py takes the fuller before/after sets."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from browser_harness import DESKTOP, PHONE

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PAGES = {
    "home": "", "door": "door/", "faq-jail": "faq/jail/", "pillar-legality": "legality/", "appendix": "laws/",
    "appendix-xingfa": "laws/xingfa/", "authenticity": "authenticity/", "verify-checklist": "authenticity/verify/",
    "conduct": "conduct/", "complaints": "conduct/complaints/", "lawsuit-diagram": "guide/lawsuit/",
    "glossary": "about/glossary/", "letter-complaint": "guide/templates/complaint-letters/", "handout": "mingbaizhi/",
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_screenshot(desktop: BrowserContext, phone: BrowserContext, site_url: str, site_dir: Path,
                    name: str, size: str) -> None:
    path = PAGES[name]
    if not (site_dir / path / "index.html").is_file():
        pytest.fail(f"site/{path}index.html is missing: the page to photograph was not built", pytrace=False)
    context = desktop if size == "desktop" else phone
    tab = context.new_page()
    tab.goto(site_url + path, wait_until="networkidle")
    SHOTS.mkdir(parents=True, exist_ok=True)
    out = SHOTS / f"{name}-{size}.png"
    image = tab.screenshot(path=out, full_page=True)
    tab.close()
    width = int.from_bytes(image[16:20], "big")  # PNG IHDR: width in pixels
    assert image.startswith(PNG_SIGNATURE) and out.stat().st_size > 5_000, f"{out}: not a real screenshot"
    expected = (DESKTOP if size == "desktop" else PHONE)["width"]
    assert width == expected, f"{out}: the page is {width} px wide at a {expected} px viewport (it overflows)"
