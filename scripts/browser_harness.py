"""What the browser tests, the benchmarks and scripts/screenshots.py share: serve a folder, launch Chromium,
open contexts, search, run axe-core.

No pytest here: the browser tests' fixtures (tests/browser/fixtures.py) and the scripts both build on it.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Playwright, Request, ViewportSize

CHROMIUM_PATH = Path("/usr/bin/chromium")  # Debian's package; `playwright install` downloads and fails here
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LOCAL_HOST = "127.0.0.1"
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}
AXE_JS = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


class _QuietHandler(SimpleHTTPRequestHandler):
    """Static files as they are on disk (http.server never gzips); no log line per request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass


@contextmanager
def serve_directory(root: Path, handler_class: type[SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve `root` on 127.0.0.1 on a free port in a background thread (with `handler_class`); yields the base
    URL ending in /."""
    handler = functools.partial(handler_class, directory=str(root))
    server = ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class ChromiumMissing(RuntimeError):
    pass


def launch_chromium(playwright: Playwright) -> Browser:
    if not CHROMIUM_PATH.exists():
        raise ChromiumMissing(
            f"{CHROMIUM_PATH} not found: install Debian's chromium (`apt-get install chromium`, "
            "or run ./tasks.sh test, which does); never `playwright install`."
        )
    return playwright.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)


def new_context(browser: Browser, *, phone: bool = False, dark: bool = False) -> BrowserContext:
    """A fresh context (empty cache, no stored palette) at desktop or phone size, light or dark scheme."""
    if phone:
        return browser.new_context(
            viewport=PHONE, screen={"width": PHONE["width"], "height": PHONE["height"]}, is_mobile=True, has_touch=True, device_scale_factor=1,
            color_scheme="dark" if dark else "light", locale="zh-CN",
        )
    return browser.new_context(viewport=DESKTOP, color_scheme="dark" if dark else "light", locale="zh-CN")


def is_local(url: str) -> bool:
    """True when loading `url` does not leave 127.0.0.1 (data:, blob: and about: never touch the network)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname == LOCAL_HOST


@dataclass
class PageWatch:
    """Everything a page did that a test may object to: requests (incl. its workers'), console errors."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("request", self._on_request)
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"uncaught exception: {exc}"))

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location or {}
            where = f" ({location.get('url', '?')}:{location.get('lineNumber', '?')})" if location else ""
            self.errors.append(f"console.error: {message.text}{where}")

    @property
    def offsite_requests(self) -> list[str]:
        return [url for url in self.requests if not is_local(url)]

    def clear(self) -> None:
        self.requests.clear()
        self.errors.clear()


def open_page(context: BrowserContext, url: str) -> tuple[Page, PageWatch]:
    """Open `url` in a new tab of `context`, watching it from the first request; waits for network idle."""
    page = context.new_page()
    watch = PageWatch()
    watch.attach(page)
    page.goto(url, wait_until="networkidle")
    return page, watch


def open_search(page: Page) -> None:
    """Make the search box usable: on a phone it hides behind the magnifier button in the header."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
        box.wait_for(state="visible")


def search(page: Page, query: str, base_url: str, *, timeout_ms: int = 10_000) -> list[str]:
    """Type `query` into Material's search and return the result pages, best first, as site paths (`guide/`).

    Material reads the query on keyup, so the text is filled in and then End is pressed. Each result item is
    one page (its sections are nested inside it); the item's first link names the page.
    """
    open_search(page)
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    # a function, not an expression: the site's Content-Security-Policy forbids the eval() an expression needs
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')", timeout=timeout_ms)
    box.fill(query)
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=timeout_ms)
    hrefs: list[str] = page.eval_on_selector_all(
        ".md-search-result__item", "items => items.map(i => i.querySelector('a').href)"
    )
    return [site_path(href, base_url) for href in hrefs]


def site_path(url: str, base_url: str) -> str:
    """`http://127.0.0.1:PORT/guide/?h=x#y` -> `guide/` (the page, no query or fragment)."""
    path = urlsplit(url).path
    base_path = urlsplit(base_url).path
    return unquote(path.removeprefix(base_path))


# Horizontal overflow: the page is wider than the viewport, so a phone reader must scroll sideways.
# Also names the widest visible elements that stick out, to say what to fix.
OVERFLOW_JS = """() => {
  const doc = document.documentElement;
  const width = doc.clientWidth;
  const culprits = [];
  if (doc.scrollWidth > width) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width && r.right > width + 1 && el.checkVisibility()) {
        let scrolls = false;  // inside a box that scrolls on its own: not the page's problem
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const ox = getComputedStyle(p).overflowX;
          if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') { scrolls = true; break; }
        }
        if (!scrolls) {
          const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
          culprits.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} (right edge ${Math.round(r.right)} px)`);
        }
      }
    }
  }
  return {scrollWidth: doc.scrollWidth, clientWidth: width, culprits: culprits.slice(0, 8)};
}"""


def horizontal_overflow(page: Page) -> dict[str, object]:
    return page.evaluate(OVERFLOW_JS)


# Table cells the reader cannot see without scrolling sideways: a cell whose right edge lies beyond the
# viewport or beyond the box that clips it (Material wraps tables in a box that scrolls on its own).
TABLE_CELLS_OUTSIDE_JS = """() => {
  const width = document.documentElement.clientWidth;
  const outside = [];
  for (const cell of document.querySelectorAll('.md-content table th, .md-content table td')) {
    if (!cell.checkVisibility() || cell.closest('thead') && getComputedStyle(cell.closest('thead')).position === 'absolute') continue;
    const r = cell.getBoundingClientRect();
    if (!r.width) continue;
    let right = width;
    for (let p = cell.parentElement; p && p !== document.body; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if (ox !== 'visible') right = Math.min(right, p.getBoundingClientRect().right);
    }
    if (r.right > right + 1 || r.left < -1) {
      outside.push(`${cell.tagName.toLowerCase()} ${JSON.stringify(cell.textContent.trim().slice(0, 20))} (right edge ${Math.round(r.right)} px of ${Math.round(right)})`);
    }
  }
  return outside.slice(0, 8);
}"""


def table_cells_outside(page: Page) -> list[str]:
    return page.evaluate(TABLE_CELLS_OUTSIDE_JS)


def check_axe_installed() -> Path:
    if not AXE_JS.is_file():
        raise FileNotFoundError(f"{AXE_JS} is missing: run `npm ci` (./tasks.sh test does) to install axe-core")
    return AXE_JS


def preload_axe(context: BrowserContext) -> None:
    """Put axe-core (from node_modules) into every page the context opens, as an init script: no request,
    and much faster than injecting its 500 KB into each page afterwards."""
    context.add_init_script(path=check_axe_installed())


def start_axe(page: Page, rules: tuple[str, ...] = ()) -> None:
    """Start axe-core on the page (all rules, or only `rules`) without waiting for it (see axe_result)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # evaluated, not added as a <script>: the site's Content-Security-Policy blocks inline scripts
        page.evaluate(check_axe_installed().read_text(encoding="utf-8"))
    # Started from a timer so this call returns at once: axe's first pass is synchronous, and two tabs
    # (light and dark) should run it side by side on two cores.
    page.evaluate(
        """options => {
          window.__axeResult = new Promise(resolve => setTimeout(resolve, 0))
            .then(() => axe.run(document, {...options, resultTypes: ['violations']}))
            .then(result => result.violations.map(v => ({
              id: v.id, impact: v.impact, help: v.help,
              nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
              count: v.nodes.length,
            })));
        }""",
        {"runOnly": {"type": "rule", "values": list(rules)}} if rules else {},
    )


def axe_result(page: Page) -> list[dict[str, object]]:
    """The violations of the run start_axe began (waits for it)."""
    return page.evaluate("() => window.__axeResult")


def run_axe(page: Page) -> list[dict[str, object]]:
    start_axe(page)
    return axe_result(page)


# The text and links of one appendix article, given its anchor id. The id may sit on a heading (the article
# then runs to the next heading of the same or a higher level) or on an element wrapping the whole article.
ARTICLE_JS = """(id) => {
  const el = document.getElementById(id);
  if (!el) return null;
  const isHeading = n => /^H[1-6]$/.test(n.tagName);
  let parts = [];
  if (isHeading(el)) {
    const level = +el.tagName[1];
    for (let n = el.nextElementSibling; n && !(isHeading(n) && +n.tagName[1] <= level); n = n.nextElementSibling) parts.push(n);
  } else {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('h1,h2,h3,h4,h5,h6').forEach(h => h.remove());
    parts = [copy];
  }
  const r = el.getBoundingClientRect();
  return {
    text: parts.map(p => p.textContent).join('\\n'),
    links: parts.flatMap(p => [...(p.matches('a[href]') ? [p] : []), ...p.querySelectorAll('a[href]')]).map(a => a.href),
    top: r.top, bottom: r.bottom, viewportHeight: innerHeight,
    isTarget: el.matches(':target'),
  };
}"""


def article(page: Page, anchor_id: str) -> dict[str, object] | None:
    return page.evaluate(ARTICLE_JS, anchor_id)


class ReusedTab:
    """One tab reused for many pages (a new tab costs a renderer start); each visit gets a fresh PageWatch."""

    def __init__(self, context: BrowserContext) -> None:
        self.page = context.new_page()
        self.watch = PageWatch()
        self.watch.attach(self.page)

    def visit(self, url: str) -> PageWatch:
        self.start(url)
        return self.wait_loaded(url)

    def start(self, url: str) -> None:
        """Begin loading `url` without waiting, so several tabs can load at once (see wait_loaded)."""
        self.watch.clear()
        self.page.evaluate("url => location.assign(url)", url)

    def wait_loaded(self, url: str) -> PageWatch:
        self.page.wait_for_url(url, wait_until="load")
        return self.watch

    def settle(self) -> PageWatch:
        """Wait until the page has been quiet on the network for 500 ms (search worker and index included)."""
        self.page.wait_for_load_state("networkidle")
        return self.watch
