"""The page for the person who gets the call about someone else's loan, and the warning it carries.

- a relative who tells the creditor they will pay can become jointly liable without signing anything
  (债务加入, 民法典 第五百五十二条): every page that tells someone they need not pay says not to promise;
- the page is reachable from the home page's promise to the people around the borrower, the family FAQ and
  the FAQ hub, and its built HTML carries the article's text as a checked citation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
NEED_NOT_PAY = re.compile(r"不用替[你他她]还")
PROMISE_WARNING = re.compile(r"不要答应")
JOINDER_ARTICLE = "第五百五十二条"
# Words of 民法典 第五百五十二条 that make the point: a promise made to the creditor is enough.
JOINDER_WORDS = "第三人向债权人表示愿意加入债务"


def pages_saying_need_not_pay() -> list[Path]:
    return [p for p in sorted(DOCS.rglob("*.md")) if NEED_NOT_PAY.search(p.read_text(encoding="utf-8"))]


def test_some_page_tells_relatives_they_need_not_pay() -> None:
    """Guards the next test: if the wording changed, that test would pass over no page at all."""
    names = [p.relative_to(DOCS).as_posix() for p in pages_saying_need_not_pay()]
    assert {"faq/family.md", "contacts.md"} <= set(names), f"pages saying 不用替你/他还: {names}"


@pytest.mark.parametrize("path", pages_saying_need_not_pay(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_need_not_pay_comes_with_do_not_promise(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert PROMISE_WARNING.search(text), (
        f"{path.relative_to(ROOT)} tells a relative they need not pay but not 「不要答应替…还」: "
        f"promising the creditor can make them jointly liable (民法典 {JOINDER_ARTICLE})"
    )


@pytest.mark.parametrize("built", ["contacts/index.html", "faq/family/index.html"])
def test_joinder_article_is_quoted_and_linked(site_dir: Path, built: str) -> None:
    html = (site_dir / built).read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)  # the words as read, not the citation link's tooltip
    assert JOINDER_WORDS in text, f"{built}: 民法典 {JOINDER_ARTICLE} is not quoted"
    assert re.search(rf'<a [^>]*href="[^"]*laws/minfadian[^"]*"[^>]*>[^<]*{JOINDER_ARTICLE}', html), (
        f"{built}: 民法典 {JOINDER_ARTICLE} is not a citation link to the law's page"
    )


@pytest.mark.parametrize("built", ["index.html", "faq/family/index.html", "faq/index.html"])
def test_contacts_page_is_linked_from(site_dir: Path, built: str) -> None:
    html = (site_dir / built).read_text(encoding="utf-8")
    assert re.search(r'href="(\.\./)*contacts/"', html), f"{built} has no link to contacts/"


def test_contacts_page_says_it_in_the_readers_words(site_dir: Path) -> None:
    """「我不是借款人，催收一直打给我」 is the title and the description, as a reader would type it."""
    html = (site_dir / "contacts" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    description = re.search(r'<meta name="description" content="([^"]*)"', html)
    assert title and "我不是借款人" in title.group(1)
    assert description and "我不是借款人" in description.group(1)
