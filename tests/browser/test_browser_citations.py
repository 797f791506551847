"""Citations in use: a citation (`a.lawcite` with a `title` holding the article's text) shows that text when
hovered or focused with the keyboard (Material's content.tooltips turns the title into a tooltip); on a phone
a first tap opens a preview of the same text with a link to the appendix (javascripts/citations.js), which
closes with its button or Esc and gives focus back; the preview's link (a second tap) lands on the article at
the top of the appendix page; a click follows the citation at once; the article's backlinks (本站引用) lead
back to the citing page. The article number of a citation never breaks across two lines on a phone.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Locator, Page

from browser_harness import article, start_axe, axe_result, check_axe_installed

pytestmark = pytest.mark.browser

CITATION = "a.lawcite[title]"
TOOLTIP = ".md-tooltip2[role='tooltip'].md-tooltip2--active"
SHARED_RUN = 12  # the tooltip must repeat at least this many consecutive characters of the article's text
LAWCITE_IN_HTML = re.compile(r"<a\b[^>]*\bclass=\"[^\"]*\blawcite\b")


def normalise(text: str) -> str:
    """Compare texts as the citation checker does: punctuation width unified (NFKC), whitespace dropped."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def shares_text(tooltip: str, article_text: str, run: int = SHARED_RUN) -> bool:
    a, b = normalise(tooltip), normalise(article_text)
    return any(a[i : i + run] in b for i in range(max(len(a) - run + 1, 0)))


@pytest.fixture(scope="module")
def citing_page(site_dir: Path) -> str:
    """The first content page (not the appendix) with a citation, as a URL path from the site root."""
    for html in sorted(site_dir.rglob("index.html")):
        rel = html.relative_to(site_dir).as_posix()
        if not rel.startswith(("laws/", "assets/")) and LAWCITE_IN_HTML.search(html.read_text(encoding="utf-8")):
            return rel.removesuffix("index.html")
    pytest.fail("no built page has a citation (`<a class=\"lawcite\" title=…>`): has the citation layer landed?",
                pytrace=False)


def first_citation(page: Page) -> tuple[Locator, str, str]:
    """The page's first citation, its title text and its absolute href (read before Material moves the title)."""
    # Pinned by a mark of its own: Material removes the title while a tooltip shows, and a locator for
    # `a.lawcite[title]` would then move on to the next citation.
    page.evaluate("""sel => { if (!document.querySelector('[data-test-citation]')) {
        const a = document.querySelector(sel); a.dataset.testCitation = 'first'; a.dataset.testTitle = a.title; } }""",
                  CITATION)
    link = page.locator("a.lawcite[data-test-citation='first']")
    title = link.get_attribute("data-test-title") or ""
    href = link.evaluate("a => a.href")
    assert title.strip(), f"{page.url}: the first a.lawcite has an empty title; it should hold the article's text"
    return link, title, href


def article_text_at(context: BrowserContext, href: str) -> str:
    tab = context.new_page()
    try:
        tab.goto(href, wait_until="load")
        found = article(tab, urlsplit(href).fragment)
        assert found, f"{href}: no element with id {urlsplit(href).fragment!r} on the appendix page"
        return str(found["text"])
    finally:
        tab.close()


def assert_tooltip_shows(page: Page, title: str, article_text: str, how: str, link: Locator | None = None) -> None:
    tooltip = page.locator(TOOLTIP)
    if link is not None:  # the tooltip that describes this link (another one may be up under the mouse)
        page.wait_for_function("a => !!a.getAttribute('aria-describedby')", arg=link.element_handle(), timeout=3000)
        tooltip = page.locator("#" + (link.get_attribute("aria-describedby") or "none") + TOOLTIP)
    try:
        tooltip.wait_for(state="visible", timeout=3000)
    except Exception:
        pytest.fail(f"{page.url}: {how} a citation shows no tooltip (is `content.tooltips` still in "
                    "mkdocs.yml's theme.features, and does the link keep its title?)", pytrace=False)
    shown = tooltip.inner_text()
    assert normalise(shown) == normalise(title), f"{how}: the tooltip shows {shown!r}, not the title {title!r}"
    assert shares_text(shown, article_text), (
        f"{how}: the tooltip {shown!r} does not quote the article it links to (no {SHARED_RUN}-character run of "
        f"its text in the appendix: {article_text[:120]!r}…)"
    )


