"""有人在门口 for a shaking hand, and names a screen reader can tell apart everywhere.

On a 390×844 phone (light and dark): 110 is a full-width call button at least 48 px tall on the first
screen; the steps carry no small links (their legal grounds are one line of links under them, each named for
what it proves); no glossary tooltip covers a step; the page works with JavaScript off; axe-core finds no
violation. On every page checked: links with the same accessible name go to the same place, the ¶
permalinks have Chinese titles and names of their own, the phone menu's section titles and everything else
have contrast ≥ 4.5:1 (axe-core), and a diagram's words reach a screen reader."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from browser_harness import PHONE, new_context, run_axe

pytestmark = pytest.mark.browser

DOOR = "door/"
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
# pages with repeated links, headings, diagrams and the phone menu
PAGES = ["", DOOR, "authenticity/", "guide/lawsuit/", "conduct/complaints/", "guide/templates/conduct-notice/"]

BOX_JS = "(el) => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height}; }"

# The accessible name as a screen reader gets it for a link: aria-label, else its text (images' alt included).
NAMES_JS = """() => [...document.querySelectorAll('a[href]')].filter(a => a.getClientRects().length).map(a => ({
  name: (a.getAttribute('aria-label') || a.innerText || [...a.querySelectorAll('img[alt]')].map(i => i.alt).join('')).replace(/\\s+/g, ' ').trim(),
  href: new URL(a.getAttribute('href'), location.href).href,
}))"""


@pytest.fixture(scope="module", params=["light", "dark"])
def phone_in(request: pytest.FixtureRequest, chromium: Browser) -> Iterator[BrowserContext]:
    context = new_context(chromium, phone=True, dark=request.param == "dark")
    yield context
    context.close()


def _open(context: BrowserContext, url: str) -> Page:
    tab = context.new_page()
    tab.goto(url, wait_until="networkidle")
    return tab


def test_110_is_a_full_width_call_button_on_the_first_screen(phone_in: BrowserContext, site_url: str) -> None:
    tab = _open(phone_in, site_url + DOOR)
    try:
        scheme = tab.evaluate("document.body.getAttribute('data-md-color-scheme')")
        SHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=SHOTS / f"door-390-{scheme}.png")
        call = tab.locator(".md-content a[href='tel:110']").first
        assert call.count() == 1, f"site/{DOOR}: no tel:110 link"
        box = call.evaluate(BOX_JS)
        column = tab.locator(".md-content .md-typeset").first.evaluate(BOX_JS)
        assert box["height"] >= 48, f"site/{DOOR}: the 110 button is {box['height']:.0f} px tall (at least 48)"
        assert box["width"] >= column["width"] - 1, (
            f"site/{DOOR}: the 110 button is {box['width']:.0f} px wide, the column {column['width']:.0f} px")
        assert 0 <= box["top"] and box["bottom"] <= PHONE["height"], (
            f"site/{DOOR}: the 110 button sits at {box['top']:.0f}–{box['bottom']:.0f} px, not on the first screen")
        assert "110" in call.inner_text()
        steps = tab.locator(".md-content .door-steps ol").evaluate(BOX_JS)
        assert steps["bottom"] <= PHONE["height"], f"site/{DOOR}: the steps end at {steps['bottom']:.0f} px"
    finally:
        tab.close()


def test_the_steps_grounds_are_named_for_what_they_prove(phone: BrowserContext, site_url: str) -> None:
    tab = _open(phone, site_url + DOOR)
    try:
        in_steps = tab.locator(".md-content .door-steps li a:not([href^='tel:'])")
        assert in_steps.count() == 0, (
            f"site/{DOOR}: the steps hold {in_steps.count()} links besides tel: — put the grounds under the steps")
        grounds = tab.locator(".md-content .door-why a[href^='#']")
        assert grounds.count() >= 5, f"site/{DOOR}: {grounds.count()} links to the steps' grounds"
        names = [grounds.nth(i).inner_text().strip() for i in range(grounds.count())]
        assert len(set(names)) == len(names) and "依据" not in names, f"site/{DOOR}: ground links named {names}"
        for i in range(grounds.count()):
            target = (grounds.nth(i).get_attribute("href") or "#")[1:]
            heading = tab.locator(f"[id='{target}']")
            assert heading.count() == 1, f"site/{DOOR}: {names[i]!r} links to #{target}, not on the page"
            assert heading.evaluate("el => /^H[2-4]$/.test(el.tagName)"), f"#{target} is not a section heading"
    finally:
        tab.close()


def test_no_glossary_tooltip_covers_a_step(phone: BrowserContext, site_url: str) -> None:
    tab = _open(phone, site_url + DOOR)
    try:
        assert tab.locator(".md-content .door-steps abbr").count() == 0, (
            f"site/{DOOR}: a glossary term inside the steps: its tooltip would cover the steps under it")
        steps = [tab.locator(".md-content .door-steps li").nth(i).evaluate(BOX_JS)
                 for i in range(tab.locator(".md-content .door-steps li").count())]
        terms = tab.locator(".md-content abbr[title], .md-content abbr[aria-describedby]")
        for i in range(terms.count()):
            terms.nth(i).scroll_into_view_if_needed()
            terms.nth(i).tap()
            tab.wait_for_timeout(400)
            tips = tab.locator(".md-tooltip2--active, .md-tooltip2[role='tooltip']:visible")
            steps_now = [tab.locator(".md-content .door-steps li").nth(k).evaluate(BOX_JS) for k in range(len(steps))]
            for t in range(tips.count()):
                tip = tips.nth(t).evaluate(BOX_JS)
                for k, step in enumerate(steps_now, 1):
                    overlap = min(tip["bottom"], step["bottom"]) - max(tip["top"], step["top"])
                    assert overlap <= 0 or tip["height"] == 0, f"site/{DOOR}: a glossary tooltip covers step {k}"
    finally:
        tab.close()


def test_the_door_page_works_without_javascript(chromium: Browser, site_url: str) -> None:
    context = chromium.new_context(viewport=PHONE, is_mobile=True, has_touch=True, java_script_enabled=False,
                                   locale="zh-CN")
    try:
        tab = _open(context, site_url + DOOR)
        items = tab.locator(".md-content .door-steps li")
        assert items.count() == 6, f"site/{DOOR} without JavaScript: {items.count()} steps shown"
        for i in range(items.count()):
            assert items.nth(i).is_visible(), f"site/{DOOR} without JavaScript: step {i + 1} is hidden"
        call = tab.locator(".md-content a.door-call[href='tel:110']")
        assert call.is_visible() and call.evaluate(BOX_JS)["height"] >= 48
        grounds = tab.locator(".md-content .door-why a[href^='#']")
        first = grounds.first.get_attribute("href") or ""
        grounds.first.click()
        tab.wait_for_function("h => location.hash === h", arg=first)
        assert tab.locator(f"[id='{first[1:]}']").evaluate(BOX_JS)["top"] < PHONE["height"]
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_axe_and_the_phone_menu_in_both_palettes(phone_in: BrowserContext, site_url: str, path: str) -> None:
    """axe-core on the page (serious and critical findings, as tests/browser/test_browser_pages.py; and every
    contrast finding), then its contrast rule once more with the phone menu open (its section titles)."""
    tab = _open(phone_in, site_url + path)
    try:
        problems = [f"{v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"  # type: ignore[index]
                    for v in run_axe(tab) if v["impact"] in ("serious", "critical") or v["id"] == "color-contrast"]
        tab.locator(".md-header label[for='__drawer']").first.click()
        tab.wait_for_timeout(400)
        tab.evaluate("delete window.__axeResult")
        problems += [f"menu open: {v['id']}: {v['help']} ({len(v['nodes'])}× e.g. {v['nodes'][0]['target']})"  # type: ignore[index]
                     for v in run_axe(tab) if v["id"] == "color-contrast"]
        assert not problems, f"site/{path}: axe-core finds\n  " + "\n  ".join(problems)
    finally:
        tab.close()


@pytest.mark.parametrize("path", PAGES)
def test_repeated_links_and_permalinks_have_names_of_their_own(phone: BrowserContext, site_url: str, path: str) -> None:
    tab = _open(phone, site_url + path)
    try:
        seen: dict[str, str] = {}
        clashes = set()
        for link in tab.evaluate(NAMES_JS):
            href = link["href"].split("#")[0] if link["href"].endswith("#") else link["href"]
            if link["name"] in seen and seen[link["name"]] != href:
                clashes.add(f"{link['name']!r}: {seen[link['name']]} and {href}")
            seen.setdefault(link["name"], href)
        assert not clashes, f"site/{path}: links of one name go to different places:\n  " + "\n  ".join(sorted(clashes))
        permalinks = tab.locator(".md-content a.headerlink")
        for i in range(permalinks.count()):
            link = permalinks.nth(i)
            assert link.get_attribute("title") == "本节链接", f"site/{path}: a ¶ titled {link.get_attribute('title')!r}"
            label = link.get_attribute("aria-label") or ""
            heading = link.evaluate("a => a.parentElement.innerText.replace('¶', '').trim()")
            assert label == f"本节链接：{heading}", f"site/{path}: a ¶ named {label!r} under {heading!r}"
    finally:
        tab.close()


@pytest.mark.parametrize("path", ["authenticity/", "guide/lawsuit/"])
def test_a_diagrams_words_reach_a_screen_reader(phone: BrowserContext, site_url: str, path: str) -> None:
    tab = _open(phone, site_url + path)
    try:
        figures = tab.locator(".md-content figure.diagram")
        assert figures.count() >= 1, f"site/{path}: no diagram"
        for i in range(figures.count()):
            figure = figures.nth(i)
            snapshot = figure.aria_snapshot()
            words = figure.locator("svg g.node text").all_text_contents()
            missing = [w for w in words if w.strip() and w.strip() not in snapshot]
            assert not missing, f"site/{path}: diagram {i + 1}'s words {missing[:3]} are not in the accessibility tree"
            assert figure.locator("svg").get_attribute("aria-label"), f"site/{path}: diagram {i + 1} has no name"
            assert figure.locator(".diagram-text").evaluate(BOX_JS)["height"] <= 1, "the text alternative shows"
    finally:
        tab.close()


def test_a_tapped_citation_of_an_item_shows_the_item(phone: BrowserContext, site_url: str, site_dir: Path) -> None:
    """The door page cites 第四十七条第（三）项 for entering a home: the preview sheet shows that item whole."""
    tab = _open(phone, site_url + DOOR)
    try:
        citation = tab.locator(".md-content a.lawcite", has_text="第四十七条第（三）项").first
        assert citation.count() == 1, f"site/{DOOR}: no citation of 治安管理处罚法 第四十七条第（三）项"
        citation.scroll_into_view_if_needed()
        citation.tap()
        sheet = tab.locator("dialog.cite-preview[open] .cite-preview__text")
        sheet.wait_for(state="visible")
        text = sheet.inner_text()
        assert text.startswith("有下列行为之一的") and text.endswith("非法侵入他人住宅或者非法搜查他人身体的。"), text
        # every preview on the page as built (Material moves the titles into tooltips once the page runs)
        titles = re.findall(r'<a class="lawcite"[^>]*title="([^"]*)"', (site_dir / "door" / "index.html").read_text("utf-8"))
        assert len(titles) >= 8, f"site/{DOOR}: {len(titles)} citations with a preview"
        cut = [t for t in titles if t.endswith("…") and not t.endswith("……")]
        assert not cut, f"site/{DOOR}: previews cut inside a sentence: {cut[:3]}"
    finally:
        tab.close()
