"""The Content-Security-Policy in Chromium, online: every page loads with the policy on and no
violation, search works under it, an image from another host is stopped before it reaches the network (and is
not without the policy), and each question page's FAQPage data says what the page says."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, BrowserContext, Route

from browser.csp_watch import (
    FAQ_ON_PAGE_JS, FOREIGN_IMAGE, CspWatch, assert_stopped_before_the_network, inject_into, listen_for_violations,
    survey_violations,
)
from browser_harness import ReusedTab, new_context, search

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


PARALLEL_TABS = 3


@pytest.fixture(scope="module")
def context(chromium: Browser) -> Iterator[BrowserContext]:
    context = new_context(chromium, phone=False)
    listen_for_violations(context)
    yield context
    context.close()


@pytest.fixture(scope="module")
def tab(context: BrowserContext) -> ReusedTab:
    return ReusedTab(context)


@pytest.fixture(scope="module")
def survey(context: BrowserContext, site_url: str, site_dir: Path) -> dict[str, tuple[bool, list[str]]]:
    """Every built page loaded once under its policy: {page: (has the policy, violations)}."""
    pages = sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html") if p.relative_to(site_dir).parts[0] != "assets")
    tabs = [context.new_page() for _ in range(PARALLEL_TABS)]
    found = survey_violations(tabs, [site_url + p.removesuffix("index.html") for p in pages])
    for t in tabs:
        t.close()
    return {p: found[site_url + p.removesuffix("index.html")] for p in pages}


def test_page_loads_under_the_policy_without_violation(survey: dict[str, tuple[bool, list[str]]], page: str) -> None:
    policy, violations = survey[page]
    assert policy, f"site/{page}: no Content-Security-Policy meta in the loaded page"
    assert not violations, f"site/{page} breaks its own policy (sitebuild.csp):\n  " + "\n  ".join(violations)


@pytest.mark.parametrize("path", ["", "faq/visit/", "laws/minfadian/"])
def test_search_works_under_the_policy(tab: ReusedTab, site_url: str, path: str) -> None:
    watch = CspWatch(tab.page)
    tab.visit(site_url + path)
    results = search(tab.page, "上门", site_url)
    assert results, f"{path or 'home'}: searching 上门 shows nothing with the policy on"
    tab.settle()
    assert not watch.violations()


def test_an_image_from_another_host_never_leaves_the_browser(chromium: Browser, site_url: str) -> None:
    assert_stopped_before_the_network(inject_into(new_context(chromium, phone=True), site_url + "faq/visit/"))


def test_without_the_policy_the_same_image_is_requested(chromium: Browser, site_url: str) -> None:
    """The control: the same page with its policy taken out asks the network for the image, so the test above
    would see a request that got through."""

    def without_policy(route: Route) -> None:
        response = route.fetch()
        body = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", response.text())
        route.fulfill(response=response, body=body)

    outcome = inject_into(new_context(chromium, phone=True), site_url + "faq/visit/", page_route=without_policy)
    assert outcome.violation is None
    assert outcome.edge.routed == [FOREIGN_IMAGE], "without the policy the image request should reach the network"


def question_pages() -> list[str]:
    """docs/faq/*.md but the hub and the pages that say `faq: false`, as site paths (`faq/visit/`)."""
    pages = []
    for source in sorted((ROOT / "docs" / "faq").glob("*.md")):
        text = source.read_text(encoding="utf-8")
        meta = yaml.safe_load(text[4: text.index("\n---", 4)]) or {}
        if source.name != "index.md" and meta.get("faq", True) is not False:
            pages.append(f"faq/{source.stem}/")
    return pages


QUESTION_PAGES = question_pages()


@pytest.mark.parametrize("path", QUESTION_PAGES)
def test_faq_json_ld_says_what_the_page_shows(tab: ReusedTab, site_url: str, path: str) -> None:
    tab.visit(site_url + path)
    found = tab.page.evaluate(FAQ_ON_PAGE_JS)
    assert len(found["data"]) == 1, f"{path}: {len(found['data'])} JSON-LD blocks"
    data = found["data"][0]
    assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
    in_data = [{"question": q["name"], "answer": q["acceptedAnswer"]["text"]} for q in data["mainEntity"]]
    assert in_data == found["shown"], f"{path}: the FAQPage data differs from the page"
    assert len(in_data) >= 3 and all(q["answer"] for q in in_data)


def test_no_json_ld_on_the_claims_page(tab: ReusedTab, site_url: str) -> None:
    assert len(QUESTION_PAGES) >= 11 and "faq/claims/" not in QUESTION_PAGES
    tab.visit(site_url + "faq/claims/")
    assert tab.page.evaluate(FAQ_ON_PAGE_JS)["data"] == []
