"""Smoke test: the home page works in a real Chromium at desktop and phone size, search finds 上门,
and nothing is fetched from anywhere but 127.0.0.1."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from browser_harness import new_context, open_page, search

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_home_page_search_finds_results_locally(chromium: Browser, site_url: str, size: str) -> None:
    context = new_context(chromium, phone=size == "phone")
    try:
        page, watch = open_page(context, site_url)
        assert page.title(), "the home page has an empty <title>"
        results = search(page, "上门", site_url)
        assert results, "searching 上门 shows no result"
        page.wait_for_load_state("networkidle")
        assert watch.requests, "no request was recorded: the request log is not working"
        assert not watch.offsite_requests, (
            f"the home page ({size}) fetched from another host than 127.0.0.1:\n  " + "\n  ".join(watch.offsite_requests)
        )
    finally:
        context.close()
