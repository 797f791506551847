"""A copied letter keeps the numbering of its lists, and key sections have short stable anchors (the old
long ones still land on the same section)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Browser

from browser_harness import new_context

pytestmark = pytest.mark.browser

LETTERS = "guide/templates/complaint-letters/"
# (page, short anchor, the old anchor pages or readers may still link, or None)
ANCHORS = [
    ("conduct/complaints/", "call-110", "先找谁110123781236312321"),
    ("authenticity/verify/", "check-lawsuit", "核实是否真的被起诉"),
    ("door/", "no-door", None),
    ("door/", "call-police", None),
]


def test_a_copied_letter_keeps_its_numbering(chromium: Browser, site_url: str) -> None:
    context = new_context(chromium)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    try:
        tab = context.new_page()
        tab.goto(site_url + LETTERS, wait_until="networkidle")
        items = tab.locator(".letter").first.locator("ol > li")
        assert items.count() >= 6, f"site/{LETTERS}: the first letter has {items.count()} numbered items"
        tab.get_by_role("button", name="复制全文").first.click()
        tab.get_by_role("status").first.wait_for(state="visible")
        copied = tab.evaluate("() => navigator.clipboard.readText()")
        lines = copied.splitlines()
        for number in range(1, 7):
            assert any(line.startswith(f"{number}. ") for line in lines), (
                f"site/{LETTERS}: the copied letter has no line starting {number}. :\n{copied[:600]}")
        assert "1. 在 22:00 至次日 8:00 之间打电话或发消息" in copied
        assert "1. 核实上述人员是否受贵司委托" in copied, "the second list starts again at 1."
        assert any(line.startswith("- ") and "第一千零三十二条" in line for line in lines), "a bullet lost its dash"
        # the page itself is unchanged after copying (the markers were only there while the text was read)
        assert not items.first.inner_text().startswith("1. ")
    finally:
        context.close()


@pytest.mark.parametrize(("path", "short", "old"), ANCHORS)
def test_key_sections_have_short_anchors_and_old_ones_still_work(chromium: Browser, site_url: str, path: str,
                                                                  short: str, old: str | None) -> None:
    context = new_context(chromium)
    try:
        tab = context.new_page()
        tab.goto(f"{site_url}{path}#{short}", wait_until="networkidle")
        heading = tab.locator(f"[id='{short}']")
        assert heading.count() == 1 and heading.evaluate("el => /^H[2-4]$/.test(el.tagName)"), (
            f"site/{path}: no section heading with the id {short}")
        title = heading.inner_text()
        if old is not None:
            tab.goto(f"{site_url}{path}#{quote(old)}", wait_until="networkidle")
            top = tab.evaluate("() => window.scrollY")
            target = tab.locator(f"[id='{old}']")
            assert target.count() == 1, f"site/{path}: the old anchor #{old} is gone"
            following = target.evaluate("el => el.nextElementSibling && el.nextElementSibling.innerText"
                                        " || el.parentElement.nextElementSibling.innerText")
            assert title.replace("¶", "").strip() in following, f"#{old} does not land on {title!r}"
            assert top > 0, f"site/{path}#{old} did not scroll to the section"
    finally:
        context.close()
