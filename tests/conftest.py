"""Shared fixtures: the built site (the browser fixtures are in tests/browser/fixtures.py).

The built site is the one `python -m sitebuild.build` makes (what `./tasks.sh build` runs): the first test
that needs it runs the build driver once, which builds only the editions whose inputs changed since their last
build (sitebuild.inputs) and skips the rest, so `pytest tests/site` works without a prior build and costs
nothing more after one. The web pages link the PDF handbook and the offline zip and state their sizes, so the
driver builds those too when they are out of date.
When the strict build fails, the site is built without --strict into a temporary folder so the other tests
still run on it; test_strict_build_passes reports the failure.
SITE_UNDER_TEST=/some/folder runs the tests on an already built copy instead (e.g. one broken on purpose).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from sitebuild.downloads import STAGING_DIR
from sitebuild.editions import load_edition

ROOT = Path(__file__).resolve().parents[1]
WEB = load_edition("web", ROOT)
STAGED_DOWNLOADS = ROOT / STAGING_DIR

# site_url, chromium, desktop, phone (Playwright is imported only by the tests that use them)
pytest_plugins = ["browser.fixtures"]


@functools.cache
def driver_build() -> subprocess.CompletedProcess[str]:
    """`python -m sitebuild.build` once per session (strict builds of what changed; the rest skipped)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([sys.executable, "-m", "sitebuild.build"], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", check=False)
    sys.stdout.write("".join(ln + "\n" for ln in proc.stdout.splitlines() if ln.startswith("build: ")))
    return proc


def mkdocs_build(site_dir: Path, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """`mkdocs build [--strict]` of the web site into `site_dir`; returns the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site_dir)]
    if not strict:
        # mkdocs.yml sets `strict: true`; only the command line can switch it off
        cmd.append("--no-strict")
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)


class SiteBuildError(RuntimeError):
    pass


@functools.cache
def built_site() -> Path:
    """The folder holding the built site (see the module docstring); built at most once per session."""
    if override := os.environ.get("SITE_UNDER_TEST"):
        if not (Path(override) / "index.html").is_file():
            raise SiteBuildError(f"SITE_UNDER_TEST={override}: no index.html there; point it at a built site")
        return Path(override)
    if driver_build().returncode == 0:
        return WEB.site_dir
    target = Path(tempfile.mkdtemp(prefix="site-under-test-"))
    proc = mkdocs_build(target, strict=False)
    if proc.returncode != 0:
        shutil.rmtree(target, ignore_errors=True)
        raise SiteBuildError(
            "the site does not build (`mkdocs build` failed); fix the error below, then rerun.\n"
            + (proc.stdout + proc.stderr)[-4000:]
        )
    # the pages link the PDF and the offline zip (staged in build/downloads/ when their builds passed)
    if STAGED_DOWNLOADS.is_dir():
        shutil.copytree(STAGED_DOWNLOADS, target / WEB.downloads.folder, dirs_exist_ok=True)
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
        if site != WEB.site_dir and not os.environ.get("SITE_UNDER_TEST"):
            shutil.rmtree(site, ignore_errors=True)


@pytest.fixture(scope="session")
def strict_build() -> subprocess.CompletedProcess[str]:
    """The build driver's run: strict builds of the web site, the PDF and the offline edition."""
    return driver_build()


@pytest.fixture(scope="session")
def site_dir() -> Path:
    try:
        return built_site()
    except SiteBuildError as exc:
        pytest.fail(str(exc), pytrace=False)