def test_hover_shows_article_text(desktop: BrowserContext, site_url: str, citing_page: str) -> None:
    page = desktop.new_page()
    page.goto(site_url + citing_page, wait_until="load")
    link, title, href = first_citation(page)
    link.scroll_into_view_if_needed()
    link.hover()
    assert_tooltip_shows(page, title, article_text_at(desktop, href), "hovering")
    page.close()


def test_keyboard_focus_shows_article_text(desktop: BrowserContext, site_url: str, citing_page: str) -> None:
    page = desktop.new_page()
    page.goto(site_url + citing_page, wait_until="load")
    link, title, href = first_citation(page)
    for _ in range(400):  # Tab through the page as a keyboard user does until the citation has focus
        page.keyboard.press("Tab")
        if link.evaluate("a => a === document.activeElement"):
            break
    else:
        pytest.fail(f"{page.url}: 400 presses of Tab never reach the first citation: is it focusable?", pytrace=False)
    assert_tooltip_shows(page, title, article_text_at(desktop, href), "focusing (Tab)", link)
    page.close()


def assert_lands_on_article(page: Page, href: str, title: str) -> dict[str, object]:
    target = urlsplit(href)
    page.wait_for_url(lambda url: urlsplit(url).path == target.path and urlsplit(url).fragment == target.fragment)
    page.wait_for_load_state("load")
    assert "/laws/" in target.path, f"the citation links to {href}, outside the appendix (laws/)"
    page.wait_for_timeout(300)  # let the browser finish scrolling to the anchor
    found = article(page, target.fragment)
    assert found, f"{href}: the appendix page has no id {target.fragment!r}"
    assert found["isTarget"], f"{href}: the element with id {target.fragment!r} is not the :target"
    assert 0 <= float(found["top"]) < float(found["viewportHeight"]) / 2, (
        f"{href}: the article is not at the top of the screen after following the link "
        f"(its top is at {found['top']} px of {found['viewportHeight']})"
    )
    assert shares_text(title, str(found["text"])), (
        f"{href}: the article there does not contain the citation's text {title[:60]!r}…"
    )
    return found


PREVIEW = "dialog.cite-preview"


def open_preview(page: Page) -> tuple[Locator, str, str]:
    link, title, href = first_citation(page)
    link.scroll_into_view_if_needed()
    link.tap()
    preview = page.locator(PREVIEW)
    try:
        preview.wait_for(state="visible", timeout=3000)
    except Exception:
        pytest.fail(f"{page.url}: tapping a citation shows no preview (javascripts/citations.js loaded?); "
                    f"the page is now {page.url}", pytrace=False)
    return link, title, href


