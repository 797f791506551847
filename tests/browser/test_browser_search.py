"""Search quality: each query in tests/data/search_queries.yaml finds its page among the first 3 results,
typed into the site's own search in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import BrowserContext, Page

from browser.harness import search

pytestmark = pytest.mark.browser

QUERIES_FILE = Path(__file__).resolve().parents[1] / "data" / "search_queries.yaml"
TOP_N = 3


def load_queries(path: Path = QUERIES_FILE) -> list[dict[str, str]]:
    """The query table, checked: a list of {query, page, why?} with non-empty strings."""
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise pytest.UsageError(f"{path}{where}: not valid YAML ({exc}); fix the file") from None
    if not isinstance(data, list) or not data:
        raise pytest.UsageError(f"{path}: expected a list of entries `- query: … / page: …`")
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("query"), str) or not entry["query"].strip():
            raise pytest.UsageError(f"{path}: entry {number} needs `query:` with the text to search")
        if not isinstance(entry.get("page"), str) or entry["page"].startswith("/") or entry["page"].endswith(".md"):
            raise pytest.UsageError(
                f"{path}: entry {number} ({entry['query']}) needs `page:` as a URL path from the site root, "
                'e.g. "guide/negotiate/" or "" for the home page'
            )
    return data


QUERIES = load_queries()


@pytest.fixture(scope="module")
def search_page(desktop: BrowserContext, site_url: str) -> Iterator[Page]:
    page = desktop.new_page()
    page.goto(site_url, wait_until="networkidle")
    yield page
    page.close()


@pytest.mark.parametrize("entry", QUERIES, ids=[e["query"] for e in QUERIES])
def test_query_finds_its_page(search_page: Page, site_url: str, site_dir: Path, entry: dict[str, str]) -> None:
    expected = entry["page"]
    assert (site_dir / expected / "index.html").is_file(), (
        f"{QUERIES_FILE.name}: `{entry['query']}` expects page {expected!r}, which the site does not have; "
        "correct `page:` there"
    )
    results = search(search_page, entry["query"], site_url)
    assert expected in results[:TOP_N], (
        f"searching {entry['query']!r}: {expected or '(home)'} is not in the first {TOP_N} results "
        f"{[r or '(home)' for r in results[:TOP_N]]} (all: {len(results)}). "
        f"Make the page answer it plainly (the term in a heading helps), or fix {QUERIES_FILE.name}."
    )
