"""The browser fixtures: the built site served on 127.0.0.1, one Chromium for the session, a desktop and a
phone context per module. Registered for every folder by tests/conftest.py (`pytest_plugins`), but
Playwright is imported only when a test asks for one of them: the tests that need no browser run without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Base URL (ending in /) of the built site served on 127.0.0.1, uncompressed."""
    from browser_harness import serve_directory  # imports Playwright: only for the tests that use a browser

    with serve_directory(site_dir) as base:
        yield base


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One Chromium for the session: Debian's /usr/bin/chromium through Playwright."""
    from playwright.sync_api import sync_playwright

    from browser_harness import ChromiumMissing, launch_chromium

    with sync_playwright() as playwright:
        try:
            browser = launch_chromium(playwright)
        except ChromiumMissing as exc:
            pytest.fail(str(exc), pytrace=False)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def desktop(chromium: Browser) -> Iterator[BrowserContext]:
    """A desktop-size, light-scheme context shared by one test module."""
    from browser_harness import new_context

    context = new_context(chromium, phone=False)
    yield context
    context.close()


@pytest.fixture(scope="module")
def phone(chromium: Browser) -> Iterator[BrowserContext]:
    """A 390×844 touch context (light scheme) shared by one test module."""
    from browser_harness import new_context

    context = new_context(chromium, phone=True)
    yield context
    context.close()
