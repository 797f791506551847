"""Page-weight benchmark (prints a table; not a test).

For the first load of each built page (fresh browser context, empty cache) in Debian's Chromium, the bytes
a gzip-serving web server would transfer, split into HTML, CSS, JS, fonts and images, plus the search index
on its own. Text files (HTML, CSS, JS, JSON, SVG) are counted gzip-compressed at level 6 (a common server
setting); fonts and images as they are (servers do not re-compress them).

With --nginx the site is served by a real nginx with the project's server block (deploy/nginx/site.conf, the
.gz copies made by the build) and each response counts with the body bytes Chromium received (headers not
counted), as served.

Targets: at most 150 KB per page before the search index; the search index at most 1 MB.

    .venv/bin/python scripts/bench_pageweight.py [--nginx] [SITE_DIR]     (default: site/, built by ./tasks.sh build)
"""

from __future__ import annotations

import gzip
import sys
from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Request, sync_playwright

from browser_harness import ChromiumMissing, is_local, launch_chromium, new_context, serve_directory
from nginx_run import NginxFailed, NginxMissing, serve_with_nginx
from sitebuild.editions import load_edition

ROOT = Path(__file__).resolve().parents[1]

PAGE_BUDGET = 150 * 1024
INDEX_BUDGET = 1024 * 1024
SEARCH_INDEX = "search/search_index.json"
KINDS = ("HTML", "CSS", "JS", "fonts", "images", "other")
KIND_OF_SUFFIX = {
    ".html": "HTML", ".css": "CSS", ".js": "JS", ".mjs": "JS",
    ".woff2": "fonts", ".woff": "fonts", ".ttf": "fonts", ".otf": "fonts",
    ".png": "images", ".jpg": "images", ".jpeg": "images", ".gif": "images", ".webp": "images",
    ".svg": "images", ".ico": "images", ".avif": "images",
}
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".svg", ".txt", ".xml"}


@dataclass
class PageWeight:
    page: str
    bytes_by_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    offsite: list[str] = field(default_factory=list)
    fetched_index: bool = False  # the search index came with the first load (before search was opened)

    @property
    def total(self) -> int:
        return sum(self.bytes_by_kind.values())


def transferred_size(file: Path) -> int:
    data = file.read_bytes()
    return len(gzip.compress(data, compresslevel=6)) if file.suffix in COMPRESSIBLE else len(data)


def served_size(file: Path) -> int:
    """What nginx sends for `file` to a browser that accepts gzip: its .gz copy when the build made one. For the
    requests Chromium reports no size for (a worker's script)."""
    packed = file.with_name(file.name + ".gz")
    return packed.stat().st_size if packed.is_file() else file.stat().st_size


def file_for(url: str, base_url: str, site: Path) -> Path | None:
    path = unquote(urlsplit(url).path).removeprefix(urlsplit(base_url).path)
    file = site / path
    if path == "" or path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None


def built_pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "assets"
    )


def measure(site: Path, *, nginx: bool = False) -> tuple[list[PageWeight], int]:
    """Weights of every page's first load, and the search index's transferred size."""
    weights = []
    server: Callable[[Path], AbstractContextManager[str]] = serve_with_nginx if nginx else serve_directory
    with server(site) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for page_path in built_pages(site):
            requests: list[Request] = []
            context = new_context(browser)
            tab = context.new_page()
            tab.on("request", lambda request: requests.append(request))
            tab.goto(base_url + page_path.removesuffix("index.html"), wait_until="networkidle")
            # as nginx sent them: the body bytes Chromium received for each request (the .gz copy when there is one)
            received = {r.url: r.sizes()["responseBodySize"] for r in requests if nginx and is_local(r.url)
                        and r.url.startswith("http")}
            urls = [r.url for r in requests]
            context.close()
            weight = PageWeight(page=page_path)
            for url in dict.fromkeys(urls):  # each URL once: the first load fetches it once
                if not is_local(url):
                    weight.offsite.append(url)
                    continue
                file = file_for(url, base_url, site)
                if file is not None and file.relative_to(site).as_posix() == SEARCH_INDEX:
                    weight.fetched_index = True
                    continue
                if file is None:
                    continue
                size = (received[url] or served_size(file)) if nginx else transferred_size(file)
                weight.bytes_by_kind[KIND_OF_SUFFIX.get(file.suffix, "other")] += size
            weights.append(weight)
        browser.close()
    index = site / SEARCH_INDEX
    index_gz = index.with_name(index.name + ".gz")
    return weights, index_gz.stat().st_size if nginx and index_gz.is_file() else transferred_size(index)


def kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def print_table(weights: list[PageWeight], index_gzip: int, index_raw: int, *, nginx: bool = False) -> None:
    name_width = max(len(w.page) for w in weights)
    header = f"{'page':<{name_width}}  " + "  ".join(f"{k:>7}" for k in KINDS) + f"  {'total':>7}  target"
    how = ("as served by nginx (deploy/nginx/site.conf: the build's .gz copies; response bodies, headers not counted; a worker's script, which Chromium gives no size for, counted as its .gz file)"
           if nginx else "(text gzip -6; fonts/images as is)")
    print(f"First load per page, KB transferred {how}, search index excluded")
    print(header)
    print("-" * len(header))
    for w in weights:
        cells = "  ".join(f"{kb(w.bytes_by_kind.get(k, 0)):>7}" for k in KINDS)
        verdict = "ok" if w.total <= PAGE_BUDGET else f"OVER {kb(PAGE_BUDGET)}"
        print(f"{w.page:<{name_width}}  {cells}  {kb(w.total):>7}  {verdict}")
    print("-" * len(header))
    heaviest = max(weights, key=lambda w: w.total)
    print(f"heaviest page: {heaviest.page} {kb(heaviest.total)} KB (target ≤ {kb(PAGE_BUDGET)} KB)")
    verdict = "ok" if index_gzip <= INDEX_BUDGET else "OVER"
    print(f"search index ({SEARCH_INDEX}): {kb(index_gzip)} KB gzip, {kb(index_raw)} KB raw "
          f"(target ≤ {kb(INDEX_BUDGET)} KB) {verdict}")
    eager = [w for w in weights if w.fetched_index]
    print(f"pages whose first load also fetches the search index (before search is opened): {len(eager)} of "
          f"{len(weights)}" + (f"; the heaviest then transfers {kb(heaviest.total + index_gzip)} KB" if eager else ""))
    offsite = sorted({u for w in weights for u in w.offsite})
    if offsite:
        print("requests to other hosts (not counted):\n  " + "\n  ".join(offsite))


def main(argv: list[str]) -> int:
    nginx = "--nginx" in argv[1:]
    args = [a for a in argv[1:] if a != "--nginx"]
    site = Path(args[0]) if args else load_edition("web").site_dir
    if not (site / "index.html").is_file() or not (site / SEARCH_INDEX).is_file():
        print(f"error: {site} is not a built site (no index.html or {SEARCH_INDEX}); run ./tasks.sh build first "
              "or pass the folder of a built site", file=sys.stderr)
        return 2
    try:
        weights, index_gzip = measure(site, nginx=nginx)
    except (ChromiumMissing, NginxMissing, NginxFailed) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print_table(weights, index_gzip, (site / SEARCH_INDEX).stat().st_size, nginx=nginx)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
