"""Search quality: each query in tests/data/search_queries.yaml finds its page among the first 3 results,
typed into the site's own search in Chromium; the results show no machinery (no 缺少 line, no Graphviz source,
no zero-width spaces); short queries are searched whole; function words (data/search_function_words.txt)
rank no page, alone or in a question; the index is fetched only when search is opened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from browser.data_files import read_entries
from browser_harness import new_context, open_search, search

pytestmark = pytest.mark.browser

QUERIES_FILE = Path(__file__).resolve().parents[1] / "data" / "search_queries.yaml"
FUNCTION_WORDS_FILE = Path(__file__).resolve().parents[2] / "data" / "search_function_words.txt"
TOP_N = 3


def load_queries(path: Path = QUERIES_FILE) -> list[dict[str, str]]:
    """The query table, checked: a list of {query, page, why?} with non-empty strings."""
    data = read_entries(path, "- query: … / page: …")
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


# --- answers, not machinery ------------------------------------------------------------------

MACHINERY_QUERIES = ["网贷逾期了还不上会坐牢吗", "收到上门通知怎么办", "上门", "官方客服查得到", "按期履行"]
RESULTS_TEXT_JS = """() => {
  const list = document.querySelector('.md-search-result');
  return {text: list.textContent, shown: list.innerText,
          terms: [...list.querySelectorAll('.md-search-result__terms')].filter(t => t.checkVisibility()).length};
}"""


@pytest.fixture(scope="module")
def phone_search_page(phone: BrowserContext, site_url: str) -> Iterator[Page]:
    page = phone.new_page()
    page.goto(site_url, wait_until="networkidle")
    yield page
    page.close()


@pytest.mark.parametrize("query", MACHINERY_QUERIES)
def test_results_show_no_machinery(phone_search_page: Page, site_url: str, query: str) -> None:
    results = search(phone_search_page, query, site_url)
    assert results, f"searching {query!r} finds nothing"
    found = phone_search_page.evaluate(RESULTS_TEXT_JS)
    assert not found["terms"] and "缺少" not in found["shown"], f"{query!r}: the results show a 缺少 (missing terms) line"
    assert "\u200b" not in found["text"], f"{query!r}: the results carry zero-width spaces (U+200B)"
    for machinery in ("->", "start", "verify", "digraph"):
        assert machinery not in found["text"], f"{query!r}: the results show Graphviz source ({machinery!r})"


@pytest.mark.parametrize("query", ["下载", "打印"])
def test_short_query_is_searched_whole(search_page: Page, site_url: str, query: str) -> None:
    """Material 9.8.2 searches a two-character query as its first character (下载 as 下*): javascripts/search-query.js."""
    search(search_page, query, site_url)
    words = search_page.eval_on_selector_all(".md-search-result mark", "ms => ms.map(m => m.textContent.replace(/\\u200b/g, ''))")
    assert words and all(query in word for word in words), f"searching {query!r} marks {sorted(set(words))[:8]}"


# --- function words rank no page ---------------------------------------------------

NO_RESULTS = "没有找到符合条件的结果"  # Material's zh text for search.result.none
ANSWERED_JS = """(none) => document.querySelector('.md-search-result__item')
  || document.querySelector('.md-search-result__meta').textContent.trim() === none"""


def answer(page: Page, query: str) -> tuple[list[str], list[str], str]:
    """Type `query`; once Material has answered (a result, or its no-result line), return the result pages'
    links (without ?h=), the words marked in the results, and the line above the results."""
    open_search(page)
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    box.fill(query)
    box.press("End")
    page.wait_for_function(ANSWERED_JS, arg=NO_RESULTS)
    links = page.eval_on_selector_all(".md-search-result__item > a", "as => as.map(a => a.href.split('?')[0])")
    marks = page.eval_on_selector_all(".md-search-result mark", "ms => ms.map(m => m.textContent.replace(/\\u200b/g, ''))")
    meta = page.locator(".md-search-result__meta").inner_text().strip()
    return links, marks, meta


def function_words() -> set[str]:
    lines = FUNCTION_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


@pytest.mark.parametrize("words", [["我们"], ["的"], ["吗"], ["了"], ["我们", "的", "吗"]], ids="".join)
def test_function_words_alone_rank_no_page(search_page: Page, words: list[str]) -> None:
    """A query of function words only shows Material's no-result line, not pages ranked on 我们 or 吗."""
    unlisted = [w for w in words if w not in function_words()]
    assert not unlisted, f"{FUNCTION_WORDS_FILE.name} no longer lists {unlisted}: update this test with the list"
    query = "".join(words)
    links, _, meta = answer(search_page, query)
    assert not links and meta == NO_RESULTS, f"searching {query!r} lists {len(links)} pages ({meta}): {links[:3]}"


@pytest.mark.parametrize(("words", "question"), [
    ("网贷逾期", "我们的网贷逾期了吗"),
    ("催收家人违法", "催收把我的家人怎么了，这是违法的吗？"),
])
def test_function_words_change_no_ranking(search_page: Page, words: str, question: str) -> None:
    """The same words wrapped in function words give the same pages in the same order, and none is marked."""
    plain, _, _ = answer(search_page, words)
    asked, marks, _ = answer(search_page, question)
    assert plain, f"searching {words!r} finds nothing"
    assert asked == plain, f"{question!r} ranks {asked[:4]}, but its words {words!r} rank {plain[:4]}"
    marked = sorted(set(marks) & function_words())
    assert not marked, f"searching {question!r} marks the function words {marked} in the results"


def test_question_is_searched_for_all_its_words(search_page: Page) -> None:
    """Material 9.8.2 alone stops at the first character that starts no word of the index and drops the last
    character of a run (逾期几天会上征信 lost 征信), and glues digits to the words around them (打12378投诉 was
    one term): javascripts/search-query.js cuts the question into the index's words, so each is searched."""
    _, marks, _ = answer(search_page, "网贷想申请停息挂账能行吗,逾期几天会上征信,打12378投诉有用吗")
    missing = {"网贷", "停息挂账", "逾期", "几天", "征信", "12378", "投诉"} - set(marks)
    assert not missing, f"the words {sorted(missing)} of the question are not searched (marked: {sorted(set(marks))})"


INDEX = "search/search_index.json"


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_index_is_fetched_when_search_is_opened(chromium: Browser, site_url: str, size: str) -> None:
    context = new_context(chromium, phone=size == "phone")
    try:
        page = context.new_page()
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        page.goto(site_url + "authenticity/", wait_until="networkidle")
        page.wait_for_timeout(500)
        assert not [u for u in requests if u.endswith(INDEX)], f"{INDEX} was fetched before search was opened"
        if size == "phone":
            page.locator("label.md-header__button[for='__search']").tap()
        else:
            page.locator("input.md-search__input").focus()
        page.wait_for_load_state("networkidle")
        assert [u for u in requests if u.endswith(INDEX)], f"opening search did not fetch {INDEX}"
        assert search(page, "上门", site_url), "search finds nothing once the index is loaded"
    finally:
        context.close()
