"""Print: on paper a page shows no navigation or search, and each external link prints its address; each letter
of the templates prints on one A4 sheet of its own, without the site's notes, links or underlines, with lines
to write on; one letter can be printed alone, and copied."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from browser_harness import new_context

pytestmark = pytest.mark.browser

# What must not be on paper: header with search, tabs, both sidebars, footer navigation, back-to-top.
SCREEN_ONLY = [".md-header", ".md-search", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
               ".md-footer", ".md-top"]

PRINT_CHECK_JS = """(selectors) => {
  const shown = selectors.filter(sel => [...document.querySelectorAll(sel)]
    .some(el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})));
  const links = [...document.querySelectorAll('.md-content a[href^="http"]')].filter(a => a.checkVisibility());
  const bare = s => s.replace(/^(https?:)?[/][/]/, '').replace(/[/]$/, '').trim();
  const isAddress = a => bare(a.innerText) === bare(a.getAttribute('href'));  // the link's text is its address
  const after = a => getComputedStyle(a, '::after').content.includes(a.getAttribute('href'));
  const unlabelled = links.filter(a => !after(a) && !isAddress(a)).map(a => a.getAttribute('href'));
  const twice = links.filter(a => after(a) && isAddress(a)).map(a => a.getAttribute('href'));
  return {shown, links: links.length, unlabelled, twice};
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
    assert not result["twice"], f"site/{page}: printed, these addresses appear twice: {result['twice'][:5]}"


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


# --- letters: each on one A4 sheet, without the site's notes, links or underlines ----------------

LETTERS = {  # page -> the title that opens each of its letters, in order
    "guide/templates/complaint-letters/": ["关于催收行为的投诉", "催收行为的投诉"],
    "guide/templates/repayment-request/": ["协商还款申请书"],
    "guide/templates/conduct-notice/": ["规范催收告知函"],
}
SITE_NOTES = ["用前先读", "最后核对", "来源", "条文见法条附录"]


def printed_pages(tab: Page) -> list[str]:
    """The page as Chromium prints it on A4: the text of each sheet (pypdf; NFKC, because Chromium's PDF maps
    some characters to their Kangxi-radical look-alikes, 行 as ⾏)."""
    import unicodedata
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(tab.pdf(format="A4")))
    return ["".join(unicodedata.normalize("NFKC", sheet.extract_text()).split()) for sheet in reader.pages]


@pytest.mark.parametrize("path", LETTERS)
def test_each_letter_prints_on_one_sheet(desktop: BrowserContext, site_url: str, path: str) -> None:
    tab = desktop.new_page()
    try:
        tab.goto(site_url + path, wait_until="networkidle")
        sheets = printed_pages(tab)
        titles = LETTERS[path]
        assert len(sheets) == len(titles), f"{path} prints on {len(sheets)} A4 sheets for {len(titles)} letter(s)"
        for sheet, title in zip(sheets, titles):
            assert title in sheet, f"{path}: a sheet does not open with its letter {title!r}: {sheet[:60]}"
            assert "签名" in sheet, f"{path}: the signature line of {title!r} is not on its sheet"
            leaked = [note for note in SITE_NOTES if note in sheet]
            assert not leaked, f"{path}: the printed letter carries the site's notes {leaked}"
        tab.emulate_media(media="print")
        marks = tab.eval_on_selector_all(".letter a, .letter abbr", """els => els.filter(e => {
            const s = getComputedStyle(e); return s.textDecorationLine !== 'none' || s.borderBottomStyle !== 'none'; })
            .map(e => e.textContent)""")
        assert not marks, f"{path}: printed links or terms are still underlined: {marks[:5]}"
        blanks = tab.eval_on_selector_all(".letter .blank", "els => els.filter(e => getComputedStyle(e).borderBottomStyle === 'solid').length")
        assert blanks >= 5, f"{path}: the 【…】 blanks do not print as lines to write on ({blanks})"
    finally:
        tab.close()


def test_print_one_letter_alone(desktop: BrowserContext, site_url: str) -> None:
    tab = desktop.new_page()
    try:
        tab.goto(site_url + "guide/templates/complaint-letters/", wait_until="networkidle")
        tab.evaluate("() => { window.print = () => {}; }")  # the button's effect, without the print dialog
        tab.get_by_role("button", name="只打印这一封").nth(1).click()
        sheets = printed_pages(tab)
        assert len(sheets) == 1 and "国家金融监督管理总局" in sheets[0] and "致贷款机构" not in sheets[0], sheets
    finally:
        tab.close()


def test_copy_button_copies_the_letter(chromium: Browser, site_url: str) -> None:
    context = new_context(chromium)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    try:
        tab = context.new_page()
        tab.goto(site_url + "guide/templates/repayment-request/", wait_until="networkidle")
        letter = tab.locator(".letter").first.inner_text()
        tab.get_by_role("button", name="复制全文").first.click()
        tab.get_by_role("status").first.wait_for(state="visible")
        copied = tab.evaluate("() => navigator.clipboard.readText()")
        # the same text, with each list item's marker (1. 2. 3. or -) that the page draws with CSS
        unmarked = re.sub(r"(?m)^(?:\d+\. |- )", "", copied)
        assert unmarked.strip() == letter.strip() and "【姓名】" in copied and "用前先读" not in copied, copied[:200]
        # without the Clipboard API (an old browser): the fallback copies the same text
        tab.evaluate("() => { Object.defineProperty(navigator, 'clipboard', {value: undefined}); }")
        tab.evaluate("() => navigator.clipboard")  # undefined now
        tab.get_by_role("button", name="复制全文").first.click()
        status = tab.get_by_role("status").first.inner_text()
        assert "已复制" in status, f"the fallback copy failed: {status!r}"
    finally:
        context.close()
