"""The built site through a real nginx with the project's server block (deploy/nginx/site.conf): the headers,
the .gz copies served as they are, the 404 page, and pages that load in Chromium with no error, no policy
violation and no request to another host."""

from __future__ import annotations

import gzip
import http.client
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from browser.csp_watch import CspWatch, listen_for_violations
from browser_harness import new_context
from sitebuild import webserver
from nginx_run import NginxFailed, NginxMissing, serve_with_nginx

PAGES = ["", "door/", "faq/visit/"]  # the home page, 有人在门口 (docs/door.md), one FAQ page
LONG_CACHE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def nginx_url(site_dir: Path) -> Iterator[str]:
    try:
        with serve_with_nginx(site_dir) as base:
            yield base
    except (NginxMissing, NginxFailed) as exc:
        pytest.fail(str(exc), pytrace=False)


def get(base: str, path: str, *, gzip_ok: bool = False) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and the body as sent (not decompressed)."""
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.netloc, timeout=10)
    try:
        conn.request("GET", "/" + path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def meta_policy(html: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert m, "the page has no Content-Security-Policy meta element"
    return m.group(1).replace("&#x27;", "'")


def hashed_asset(site_dir: Path) -> str:
    found = sorted(site_dir.glob("assets/stylesheets/main.*.min.css"))
    assert found, "no hashed stylesheet (assets/stylesheets/main.<hash>.min.css) in the built site"
    return found[0].relative_to(site_dir).as_posix()


def assert_security_headers(headers: dict[str, str]) -> None:
    policy = headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in policy
    assert "default-src 'self'" in policy
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("referrer-policy") == "no-referrer"


@pytest.mark.parametrize("path", PAGES)
def test_page_headers(nginx_url: str, site_dir: Path, path: str) -> None:
    status, headers, body = get(nginx_url, path)
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert_security_headers(headers)
    assert headers.get("cache-control") == "no-cache"
    assert body == (site_dir / path / "index.html").read_bytes()
    # the header allows every inline script the page's own policy allows (a browser enforces both)
    page_sources = set(meta_policy(body.decode("utf-8")).split(";")[1].split()[1:])
    header_sources = set(headers["content-security-policy"].split(";")[1].split()[1:])
    assert page_sources and page_sources <= header_sources


def test_hashed_asset_is_cached_for_a_year(nginx_url: str, site_dir: Path) -> None:
    status, headers, _ = get(nginx_url, hashed_asset(site_dir))
    assert status == 200
    assert headers.get("cache-control") == LONG_CACHE
    assert_security_headers(headers)


def test_unhashed_script_is_revalidated(nginx_url: str) -> None:
    status, headers, _ = get(nginx_url, "javascripts/read-message.js")
    assert status == 200
    assert headers.get("cache-control") == "no-cache"
    assert headers["content-type"].startswith("application/javascript")


@pytest.mark.parametrize("path", ["door/", "javascripts/read-message.js", "search/search_index.json"])
def test_gzip_is_the_file_made_at_build_time(nginx_url: str, site_dir: Path, path: str) -> None:
    file = site_dir / path / "index.html" if path.endswith("/") else site_dir / path
    status, headers, body = get(nginx_url, path, gzip_ok=True)
    assert status == 200
    assert headers.get("content-encoding") == "gzip"
    assert headers.get("vary") == "Accept-Encoding"
    assert body == file.with_name(file.name + ".gz").read_bytes()
    assert gzip.decompress(body) == file.read_bytes()


def test_missing_page_gets_the_sites_404(nginx_url: str, site_dir: Path) -> None:
    status, headers, body = get(nginx_url, "no-such-page/")
    assert status == 404
    assert body == (site_dir / "404.html").read_bytes()
    assert_security_headers(headers)


def test_headers_file_is_not_served(nginx_url: str, site_dir: Path) -> None:
    assert (site_dir / webserver.HEADERS_FILE).is_file()
    status, _, body = get(nginx_url, webserver.HEADERS_FILE.as_posix())
    assert status == 404
    assert b"add_header" not in body


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_through_nginx(chromium: Browser, nginx_url: str, path: str) -> None:
    context = new_context(chromium, phone=True)
    listen_for_violations(context)
    requests: list[str] = []
    errors: list[str] = []
    try:
        page = context.new_page()
        watch = CspWatch(page)
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        response = page.goto(nginx_url + path, wait_until="networkidle")
        assert response is not None and response.status == 200
        assert response.headers.get("content-encoding") == "gzip"  # Chromium asked for it and got the .gz
        assert page.locator("h1").first.is_visible()
        assert watch.violations() == []
        assert errors == []
        origin = urlsplit(nginx_url).netloc
        assert [u for u in requests if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != origin] == []
        assert len(requests) > 1  # the page's stylesheets and scripts came through nginx too
    finally:
        context.close()
