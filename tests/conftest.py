"""Shared fixtures: the built site, a local HTTP server for it, and one Chromium for the whole session.

The built site is site/ when it is newer than every source it is made from (what `./tasks.sh test` does:
build, then pytest); otherwise the site is built once, with `mkdocs build --strict`, into a temporary folder.
SITE_UNDER_TEST=/some/folder runs the tests on an already built copy instead (e.g. one broken on purpose).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from browser.harness import ChromiumMissing, launch_chromium, new_context, serve_directory

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "site"
STAGED_DOWNLOADS = ROOT / "build" / "downloads"
# What the HTML is made from; if any of it changed after site/ was built, site/ is stale.
SITE_SOURCES = [
    ROOT / "docs", ROOT / "data", ROOT / "overrides", ROOT / "mkdocs.yml", ROOT / "scripts" / "sitebuild", ROOT / "scripts" / "lawcite",
]


def mkdocs_build(site_dir: Path, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """`mkdocs build [--strict]` of the project into `site_dir`; returns the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site_dir)]
    if not strict:
        # mkdocs.yml sets `strict: true`; only the command line can switch it off
        cmd.append("--no-strict")
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


class SiteBuildError(RuntimeError):
    pass


def _newest_mtime(paths: list[Path]) -> float:
    newest = 0.0
    for path in paths:
        if path.is_file():
            newest = max(newest, path.stat().st_mtime)
        elif path.is_dir():
            for file in path.rglob("*"):
                if file.is_file() and "__pycache__" not in file.parts:
                    newest = max(newest, file.stat().st_mtime)
    return newest


def _site_is_fresh(site: Path) -> bool:
    index = site / "search" / "search_index.json"
    pages = list(site.glob("**/*.html"))
    if not index.is_file() or not pages:
        return False
    oldest_output = min(p.stat().st_mtime for p in [index, *pages])
    return oldest_output >= _newest_mtime(SITE_SOURCES)


@functools.cache
def built_site() -> Path:
    """The folder holding the built site (see the module docstring); built at most once per session.

    When the strict build fails, the site is built without --strict so the other tests still run on it;
    test_strict_build_passes reports the warnings.
    """
    if override := os.environ.get("SITE_UNDER_TEST"):
        if not (Path(override) / "index.html").is_file():
            raise SiteBuildError(f"SITE_UNDER_TEST={override}: no index.html there; point it at a built site")
        return Path(override)
    if _site_is_fresh(SITE):
        return SITE
    target = Path(tempfile.mkdtemp(prefix="site-under-test-"))
    proc = mkdocs_build(target)
    if proc.returncode != 0:
        proc = mkdocs_build(target, strict=False)
    if proc.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        raise SiteBuildError(
            "the site does not build (`mkdocs build` failed); fix the error below, then rerun.\n"
            + (proc.stdout + proc.stderr)[-4000:]
        )
    # the pages link the PDF and the offline zip; `./tasks.sh build` makes them (build/downloads/) and
    # publishes them next to the site, as this does (without them the link test names what is missing)
    if STAGED_DOWNLOADS.is_dir():
        shutil.copytree(STAGED_DOWNLOADS, target / "downloads", dirs_exist_ok=True)
    return target


def built_pages() -> list[str]:
    """Every built HTML page as a site-relative path with `/` separators (`index.html`, `laws/index.html`)."""
    site = built_site()
    return sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.relative_to(site).parts[0] != "assets"
    )


def page_url_path(page: str) -> str:
    """`guide/index.html` -> `guide/` (the URL MkDocs links to); `404.html` stays."""
    return page[: -len("index.html")] if page.endswith("index.html") else page


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Any test taking `page` runs once per built page, with the page's path as its id.
    if "page" in metafunc.fixturenames:
        try:
            pages = built_pages()
        except SiteBuildError:
            pages = ["(site did not build)"]  # the site_dir fixture then fails each test with the reason
        metafunc.parametrize("page", pages)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if built_site.cache_info().currsize:
        try:
            site = built_site()
        except SiteBuildError:
            return
        if site != SITE and not os.environ.get("SITE_UNDER_TEST"):
            shutil.rmtree(site, ignore_errors=True)


@pytest.fixture(scope="session")
def strict_build() -> Callable[[Path], subprocess.CompletedProcess[str]]:
    """`mkdocs build --strict` into a given folder (for the test that the build itself passes)."""
    return mkdocs_build


@pytest.fixture(scope="session")
def site_dir() -> Path:
    try:
        return built_site()
    except SiteBuildError as exc:
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Base URL (ending in /) of the built site served on 127.0.0.1, uncompressed."""
    with serve_directory(site_dir) as base:
        yield base


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One Chromium for the session: Debian's /usr/bin/chromium through Playwright."""
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
    context = new_context(chromium, phone=False)
    yield context
    context.close()


@pytest.fixture(scope="module")
def phone(chromium: Browser) -> Iterator[BrowserContext]:
    """A 390×844 touch context (light scheme) shared by one test module."""
    context = new_context(chromium, phone=True)
    yield context
    context.close()
