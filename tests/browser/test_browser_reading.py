"""In Chromium at 390 px (touch) and 1280 px: type sizes, tables as cards, diagrams as wide as the
column with legible labels, numbers that can be tapped, checklists that can be ticked and remember it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from browser_harness import new_context

pytestmark = pytest.mark.browser

BODY_PX = 16
TOOLTIP_PX = 14
LABEL_PX = 12
SIZES = ["phone", "desktop"]


@pytest.fixture(params=SIZES)
def context(request: pytest.FixtureRequest, phone: BrowserContext, desktop: BrowserContext) -> BrowserContext:
    return phone if request.param == "phone" else desktop


@pytest.fixture
def tab(context: BrowserContext) -> Iterator[Page]:
    page = context.new_page()
    yield page
    page.close()


def font_px(page: Page, selector: str) -> list[float]:
    return page.eval_on_selector_all(selector, "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")


@pytest.mark.parametrize(("path", "selector"), [
    ("", ".admonition p"),                       # 先说结论 on the home page
    ("authenticity/", ".admonition p"),
    ("conduct/complaints/", ".admonition.example p"),  # the phone script
    ("authenticity/", "table td"),
    ("authenticity/", "article > p:not(.page-reviewed)"),
])
def test_important_text_is_body_size(tab: Page, site_url: str, path: str, selector: str) -> None:
    tab.goto(site_url + path, wait_until="load")
    sizes = font_px(tab, ".md-content " + selector)
    assert sizes, f"{path or '(home)'}: nothing matches {selector}"
    assert min(sizes) >= BODY_PX, f"{path or '(home)'}: {selector} is {min(sizes)} px, smaller than {BODY_PX} px"


def test_tooltips_are_readable(desktop: BrowserContext, site_url: str) -> None:
    page = desktop.new_page()
    page.goto(site_url + "legality/", wait_until="load")
    for selector in (".md-content a.lawcite", ".md-content abbr"):
        host = page.locator(selector).first
        host.scroll_into_view_if_needed()
        host.hover()
        tip = page.locator(".md-tooltip2--active .md-tooltip2__inner").last
        tip.wait_for(state="visible", timeout=3000)
        size = float(tip.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        assert size >= TOOLTIP_PX, f"the tooltip of {selector} is {size} px (at least {TOOLTIP_PX})"
        page.mouse.move(0, 0)
        page.wait_for_timeout(400)
    page.close()


DIAGRAMS_JS = """() => [...document.querySelectorAll('.md-content figure.diagram svg')].map(svg => {
  const column = svg.closest('.md-content__inner').getBoundingClientRect().width;
  const scale = svg.getScreenCTM().a;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale);
  return {name: svg.getAttribute('aria-label'), width: svg.getBoundingClientRect().width, column,
          smallest: Math.min(...sizes)};
})"""


@pytest.mark.parametrize("path", ["authenticity/", "guide/lawsuit/"])
def test_diagrams_fill_the_column(tab: Page, context: BrowserContext, site_url: str, path: str) -> None:
    tab.goto(site_url + path, wait_until="load")
    found = tab.evaluate(DIAGRAMS_JS)
    assert found, f"{path}: no diagram"
    for diagram in found:
        assert abs(diagram["width"] - diagram["column"]) <= 1, (
            f"{path}: diagram {diagram['name']!r} is {diagram['width']:.0f} px wide in a {diagram['column']:.0f} px column"
        )
        if tab.viewport_size and tab.viewport_size["width"] <= 400:
            assert diagram["smallest"] >= LABEL_PX, (
                f"{path}: on a phone the diagram {diagram['name']!r} has labels of {diagram['smallest']:.1f} px"
            )


CARDS_JS = """() => [...document.querySelectorAll('.md-content table[data-cards] tbody tr:not([data-blank])')].map(tr => ({
  display: getComputedStyle(tr).display,
  labels: [...tr.querySelectorAll('td')].slice(1).map(td => getComputedStyle(td, '::before').content),
  expected: [...tr.querySelectorAll('td')].slice(1).map(td => JSON.stringify(td.dataset.label)),
}))"""


@pytest.mark.parametrize("path", ["authenticity/", "conduct/", "conduct/complaints/"])
def test_tables_are_cards_on_a_phone_and_tables_on_a_desktop(tab: Page, context: BrowserContext, site_url: str,
                                                             path: str) -> None:
    tab.goto(site_url + path, wait_until="load")
    rows = tab.evaluate(CARDS_JS)
    assert rows, f"{path}: no table of three or more columns"
    phone = bool(tab.viewport_size and tab.viewport_size["width"] <= 400)
    for row in rows:
        if phone:
            assert row["display"] == "block", f"{path}: at 390 px a row is display:{row['display']}, not a card"
            assert row["labels"] == row["expected"], f"{path}: card cells are not labelled: {row}"
        else:
            assert row["display"] == "table-row", f"{path}: at 1280 px a row is display:{row['display']}"


def test_numbers_can_be_tapped(phone: BrowserContext, site_url: str) -> None:
    page = phone.new_page()
    page.goto(site_url + "conduct/complaints/", wait_until="load")
    links = page.eval_on_selector_all(".md-content a[href^='tel:']", "as => as.map(a => [a.getAttribute('href'), a.textContent])")
    assert ("tel:12378", "12378") in [tuple(link) for link in links], links
    assert all(href == "tel:" + text for href, text in links), links
    page.close()


@pytest.fixture
def fresh_phone(chromium: Browser) -> Iterator[BrowserContext]:
    """A phone context of its own: nothing remembered from other tests."""
    context = new_context(chromium, phone=True)
    yield context
    context.close()


def checked(page: Page) -> list[bool]:
    return page.eval_on_selector_all(".md-content .task-list-item input[type=checkbox]", "bs => bs.map(b => b.checked)")


def test_checklist_can_be_ticked_and_remembers_it(fresh_phone: BrowserContext, site_url: str) -> None:
    page = fresh_phone.new_page()
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url) if request.method != "GET" else None)
    page.goto(site_url + "authenticity/verify/", wait_until="networkidle")
    boxes = page.locator(".md-content .task-list-item input[type=checkbox]")
    assert boxes.count() >= 5, "the 核实清单 has no checkboxes"
    assert not any(page.eval_on_selector_all(".md-content .task-list-item input", "bs => bs.map(b => b.disabled)"))
    boxes.nth(0).tap()
    boxes.nth(2).tap()
    page.reload(wait_until="networkidle")
    state = checked(page)
    assert state[0] and state[2] and not state[1], f"after a reload the ticks are {state[:4]}"
    reset = page.get_by_role("button", name="清空勾选").first
    reset.tap()
    page.reload(wait_until="networkidle")
    assert not any(checked(page)), "清空勾选 did not clear the list for good"
    assert not sent, f"ticking sent something: {sent}"
    page.close()
