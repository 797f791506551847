"""Print: on paper a page shows no navigation or search, and each external link prints its address."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.browser

# What must not be on paper: header with search, tabs, both sidebars, footer navigation, back-to-top.
SCREEN_ONLY = [".md-header", ".md-search", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
               ".md-footer", ".md-top"]

PRINT_CHECK_JS = """(selectors) => {
  const shown = selectors.filter(sel => [...document.querySelectorAll(sel)]
    .some(el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})));
  const links = [...document.querySelectorAll('.md-content a[href^="http"]')].filter(a => a.checkVisibility());
  const unlabelled = links.filter(a => !getComputedStyle(a, '::after').content.includes(a.getAttribute('href')))
    .map(a => a.getAttribute('href'));
  return {shown, links: links.length, unlabelled};
}"""


@pytest.fixture(scope="module")
def print_tab(desktop: BrowserContext) -> Iterator[Page]:
    tab = desktop.new_page()
    tab.emulate_media(media="print")
    yield tab
    tab.close()


def test_print_hides_navigation_and_shows_link_targets(print_tab: Page, site_url: str, page: str) -> None:
    print_tab.goto(site_url + page.removesuffix("index.html"), wait_until="load")
    result = print_tab.evaluate(PRINT_CHECK_JS, SCREEN_ONLY)
    assert not result["shown"], (
        f"site/{page}: printed, it still shows {result['shown']}; hide them in the `@media print` block of "
        "docs/stylesheets/extra.css"
    )
    assert not result["unlabelled"], (
        f"site/{page}: printed, these links do not show their address: {result['unlabelled'][:5]}; "
        "see `a[href^=\"http\"]::after` in the `@media print` block of docs/stylesheets/extra.css"
    )


def test_print_rule_labels_a_new_external_link(print_tab: Page, site_url: str) -> None:
    # Independent of today's content: an external link added to the home page prints its address.
    print_tab.goto(site_url, wait_until="load")
    print_tab.evaluate(
        "() => { const p = document.createElement('p'); p.innerHTML = '<a href=\"https://www.12378.cn/\">12378</a>';"
        " document.querySelector('.md-content .md-typeset').append(p); }"
    )
    result = print_tab.evaluate(PRINT_CHECK_JS, SCREEN_ONLY)
    assert result["links"] >= 1 and not result["unlabelled"], (
        "printed, an external link does not show its address; add to the `@media print` block of "
        "docs/stylesheets/extra.css: .md-typeset a[href^=\"http\"]::after { content: \" （\" attr(href) \"）\"; }"
    )
