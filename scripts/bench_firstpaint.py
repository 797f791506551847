"""First-paint benchmark on a weak connection (prints a table; not a test).

Serves the built site gzip-compressed on a loopback port (scripts/compressed_server.py), and opens the
home and door pages in Debian's Chromium with an empty cache over an emulated connection (Chrome DevTools
Protocol Network.emulateNetworkConditions: 400 ms round trip, 400 kbit/s down and up). For each page, the
median of RUNS cold loads: first paint, first contentful paint and the load event (ms after navigation
start), the requests and bytes transferred until load, how many of them blocked rendering (Chromium's
resource timing `renderBlockingStatus`), and whether the search worker was requested.

Target: first paint at most 1.5 s for both pages.

    .venv/bin/python scripts/bench_firstpaint.py [SITE_DIR] [--runs N]   (default: site/, 3 runs)
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

from playwright.sync_api import Browser, sync_playwright

from compressed_server import serve_compressed
from browser_harness import ChromiumMissing, launch_chromium, new_context

PAGES = ("", "door/")  # home, 有人在门口
LATENCY_MS = 400
THROUGHPUT_BYTES_PER_S = 400_000 / 8  # 400 kbit/s
TARGET_MS = 1500
SEARCH_WORKER = "/assets/javascripts/workers/search."

TIMINGS_JS = """() => {
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]));
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  return {
    fp: paint['first-paint'] ?? null,
    fcp: paint['first-contentful-paint'] ?? null,
    load: nav.loadEventEnd,
    bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
    blocking: resources.filter(r => r.renderBlockingStatus === 'blocking').map(r => r.name),
  };
}"""


@dataclass
class Load:
    fp: float
    fcp: float
    load: float
    requests: int
    bytes: int
    blocking: list[str]
    worker: bool


def cold_load(browser: Browser, url: str) -> Load:
    context = new_context(browser, phone=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": LATENCY_MS,
        "downloadThroughput": THROUGHPUT_BYTES_PER_S, "uploadThroughput": THROUGHPUT_BYTES_PER_S,
    })
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)  # paint entries and late requests (the worker) settle
    t = page.evaluate(TIMINGS_JS)
    context.close()
    return Load(t["fp"] or -1, t["fcp"] or -1, t["load"], len(requests), t["bytes"], t["blocking"],
                any(SEARCH_WORKER in u for u in requests))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site}/index.html not found: build the site first (./tasks.sh build)", file=sys.stderr)
        return 1
    print(f"{args.site}, gzip, {LATENCY_MS} ms round trip, {THROUGHPUT_BYTES_PER_S * 8 / 1000:.0f} kbit/s, "
          f"cold cache, median of {args.runs}")
    print(f"{'page':8} {'first paint':>11} {'FCP':>7} {'load':>7} {'requests':>8} {'KB':>6} {'blocking':>8}  search worker")
    failed = False
    try:
        with serve_compressed(args.site) as base_url, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for path in PAGES:
                loads = [cold_load(browser, base_url + path) for _ in range(args.runs)]
                fp = statistics.median(x.fp for x in loads)
                failed |= fp > TARGET_MS
                last = loads[-1]
                print(f"{path or 'home':8} {fp:9.0f}ms {statistics.median(x.fcp for x in loads):5.0f}ms "
                      f"{statistics.median(x.load for x in loads):5.0f}ms {last.requests:8d} {last.bytes / 1024:6.1f} "
                      f"{len(last.blocking):8d}  {'fetched on load' if last.worker else 'not fetched'}")
                for name in last.blocking:
                    print(f"           blocking: {name.removeprefix(base_url)}")
            browser.close()
    except ChromiumMissing as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"target: first paint <= {TARGET_MS} ms: {'missed' if failed else 'met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
