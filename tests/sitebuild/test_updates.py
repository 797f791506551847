"""sitebuild.updates (the 更新记录 list) on the real pages and registry; the generated texts of stale pages and coming versions
(the list, the stale notice, the coming-change notes) follow the Chinese copywriting conventions."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import autocorrect_py
import pytest

from lawcite import Registry, check_citations, find_citations, load_registry
from lawcite.changes import coming_changes, page_staleness, stale_notice
from sitebuild import updates

ROOT = Path(__file__).resolve().parents[2]
IN_THE_WINDOW = date(2025, 8, 1)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(ROOT / "data" / "laws")


def _pages() -> list[tuple[str, str]]:
    return [(p.relative_to(ROOT / "docs").as_posix(), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "docs").rglob("*.md"))]


def test_page_dates_read_front_matter_and_title() -> None:
    dates = {p.src_uri: p for p in updates.page_dates(_pages())}
    assert dates["door.md"].title == "有人在门口" and isinstance(dates["door.md"].reviewed, date)
    assert len(dates) == len(_pages())
    assert updates.page_dates([("x.md", "# 无日期\n")]) == []
    assert updates.page_dates([("x.md", "---\nreviewed: 2026-02-30\n---\n# 坏日期\n")]) == []


def test_coming_version_heads_the_list_in_the_window(registry: Registry) -> None:
    events = updates.law_events(registry, IN_THE_WINDOW, lambda slug: f"/laws/{slug}.md" if slug == "zhian" else None)
    listing = updates.timeline_markdown(events, IN_THE_WINDOW).split("\n")
    assert listing[0] == (
        "- **2026-01-01**（尚未到来）：[《中华人民共和国治安管理处罚法》](/laws/zhian.md)修改后的文本将于这一天起施行"
        "（2025-06-27 通过或修改）；本站引用它的页面届时按新文本复核。"
    )
    after = updates.timeline_markdown(updates.law_events(registry, date(2026, 11, 30), lambda slug: None), date(2026, 11, 30))
    assert "- **2026-01-01**：《中华人民共和国治安管理处罚法》修改后的文本起施行（2025-06-27 通过或修改），此前的文本同日失效。" in after


def test_repealed_laws_and_nested_titles(registry: Registry) -> None:
    listing = updates.timeline_markdown(updates.law_events(registry, date(2026, 11, 30), lambda slug: None), date(2026, 11, 30))
    assert "- **2021-01-01**：《中华人民共和国合同法》废止，由《中华人民共和国民法典》取代。" in listing
    assert "《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》" in listing


def test_marker_replaced_only_where_it_stands_alone() -> None:
    md = "# 更新记录\n\n<!-- updates -->\n\n## 来源\n"
    out = updates.replace_placeholder(md, lambda: [updates.Event(date(2026, 1, 1), "甲。")], date(2026, 11, 30))
    assert out == "# 更新记录\n\n- **2026-01-01**：甲。\n\n## 来源\n"
    untouched = "行内提到 <!-- updates --> 不算。"
    assert updates.replace_placeholder(untouched, lambda: [], date(2026, 11, 30)) == untouched


def _lint(text: str) -> list[str]:
    return [f"{r.old.strip()!r} -> {r.new.strip()!r}" for r in autocorrect_py.lint_for(text, "generated.md").lines]


def test_generated_texts_follow_copywriting_conventions(registry: Registry) -> None:
    events = updates.page_events(updates.page_dates(_pages()))
    events += updates.law_events(registry, IN_THE_WINDOW, lambda slug: None)
    text = "依照《治安管理处罚法》第四十二条处罚。"
    findings = check_citations(find_citations(text, registry), registry, IN_THE_WINDOW, text=text)
    staleness = page_staleness(findings, registry, IN_THE_WINDOW, date(2026, 11, 30))
    assert staleness is not None
    [coming] = coming_changes(findings, registry, IN_THE_WINDOW)
    generated = "\n\n".join([updates.timeline_markdown(events, IN_THE_WINDOW), stale_notice(staleness), coming.coming.note])
    assert not _lint(generated), _lint(generated)
