"""看懂催收短信 (docs/read-message.md): the reader, run in Chromium as a reader uses it on a 390 px phone.

- window.readMessage returns exactly the kinds each message of tests/data/reader_messages.yaml asserts (all
  messages in one page load; the same function drives what is shown);
- pasting each of the three messages quoted in the reader's brief shows every claim with its answer page;
- bad input (empty, 10,000 characters, only emoji, only punctuation, a URL) gets a clear line, no console error;
- typing makes no request and stores nothing; dictation (compositionend without a key) is read too;
- every answer page the data names exists in the built site
  (written elsewhere: the merged site must have them, and then this list is emptied).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import BrowserContext, Page

from browser_harness import PageWatch
from message_reader_run import READER_PATH, kinds_of, read_all, written_messages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = ROOT / "data" / "message_claims.yaml"
ISSUE_MESSAGES = {
    "您的案件已转法务部，将于明日上门核实并通知村委会": {"self-styled-authority", "visit", "notify-others", "deadline"},
    "已启动司法调查程序，24 小时内不处理将上报征信": {"self-styled-authority", "deadline", "credit-report"},
    "冻结你名下所有资产": {"freeze"},
}
TEN_THOUSAND = ("您的欠款已逾期，请尽快处理。" * 800)[:10_000]
BAD_INPUTS = {
    "empty": ("", "贴上短信后"),
    "only spaces": ("   \n  ", "贴上短信后"),
    "only emoji": ("😀😡🙏🔥", "没有可读的文字"),
    "only punctuation": ("！！！？？。。，，……", "没有可读的文字"),
    "a URL": ("http://t.cn/A6xYz9", "这只是一个网址"),
    "10,000 characters": (TEN_THOUSAND, "只读了前 10000 个字"),
}


def open_reader(context: BrowserContext, site_url: str) -> tuple[Page, PageWatch]:
    tab = context.new_page()
    watch = PageWatch()
    watch.attach(tab)
    tab.goto(site_url + READER_PATH, wait_until="networkidle")
    return tab, watch


def status_text(tab: Page) -> str:
    return tab.locator(".message-reader__result").inner_text()


def test_every_written_message_gets_exactly_its_kinds(phone: BrowserContext, site_url: str) -> None:
    messages = written_messages()
    tab, watch = open_reader(phone, site_url)
    try:
        results = read_all(tab, [m["text"] for m in messages])
    finally:
        tab.close()
    wrong = []
    for message, claims in zip(messages, results):
        want, got = set(message["claims"]), kinds_of(claims)
        if want != got:
            wrong.append(f"{message['id']}: missing {sorted(want - got)}, extra {sorted(got - want)} in {message['text']!r}")
        assert all(c["href"] and c["words"] for c in claims), f"{message['id']}: a claim without href or words: {claims}"
    assert not wrong, "readMessage disagrees with tests/data/reader_messages.yaml:\n" + "\n".join(wrong)
    assert not watch.errors, watch.errors


def test_scam_signs_come_first(phone: BrowserContext, site_url: str) -> None:
    tab, _ = open_reader(phone, site_url)
    try:
        claims = tab.evaluate("window.readMessage('已启动司法调查程序，请今日内扫码缴纳解冻费，否则上门')")
    finally:
        tab.close()
    assert claims[0]["kind"] == "pay-channel" and claims[0]["scam"], claims
    assert [c["scam"] for c in claims] == sorted((c["scam"] for c in claims), reverse=True), claims


@pytest.mark.parametrize("text", list(ISSUE_MESSAGES))
def test_pasting_a_message_shows_every_claim_with_its_page(phone: BrowserContext, site_url: str, text: str) -> None:
    tab, watch = open_reader(phone, site_url)
    try:
        tab.fill("#message-text", text)
        for kind in ISSUE_MESSAGES[text]:
            card = tab.locator(f".message-claim[data-kind='{kind}']")
            assert card.count() == 1, f"{text}: no card for {kind}; shown: {status_text(tab)[:300]}"
            assert card.locator("mark").count() >= 1, f"{text}: {kind} shows no highlighted words"
            assert card.locator(".message-claim__truth").inner_text().strip(), f"{text}: {kind} has no 真实情况"
            assert card.locator(".message-claim__action").inner_text().strip(), f"{text}: {kind} has no 现在怎么做"
            answer = card.locator("a.message-claim__answer")
            assert answer.count() == 1, f"{text}: {kind} links no answer page"
        assert "真假" in status_text(tab), "the reader must say it cannot tell whether a message is real"
        assert not re.search(r"(肯定|一定)是(真|假)的", status_text(tab))
        assert not watch.errors, watch.errors
    finally:
        tab.close()


def test_cited_articles_link_to_the_law_appendix(phone: BrowserContext, site_url: str) -> None:
    tab, _ = open_reader(phone, site_url)
    try:
        tab.fill("#message-text", "冻结你名下所有资产")
        links = tab.locator(".message-claim[data-kind='freeze'] .message-claim__truth a[href*='laws/']")
        assert links.count() >= 1, "the freeze claim's articles do not link to the law appendix"
    finally:
        tab.close()


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_gets_a_clear_line_and_no_error(phone: BrowserContext, site_url: str, name: str) -> None:
    text, expected = BAD_INPUTS[name]
    tab, watch = open_reader(phone, site_url)
    try:
        tab.fill("#message-text", "先贴一段")
        tab.fill("#message-text", text)
        shown = status_text(tab)
        assert expected in shown, f"{name}: expected a line with {expected!r}, the reader shows {shown[:200]!r}"
        assert not watch.errors, f"{name}: {watch.errors}"
    finally:
        tab.close()


def test_a_message_that_asserts_nothing_gets_a_calm_line(phone: BrowserContext, site_url: str) -> None:
    tab, _ = open_reader(phone, site_url)
    try:
        tab.fill("#message-text", "感谢您按时还款，祝您生活愉快！")
        assert tab.locator(".message-claim").count() == 0
        assert tab.locator(".message-reader__calm").count() == 1, status_text(tab)
    finally:
        tab.close()


def test_dictated_text_is_read_on_compositionend(phone: BrowserContext, site_url: str) -> None:
    tab, _ = open_reader(phone, site_url)
    try:
        tab.evaluate(
            """() => { const box = document.getElementById('message-text');
                 box.value = '我们将上门拜访';
                 box.dispatchEvent(new CompositionEvent('compositionend', {data: '拜访'})); }"""
        )
        assert tab.locator(".message-claim[data-kind='visit']").count() == 1, status_text(tab)
    finally:
        tab.close()


def test_the_text_makes_no_request_and_is_not_stored(phone: BrowserContext, site_url: str) -> None:
    secret = "您的案件已转法务部张某某尾号8848"
    tab, watch = open_reader(phone, site_url)
    try:
        box = tab.locator("#message-text")
        for attribute, value in (("autocomplete", "off"), ("spellcheck", "false")):
            assert box.get_attribute(attribute) == value, f"the textarea needs {attribute}={value}"
        watch.clear()
        box.fill(secret)
        tab.keyboard.type("，明日上门")
        tab.wait_for_timeout(500)
        assert not watch.requests, f"typing a message made requests: {watch.requests}"
        stored = tab.evaluate(
            """async () => ({
                 local: JSON.stringify(Object.assign({}, localStorage)),
                 session: JSON.stringify(Object.assign({}, sessionStorage)),
                 cookie: document.cookie,
                 idb: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : []
               })"""
        )
        for where in ("local", "session", "cookie"):
            assert "法务部" not in stored[where] and "8848" not in stored[where], f"the message is in {where}: {stored[where]}"
        assert stored["idb"] == [], f"the page opened IndexedDB databases: {stored['idb']}"
    finally:
        tab.close()


def test_every_answer_page_exists(site_dir: Path) -> None:
    kinds = yaml.safe_load(CLAIMS.read_text(encoding="utf-8"))["kinds"]
    missing = [f"{kind['id']}: {kind['href']}" for kind in kinds if not (site_dir / kind["href"] / "index.html").is_file()]
    assert not missing, f"answer pages not in the built site: {missing}"
