"""看懂催收短信 in the offline edition, opened from file:// under the page's Content-Security-Policy: the reader's
data loads as a script (no fetch, which file:// blocks), a pasted message shows its claims with answer links
that open offline pages, and no policy is broken."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext

from browser.csp_watch import CspWatch, listen_for_violations
from browser_harness import PageWatch, new_context

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def context(chromium: Browser) -> Iterator[BrowserContext]:
    context = new_context(chromium, phone=True)
    listen_for_violations(context)
    yield context
    context.close()


def test_the_reader_works_from_file(context: BrowserContext, unpacked: Path) -> None:
    page_file = unpacked / "read-message.html"
    assert page_file.is_file(), "the offline zip has no read-message.html"
    tab = context.new_page()
    watch = PageWatch()
    watch.attach(tab)
    csp = CspWatch(tab)
    try:
        tab.goto(page_file.resolve().as_uri(), wait_until="load")
        tab.fill("#message-text", "您的案件已转法务部，将于明日上门核实并通知村委会")
        cards = tab.locator(".message-claim")
        assert cards.count() == 4, tab.locator(".message-reader__result").inner_text()
        for href in tab.eval_on_selector_all("a.message-claim__answer", "links => links.map(a => a.href)"):
            target = Path(urlsplit(href).path)
            assert href.startswith("file://") and target.is_file(), f"an answer link opens nothing offline: {href}"
        violations = csp.violations()
    finally:
        tab.close()
    assert not violations, violations
    assert not watch.errors, watch.errors
    assert not [r for r in watch.requests if not r.startswith(("file:", "data:", "blob:", "about:"))], watch.requests