def test_first_tap_on_phone_previews_the_article(phone: BrowserContext, site_url: str, citing_page: str) -> None:
    page = phone.new_page()
    page.goto(site_url + citing_page, wait_until="load")
    link, title, href = open_preview(page)
    assert page.url.endswith(citing_page or "/"), f"the first tap left the page for {page.url}"
    shown = page.evaluate("""sel => { const d = document.querySelector(sel); return {
        name: document.getElementById(d.getAttribute('aria-labelledby')).textContent,
        text: d.textContent, link: d.querySelector('a').href, modal: d.matches(':modal'),
        focusInside: d.contains(document.activeElement) }; }""", PREVIEW)
    assert shown["modal"] and shown["focusInside"], f"the preview is not a focused dialog: {shown}"
    assert normalise(title).startswith(normalise(shown["name"])), f"dialog name {shown['name']!r} vs {title!r}"
    assert normalise(title).replace(":", "") in normalise(shown["text"]).replace(":", ""), (
        f"the preview does not show the tooltip's text {title[:60]!r}…: {shown['text'][:80]!r}"
    )
    assert shown["link"] == href, f"the preview links {shown['link']}, the citation {href}"
    assert shares_text(title, article_text_at(phone, href)), "the preview's text is not the article's"

    page.keyboard.press("Escape")
    page.locator(PREVIEW).wait_for(state="hidden", timeout=3000)
    assert link.evaluate("a => a === document.activeElement"), "after Esc, focus is not back on the citation"
    assert not page.locator(".md-tooltip2").evaluate_all(
        "tips => tips.filter(t => t.checkVisibility({checkOpacity: true}))"), "a tooltip repeats the closed preview"

    link, title, href = open_preview(page)
    page.locator(PREVIEW + " .cite-preview__close").tap()
    page.locator(PREVIEW).wait_for(state="hidden", timeout=3000)

    link, title, href = open_preview(page)
    page.locator(PREVIEW + " a").tap()
    assert_lands_on_article(page, href, title)
    page.close()


def test_open_preview_passes_axe(phone: BrowserContext, site_url: str, citing_page: str) -> None:
    page = phone.new_page()
    page.goto(site_url + citing_page, wait_until="load")
    page.evaluate(check_axe_installed().read_text(encoding="utf-8"))  # a <script> tag would break the site's policy
    open_preview(page)
    start_axe(page)
    blocking = [f"{v['id']}: {v['help']} {v['nodes']}" for v in axe_result(page)
                if v["impact"] in {"serious", "critical"}]
    assert not blocking, "with the citation preview open, axe-core finds:\n" + "\n".join(blocking)
    page.close()


def test_citation_numbers_do_not_break_on_a_phone(phone: BrowserContext, site_url: str, site_dir: Path) -> None:
    page = phone.new_page()
    page.goto(site_url + "legality/", wait_until="load")
    split = page.evaluate("""() => {
        const spans = [...document.querySelectorAll('.md-content a.lawcite .lawcite-num')];
        return {count: spans.length,
                split: spans.filter(s => s.getClientRects().length > 1).map(s => s.textContent)}; }""")
    total = page.locator(".md-content a.lawcite").count()
    assert split["count"] >= total * 0.9, f"only {split['count']} of {total} citations have their number wrapped"
    assert not split["split"], f"at 390 px these article numbers break across lines: {split['split'][:5]}"
    page.close()


def test_follow_citation_then_backlink_returns(desktop: BrowserContext, site_url: str, citing_page: str) -> None:
    page = desktop.new_page()
    page.goto(site_url + citing_page, wait_until="load")
    link, title, href = first_citation(page)
    citing_url = page.url
    link.click()
    found = assert_lands_on_article(page, href, title)

    back = [u for u in found["links"] if urlsplit(u).path == urlsplit(citing_url).path]  # type: ignore[union-attr]
    assert back, (
        f"{href}: the article's backlinks (本站引用) do not list the citing page {citing_page or '(home)'}; "
        f"they are {found['links']}"
    )
    # mark the backlink so a real click (not a scripted one) can follow it
    page.evaluate(
        "url => [...document.querySelectorAll('a[href]')].find(a => a.href === url).dataset.backlink = 'yes'", back[0]
    )
    page.locator("a[data-backlink='yes']").first.click()
    page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(citing_url).path)
    page.wait_for_load_state("load")
    fragment = urlsplit(back[0]).fragment
    if fragment:
        assert page.evaluate("id => !!document.getElementById(decodeURIComponent(id))", fragment), (
            f"backlink {back[0]}: the citing page has no section with id {fragment!r}"
        )
    cites_back = page.evaluate("href => [...document.querySelectorAll('a.lawcite')].some(a => a.href === href)", href)
    assert cites_back, f"backlink {back[0]} leads to a page that does not cite {href}"
    page.close()
