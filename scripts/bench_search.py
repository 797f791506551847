"""Search benchmark (prints figures; not a test): what javascripts/search-query.js costs the reader.

In Debian's Chromium, on the home page, with the CPU slowed down 4× (a mid-range phone):
- the time the script takes to count the words of the index when search is first opened (its User Timing
  measure "search-query: words of the index");
- how long each whole-sentence question of tests/data/reader_questions.yaml takes from typing to results,
  median and slowest, with the script and, on a copy of the site without it, with Material's search alone.

    .venv/bin/python scripts/bench_search.py [SITE_DIR]     (default: site/, built by ./tasks.sh build)
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from playwright.sync_api import Browser, Page, sync_playwright

from browser_harness import ChromiumMissing, launch_chromium, new_context, open_search, serve_directory

ROOT = Path(__file__).resolve().parents[1]

QUESTIONS = ROOT / "tests" / "data" / "reader_questions.yaml"
CPU_SLOWDOWN = 4
# search-query.js's part of the site's one script file (sitebuild.site_script marks each part)
QUERY_SCRIPT_PART = re.compile(r"/\* ---- javascripts/search-query\.js ---- \*/\n.*?(?=/\* ---- |\Z)", re.DOTALL)
LEARN_MEASURE = "search-query: words of the index"
ANSWERED_JS = """() => document.querySelector('.md-search-result__item')
  || /\\d|没有/.test(document.querySelector('.md-search-result__meta').textContent)"""


def without_query_script(site: Path, target: Path) -> Path:
    """A copy of the site whose script file lacks search-query.js: Material's search alone."""
    shutil.copytree(site, target)
    for script in (target / "javascripts").glob("site.*.js"):
        text = script.read_text(encoding="utf-8")
        script.write_text(QUERY_SCRIPT_PART.sub("", text), encoding="utf-8")
    return target


def timed_questions(page: Page, questions: list[str]) -> list[float]:
    """Milliseconds from typing each question to Material showing its answer."""
    box = page.locator("input.md-search__input")
    times = []
    for question in questions:
        box.fill("")
        box.press("End")
        page.wait_for_function("!document.querySelector('.md-search-result__item')")
        start = time.perf_counter()
        box.fill(question)
        box.press("End")
        page.wait_for_function(ANSWERED_JS)
        times.append((time.perf_counter() - start) * 1000)
    return times


def run(site: Path, questions: list[str], browser: Browser) -> tuple[float | None, list[float]]:
    with serve_directory(site) as base_url:
        context = new_context(browser)
        page = context.new_page()
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(base_url, wait_until="networkidle")
        open_search(page)
        page.locator("input.md-search__input").focus()
        page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''")
        timed_questions(page, questions[:1])  # the first query waits for the index to load and be indexed
        learn = page.evaluate(f"() => performance.getEntriesByName({LEARN_MEASURE!r}).map(e => e.duration)[0] ?? null")
        times = timed_questions(page, questions)
        context.close()
    return learn, times


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    if not (site / "index.html").is_file():
        print(f"{site}: no built site; run ./tasks.sh build first", file=sys.stderr)
        return 2
    questions = [q["question"] for q in yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))]
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        try:
            browser = launch_chromium(playwright)
        except ChromiumMissing as err:
            print(err, file=sys.stderr)
            return 2
        learn, with_script = run(site, questions, browser)
        _, alone = run(without_query_script(site, Path(tmp) / "site"), questions, browser)
        browser.close()
    print(f"CPU slowed down {CPU_SLOWDOWN}x; {len(questions)} questions from {QUESTIONS.relative_to(ROOT)}")
    print(f"counting the index's words when search opens: {learn:.1f} ms" if learn is not None
          else "counting the index's words: no measure found (is search-query.js loaded?)")
    for label, times in (("with search-query.js", with_script), ("Material's search alone", alone)):
        print(f"typing to results, {label}: median {statistics.median(times):.0f} ms, slowest {max(times):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
