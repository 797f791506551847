"""lawcite.headings (the one heading finder) and lawcite.frontmatter.split (the one front-matter reader)."""
from __future__ import annotations

import re
from datetime import date

import markdown

from lawcite.frontmatter import split
from lawcite.headings import find_headings, heading_lines
from lawcite.mdext import annotate


def test_headings_follow_python_markdown() -> None:
    text = ("---\ntitle: 页\n---\n# 标题\n\n甲\n乙\n---\n\n单行段落\n---\n\n```\n# 代码里不是标题\n```\n\n"
            "## 小节 ##\n")
    found = [(h.line, h.level, h.source) for h in find_headings(text)]
    # 甲/乙 is a two-line paragraph and a rule (Python-Markdown reads it so); one line above --- is a heading
    assert found == [(4, 1, "标题"), (10, 2, "单行段落"), (17, 2, "小节")]
    html = markdown.markdown(text.split("---\n", 2)[2], extensions=["fenced_code"])
    assert re.findall(r"<h([1-6])>", html) == ["1", "2", "2"] and "<hr" in html
    assert heading_lines(text) == {3, 9, 16}


def test_a_citation_in_a_heading_is_checked_not_linked(project_registry) -> None:  # noqa: ANN001
    text = "## 《民法典》第一千零三十二条\n\n正文：《民法典》第一千零三十二条。\n"
    result = annotate(text, project_registry, date(2026, 11, 29))
    assert [f.status for f in result.findings] == ["ok", "ok"]
    assert [link is not None for link in result.links] == [False, True]
    assert result.text.startswith("## 《民法典》第一千零三十二条\n")


def test_front_matter_split() -> None:
    page = "---\ntitle: 示例\nreviewed: 2026-11-29\n---\n\n# 标题\n"
    fm = split(page)
    assert (fm.yaml, page[fm.body_start:], fm.body_line) == ("title: 示例\nreviewed: 2026-11-29\n", "\n# 标题\n", 5)
    assert split("...\n").yaml is None and split("---\nnot closed\n").yaml is None
    assert split("---\nclosed: by dots\n...\nbody").yaml == "closed: by dots\n"
