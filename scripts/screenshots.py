"""Review screenshots of the reading surface (not a test): the pages issue 15 names, at 390×844 with touch
(light and dark) and at 1280 px, plus the search results on a phone and each letter as printed.

    .venv/bin/python scripts/screenshots.py LABEL [SITE_DIR]

writes test-artifacts/screenshots/LABEL/*.png (default SITE_DIR: site/, built by ./tasks.sh build) and
prints one line per file. Run it with LABEL=before on a build of the old commit and LABEL=after on the new
one to compare the two with your eyes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, sync_playwright

from browser_harness import ChromiumMissing, launch_chromium, new_context, open_search, serve_directory
from sitebuild.editions import load_edition

ROOT = Path(__file__).resolve().parents[1]

OUT = ROOT / "test-artifacts" / "screenshots"
# name -> URL path from the site root: the pages issue 15 names
PAGES = {
    "home": "",
    "authenticity": "authenticity/",
    "verify-checklist": "authenticity/verify/",
    "conduct": "conduct/",
    "complaints": "conduct/complaints/",
    "legality": "legality/",
    "lawsuit-diagram": "guide/lawsuit/",
    "glossary": "about/glossary/",
    "about": "about/",
    "letter-complaint": "guide/templates/complaint-letters/",
    "letter-repayment": "guide/templates/repayment-request/",
    "law-xingfa": "laws/xingfa/",
    "handout": "mingbaizhi/",
}
DARK_PAGES = ("home", "authenticity", "complaints", "lawsuit-diagram", "handout")
LETTERS = ("letter-complaint", "letter-repayment")
SEARCHES = {"search-shangmen": "上门", "search-women": "我们", "search-dayin": "打印", "search-sentence": "网贷逾期了还不上会坐牢吗"}


def shoot(context: BrowserContext, url: str, out: Path) -> None:
    tab = context.new_page()
    try:
        tab.goto(url, wait_until="networkidle")
        tab.screenshot(path=out, full_page=True)
    finally:
        tab.close()
    print(out.relative_to(ROOT), flush=True)


def shoot_search(context: BrowserContext, base: str, query: str, out: Path) -> None:
    tab: Page = context.new_page()
    try:
        tab.goto(base, wait_until="networkidle")
        open_search(tab)
        box = tab.locator("input.md-search__input")
        box.fill(query)
        box.press("End")
        tab.wait_for_selector(".md-search-result__item", timeout=10_000)
        tab.wait_for_timeout(300)
        tab.screenshot(path=out)
    finally:
        tab.close()
    print(out.relative_to(ROOT), flush=True)


def print_letter(context: BrowserContext, url: str, out: Path) -> None:
    """The letter as the browser prints it on A4, each sheet as one PNG (pdftoppm), and the sheet count."""
    import subprocess

    tab = context.new_page()
    try:
        tab.goto(url, wait_until="networkidle")
        pdf = tab.pdf(format="A4", print_background=False)
    finally:
        tab.close()
    pdf_path = out.with_suffix(".pdf")
    pdf_path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf_path), str(out.with_suffix(""))], check=True)
    sheets = sorted(out.parent.glob(out.stem + "-*.png"))
    print(f"{pdf_path.relative_to(ROOT)}: {len(sheets)} A4 page(s)", flush=True)


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    label = argv[0]
    site = Path(argv[1]) if len(argv) > 1 else load_edition("web").site_dir
    if not (site / "index.html").is_file():
        print(f"error: {site}/index.html not found: build the site first (./tasks.sh build)", file=sys.stderr)
        return 2
    out = OUT / label
    out.mkdir(parents=True, exist_ok=True)
    with serve_directory(site) as base, sync_playwright() as playwright:
        try:
            browser = launch_chromium(playwright)
        except ChromiumMissing as err:
            print(err, file=sys.stderr)
            return 1
        contexts = {
            "phone": new_context(browser, phone=True),
            "phone-dark": new_context(browser, phone=True, dark=True),
            "desktop": new_context(browser),
        }
        for name, path in PAGES.items():
            if not (site / path / "index.html").is_file():
                print(f"(no page {path} in {site})", flush=True)
                continue
            for mode, context in contexts.items():
                if mode == "phone-dark" and name not in DARK_PAGES:
                    continue
                shoot(context, base + path, out / f"{name}-{mode}.png")
        for name, query in SEARCHES.items():
            shoot_search(contexts["phone"], base, query, out / f"{name}-phone.png")
        for name in LETTERS:
            print_letter(contexts["desktop"], base + PAGES[name], out / f"{name}-print.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
