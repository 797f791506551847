"""lawcite.mdext without MkDocs: plain Python-Markdown, as another host (Zensical) would run it."""
from __future__ import annotations

import logging
from datetime import date

import markdown
import pytest

from lawcite import appendix
from lawcite.mdext import PageContext, set_page_context

EXT = "lawcite.mdext"
CONF = {EXT: {"registry": "data/laws", "as_of": "2026-11-29"}}


@pytest.fixture(autouse=True)
def _run_from_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    from site_builds import REPO

    monkeypatch.chdir(REPO)
    monkeypatch.delenv("LAWCITE_DISABLE", raising=False)
    set_page_context(None)


def test_plain_markdown_links_a_citation() -> None:
    html = markdown.markdown("依照《民法典》第一千零三十二条。", extensions=[EXT], extension_configs=CONF)
    assert '<a class="lawcite" href="/laws/minfadian.md#art-1032" title="《民法典》第一千零三十二条：' in html


def test_default_configuration_uses_the_project_registry() -> None:
    html = markdown.markdown("依照《民法典》第一千零三十二条。", extensions=[EXT])
    assert 'href="/laws/minfadian.md#art-1032"' in html


def test_disable_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWCITE_DISABLE", "1")
    html = markdown.markdown("依照《民法典》第一千零三十二条。", extensions=[EXT], extension_configs=CONF)
    assert html == "<p>依照《民法典》第一千零三十二条。</p>"


def test_errors_are_logged_with_line_and_column_and_not_linked(caplog: pytest.LogCaptureFixture) -> None:
    text = "# 标题\n\n第一段。\n\n见《人民民法典》第一条。\n"
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.lawcite"):
        html = markdown.markdown(text, extensions=[EXT], extension_configs=CONF)
    assert "lawcite" not in html
    assert any(r.getMessage().startswith("<markdown>:5:2: unknown-law: 《人民民法典》第一条") for r in caplog.records)


def test_host_context_sets_path_line_offset_and_date(caplog: pytest.LogCaptureFixture) -> None:
    # 治安管理处罚法 2012 text is in force until 2026-01-01: on 2025-06-01 its 第四十二条 is current,
    # on 2026-11-29 a 2026 citation of 第一百四十五条 does not exist (144 articles).
    set_page_context(PageContext(path="docs/x.md", line_offset=3, as_of=date(2025, 6, 1)))
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.lawcite"):
        html = markdown.markdown("见《治安管理处罚法》第四十二条。\n\n见《治安管理处罚法》第一百四十五条。",
                                 extensions=[EXT], extension_configs=CONF)
    set_page_context(None)
    assert 'href="/laws/zhian.md#v2013-art-42"' in html
    assert [r.getMessage()[:30] for r in caplog.records] == ["docs/x.md:6:2: no-such-article"[:30]]


def test_context_can_switch_a_page_off() -> None:
    set_page_context(PageContext(enabled=False))
    html = markdown.markdown("见《民法典》第一千零三十二条。", extensions=[EXT], extension_configs=CONF)
    set_page_context(None)
    assert "lawcite" not in html


def test_markup_around_and_near_citations_survives() -> None:
    text = (
        "- **注意**：《民法典》第一千零二十四条、第一千零三十二条\n"
        "- [已有链接《民法典》第一千零三十三条](https://example.org/)\n\n"
        "<div>原始 HTML 里的《民法典》第一千零三十二条</div>\n\n"
        "| a | b |\n|---|---|\n| 《刑法》第二百四十六条 | x |\n"
    )
    html = markdown.markdown(text, extensions=[EXT, "tables"], extension_configs=CONF)
    assert "<strong>注意</strong>" in html
    assert html.count('class="lawcite"') == 3  # 1024, 1032 in the list, 246 in the table
    assert '<a href="https://example.org/">已有链接《民法典》第一千零三十三条</a>' in html
    assert "<div>原始 HTML 里的《民法典》第一千零三十二条</div>" in html
    assert "\ue000" not in html and "\ue001" not in html


def test_section_anchors_match_toc() -> None:
    from pymdownx.slugs import slugify

    text = "# 页\n\n## 六、治安管理处罚法“第42条”\n\n正文\n\n## 重复\n\n## 重复\n\n代码\n\n```\n# 不是标题\n```\n\n小节\n---\n"
    heads = appendix.page_headings(text)
    md = markdown.Markdown(extensions=["toc", "fenced_code"], extension_configs={"toc": {"slugify": slugify(case="lower")}})
    md.convert(text)
    ids = [t["id"] for t in appendix._flatten(md.toc_tokens)]
    assert [h.anchor for h in heads] == ids
    assert [h.line for h in heads] == [1, 3, 7, 9, 17]
