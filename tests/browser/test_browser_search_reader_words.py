"""Search in the readers' words: the words of real collection messages (tests/data/search_reader_words.yaml)
typed into the site's search in Chromium on a phone put the answering page first; a word the index has only as
single characters says so and points to the message reader; pasted and dictated text is searched too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from playwright.sync_api import BrowserContext, Page

from browser_harness import open_search, search, site_path

pytestmark = pytest.mark.browser

WORDS = Path(__file__).resolve().parents[1] / "data" / "search_reader_words.yaml"
EXPECTATIONS = yaml.safe_load(WORDS.read_text(encoding="utf-8"))
# No page has this word, and the index has 会 only as a character: the query must not list pages with 会.
SINGLE_CHARACTER_QUERY = "喵会"


@pytest.fixture(scope="module")
def tab(phone: BrowserContext, site_url: str) -> Page:
    page = phone.new_page()
    page.goto(site_url, wait_until="networkidle")
    return page


@pytest.mark.parametrize("entry", EXPECTATIONS, ids=[e["query"] for e in EXPECTATIONS])
def test_a_message_word_finds_its_answer_first(tab: Page, site_url: str, site_dir: Path, entry: dict[str, str]) -> None:
    results = search(tab, entry["query"], site_url)
    assert results and results[0] == entry["page"], (
        f"searching {entry['query']!r} puts {results[:3]} first, not {entry['page']}"
    )


def test_single_characters_only_say_so_and_point_to_the_reader(tab: Page, site_url: str) -> None:
    open_search(tab)
    box = tab.locator("input.md-search__input")
    box.fill(SINGLE_CHARACTER_QUERY)
    box.press("End")
    hint = tab.locator(".search-hint")
    hint.wait_for(state="visible", timeout=5_000)
    assert "单个字" in hint.inner_text()
    assert site_path(hint.locator("a").get_attribute("href") or "", site_url) == "read-message/"
    assert tab.locator(".md-search-result__item").count() == 0, "pages matched on single characters are listed"
    box.fill("紧急联系人")
    box.press("End")
    tab.wait_for_selector(".md-search-result__item", timeout=5_000)
    assert hint.is_hidden(), "the hint stays after a query the index has"


def test_pasted_text_is_searched_without_a_key(tab: Page, site_url: str) -> None:
    open_search(tab)
    tab.evaluate(
        """() => { const box = document.querySelector('input.md-search__input');
             box.value = '紧急联系人';
             box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'})); }"""
    )
    tab.wait_for_selector(".md-search-result__item", timeout=5_000)
    first = tab.eval_on_selector(".md-search-result__item a", "a => a.href")
    assert site_path(first, site_url) == "faq/family/"


def test_dictated_text_is_searched_on_compositionend(tab: Page, site_url: str) -> None:
    open_search(tab)
    box = tab.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    tab.evaluate(
        """() => { const box = document.querySelector('input.md-search__input');
             box.value = '村委会';
             box.dispatchEvent(new CompositionEvent('compositionend', {bubbles: true, data: '村委会'})); }"""
    )
    tab.wait_for_selector(".md-search-result__item", timeout=5_000)
    first = tab.eval_on_selector(".md-search-result__item a", "a => a.href")
    assert site_path(first, site_url) == "faq/family/"
