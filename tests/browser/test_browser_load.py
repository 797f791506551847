"""How a page loads on a weak connection, served gzip-compressed as in production: the site's own scripts
come as one deferred file (sitebuild.site_script), nothing blocks the first paint (critical styles inline,
sitebuild.critical_css), the search worker is fetched only when search opens, and a browser without
ResizeObserver gets Material's polyfill from this site. No request to another host, no console error, no
policy violation. (The timings themselves are scripts/bench_firstpaint.py's business, not a test's.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from compressed_server import serve_compressed
from browser.csp_watch import CspWatch, listen_for_violations
from browser_harness import PageWatch, new_context, search

pytestmark = pytest.mark.browser

PAGES = ("", "door/")  # home, 有人在门口
SITE_SCRIPT = re.compile(r"/javascripts/site\.[0-9a-f]{8}\.js$")
SEARCH_WORKER = "/assets/javascripts/workers/search."
VENDORED_POLYFILL = "/assets/vendor/resize-observer-polyfill/ResizeObserver.js"

LOAD_JS = """() => ({
  scripts: [...document.scripts].filter(s => s.src).map(s => ({src: s.src, defer: s.defer, async: s.async})),
  blocking: performance.getEntriesByType('resource').filter(r => r.renderBlockingStatus === 'blocking').map(r => r.name),
  painted: performance.getEntriesByType('paint').some(e => e.name === 'first-contentful-paint'),
})"""

# What the first screen looks like: enough to tell a styled page from an unstyled one.
LOOK_JS = """() => {
  const look = (selector, props) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    const style = getComputedStyle(el);
    return Object.fromEntries(props.map(p => [p, style.getPropertyValue(p)]));
  };
  return {
    header: look('.md-header', ['background-color', 'color', 'height', 'position']),
    title: look('.md-typeset h1', ['font-size', 'font-weight', 'color', 'margin-top']),
    text: look('.md-typeset p', ['font-size', 'line-height', 'color']),
    content: look('.md-content__inner', ['margin-left', 'margin-right', 'padding-top']),
    drawer: look('.md-sidebar--primary', ['position', 'transform']),
    body: look('body', ['font-family', 'background-color']),
  };
}"""


@pytest.fixture(scope="module")
def gzip_url(site_dir: Path) -> Iterator[str]:
    with serve_compressed(site_dir) as base:
        yield base


@pytest.fixture()
def phone_context(chromium: Browser) -> Iterator[BrowserContext]:
    context = new_context(chromium, phone=True)
    listen_for_violations(context)
    yield context
    context.close()


def watched(context: BrowserContext) -> tuple[Page, PageWatch, CspWatch]:
    page = context.new_page()
    watch = PageWatch()
    watch.attach(page)
    return page, watch, CspWatch(page)


@pytest.mark.parametrize("path", PAGES, ids=["home", "door"])
def test_first_load_blocks_nothing_and_fetches_search_only_when_opened(
    phone_context: BrowserContext, gzip_url: str, path: str
) -> None:
    page, watch, csp = watched(phone_context)
    page.goto(gzip_url + path, wait_until="networkidle")
    load = page.evaluate(LOAD_JS)

    own = [s for s in load["scripts"] if "/javascripts/" in s["src"] and "/assets/" not in s["src"]]
    assert len(own) == 1 and SITE_SCRIPT.search(own[0]["src"]) and own[0]["defer"], (
        f"{path or 'home'}: the site's own scripts should be one deferred javascripts/site.<hash>.js, found {own}"
    )
    not_deferred = [s["src"] for s in load["scripts"] if not (s["defer"] or s["async"])]
    assert not not_deferred, f"{path or 'home'}: scripts that stop the parser: {not_deferred}"
    assert not load["blocking"], f"{path or 'home'}: resources that block the first paint: {load['blocking']}"
    assert load["painted"], f"{path or 'home'}: no first contentful paint recorded"
    separate = [u for u in watch.requests if re.search(r"/javascripts/(?!site\.)[^/]+\.js$", u) and "/assets/" not in u]
    assert not separate, f"{path or 'home'}: the separate script files were requested: {separate}"
    assert not any(SEARCH_WORKER in u for u in watch.requests), f"{path or 'home'}: the search worker came before search opened"
    assert not any(u.endswith("search_index.json") for u in watch.requests), f"{path or 'home'}: the index came before search opened"

    results = search(page, "上门", gzip_url)
    assert results, f"{path or 'home'}: searching 上门 shows no result once search opens"
    assert any(SEARCH_WORKER in u for u in watch.requests), "search worked but its worker was never fetched?"
    page.wait_for_load_state("networkidle")
    assert not watch.offsite_requests, f"requests to another host: {watch.offsite_requests}"
    assert not watch.errors, f"console errors: {watch.errors}"
    assert not csp.violations(), f"policy violations: {csp.violations()}"


@pytest.mark.parametrize("path", PAGES, ids=["home", "door"])
def test_first_screen_is_styled_before_the_stylesheets_arrive(chromium: Browser, gzip_url: str, path: str) -> None:
    """The inline critical styles alone (stylesheets and scripts refused) give the first screen the look the
    full stylesheets give it."""
    looks = []
    for refuse in (False, True):
        context = new_context(chromium, phone=True)
        try:
            page = context.new_page()
            if refuse:
                page.route(re.compile(r"\.(css|js)(\?.*)?$"), lambda route: route.abort())
            page.goto(gzip_url + path, wait_until="load")
            if not refuse:
                page.route(re.compile(r"\.js(\?.*)?$"), lambda route: route.abort())
                page.reload(wait_until="load")  # same scripts as the refused run: none
            looks.append(page.evaluate(LOOK_JS))
        finally:
            context.close()
    full, critical = looks
    assert full["header"] and full["title"], f"{path or 'home'}: the page has no header or title to compare"
    assert critical == full, f"{path or 'home'}: the first screen differs without the stylesheets:\n full:     {full}\n critical: {critical}"


def test_a_browser_without_resize_observer_gets_the_polyfill_from_this_site(phone_context: BrowserContext, gzip_url: str) -> None:
    phone_context.add_init_script("delete window.ResizeObserver")
    page, watch, csp = watched(phone_context)
    page.goto(gzip_url + "door/", wait_until="load")
    # Material asks for the polyfill once its bundle has run, which on a busy machine may be after the network
    # went quiet: wait for the polyfill itself (a function, not an expression: the policy forbids eval)
    try:
        page.wait_for_function("() => typeof ResizeObserver === 'function'", timeout=15_000)
    except PlaywrightTimeout:
        pytest.fail(f"ResizeObserver never came; errors: {watch.errors}; requests: {watch.requests}")
    assert any(u.endswith(VENDORED_POLYFILL) for u in watch.requests), (
        f"ResizeObserver came, but not from the vendored polyfill; requests: {watch.requests}"
    )
    results = search(page, "上门", gzip_url)
    assert results, "search fails in a browser without ResizeObserver"
    assert not watch.offsite_requests, f"requests to another host: {watch.offsite_requests}"
    assert not watch.errors, f"page errors: {watch.errors}"
    assert not csp.violations(), f"policy violations: {csp.violations()}"
