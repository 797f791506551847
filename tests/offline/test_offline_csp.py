"""The Content-Security-Policy of the offline edition, opened from file://: every page loads under its
policy with no violation, search works at every folder depth (the iframe-worker's script is allowed by its hash,
which differs with the depth), and an image from another host is stopped before it reaches the network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext

from browser.csp_watch import (
    CspWatch, assert_stopped_before_the_network, inject_into, listen_for_violations, survey_violations,
)
from browser_harness import new_context, search

pytestmark = pytest.mark.browser
PARALLEL_TABS = 3


@pytest.fixture(scope="module")
def context(chromium: Browser) -> Iterator[BrowserContext]:
    context = new_context(chromium, phone=True)
    listen_for_violations(context)
    yield context
    context.close()


def test_every_offline_page_loads_under_its_policy_without_violation(context: BrowserContext, unpacked: Path) -> None:
    pages = sorted(p for p in unpacked.rglob("*.html") if p.relative_to(unpacked).parts[0] != "assets")
    assert len(pages) > 30, f"only {len(pages)} pages in the offline zip"
    tabs = [context.new_page() for _ in range(PARALLEL_TABS)]
    try:
        found = survey_violations(tabs, [p.resolve().as_uri() for p in pages])
    finally:
        for tab in tabs:
            tab.close()
    without_policy = [url for url, (policy, _) in found.items() if not policy]
    assert not without_policy, f"offline pages without a Content-Security-Policy: {without_policy[:5]}"
    broken = {url: violations for url, (_, violations) in found.items() if violations}
    assert not broken, "offline pages that break their own policy from file://:\n" + "\n".join(
        f"  {url}:\n    " + "\n    ".join(v) for url, v in list(broken.items())[:5]
    )


@pytest.mark.parametrize("start", ["index.html", "faq/visit.html", "guide/templates/contact-log.html"])
def test_search_works_from_file_under_the_policy(context: BrowserContext, unpacked: Path, start: str) -> None:
    tab = context.new_page()
    watch = CspWatch(tab)
    try:
        url = (unpacked / start).resolve().as_uri()
        tab.goto(url, wait_until="load")
        results = search(tab, "上门", unpacked.resolve().as_uri() + "/", timeout_ms=20_000)
        assert results, f"{start}: searching 上门 from file:// shows nothing with the policy on"
        violations = watch.violations()
    finally:
        tab.close()
    assert not violations, f"{start}: searching broke the policy (the iframe-worker's hash?):\n  " + "\n  ".join(violations)


def test_an_image_from_another_host_never_leaves_the_offline_page(chromium: Browser, unpacked: Path) -> None:
    url = (unpacked / "faq" / "visit.html").resolve().as_uri()
    assert_stopped_before_the_network(inject_into(new_context(chromium, phone=True), url))
