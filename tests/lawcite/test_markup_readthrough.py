"""Emphasis, strike, links and inline HTML around or inside a citation are read through (lawcite.markup:
TRANSPARENT), and the finding points at the citation in the original text.

Each form is one a Markdown or HTML document in another project writes every day; before the markup layer
read through them, each gave no citation at all (and the pre-commit hook said "Passed").
"""
from __future__ import annotations

from datetime import date

import pytest

from lawcite import Registry, check_citations, find_citations
from lawcite_paths import run_check_refs

AS_OF = date(2026, 11, 29)

# (the line as written, the column the citation starts at, the text of the citation)
MARKDOWN_FORMS = {
    "bold article": ("见《民法典》**第一千三百条**。", 2, "《民法典》**第一千三百条"),
    "italic citation": ("见*《民法典》第一千三百条*。", 3, "《民法典》第一千三百条"),
    "bold law name": ("见**《民法典》**第一千三百条。", 4, "《民法典》**第一千三百条"),
    "underscore bold": ("见__《民法典》__第一千三百条。", 4, "《民法典》__第一千三百条"),
    "link around the citation": ("见[《民法典》第一千三百条](#x)。", 3, "《民法典》第一千三百条"),
    "link around the article": ("见《民法典》[第一千三百条](#x)。", 2, "《民法典》[第一千三百条"),
    "strike": ("见《民法典》~~第一千三百条~~。", 2, "《民法典》~~第一千三百条"),
    "inline HTML in Markdown": ("见《民法典》<strong>第一千三百条</strong>。", 2, "《民法典》<strong>第一千三百条"),
    "reference link": ("见《民法典》[第一千三百条][m]。\n\n[m]: https://example.org/\n", 2, "《民法典》[第一千三百条"),
}


@pytest.mark.parametrize("form", MARKDOWN_FORMS)
def test_markdown_markup_is_read_through(form: str, reg: Registry) -> None:
    line, column, written = MARKDOWN_FORMS[form]
    text = f"---\nreviewed: 2026-11-29\n---\n\n# 标题\n\n{line}\n"
    (c,) = find_citations(text, reg)
    assert (c.line, c.column, c.text, c.article) == (7, column, written, 1300)
    (f,) = check_citations([c], reg, AS_OF, text=text)
    assert (f.status, f.severity) == ("no-such-article", "error")


HTML_FORMS = {
    "strong article": ('<p>见《民法典》<strong>第一千三百条</strong>。</p>', 5, 1300),
    "b around the citation": ('<p>见<b>《民法典》第一千三百条</b>。</p>', 8, 1300),
    "link around the article": ('<p>见《民法典》<a href="#x" title="第1条">第一千三百条</a>。</p>', 5, 1300),
    "del": ('<p>见<del>《民法典》</del>第一千三百条。</p>', 10, 1300),
}


@pytest.mark.parametrize("form", HTML_FORMS)
def test_html_inline_tags_are_read_through(form: str, reg: Registry) -> None:
    html, column, article = HTML_FORMS[form]
    text = f"<html><body>\n<h1>标题</h1>\n{html}\n</body></html>\n"
    (c,) = find_citations(text, reg, markdown=False, html=True)
    assert (c.line, c.column, c.article) == (3, column, article)
    assert c.text.startswith("《民法典》") and c.text.endswith("第一千三百条")


def test_block_tags_still_end_a_chain(reg: Registry) -> None:
    # a paragraph break is not an inline tag: the 第 of the next paragraph has no law
    text = "<p>《民法典》第一千零三十二条</p><p>第一千零三十三条</p>"
    assert [c.article for c in find_citations(text, reg, markdown=False, html=True)] == [1032]


def test_linked_list_members_in_built_html_are_one_list(reg: Registry) -> None:
    # the site's own built page (docs/authenticity/verify.md): the site links each member of the list;
    # read as separate chains, the second member had no words of its own and was judged superseded
    text = (
        '<p>法院可以直接送达、邮寄送达（<a class="lawcite" href="../../laws/minfadian/#art-1032" '
        'title="《民法典》第一千零三十二条：自然人享有隐私权。">《中华人民共和国民法典》第一千零三十二条</a>、'
        '<a class="lawcite" href="../../laws/minfadian/#art-1033" title="…">第一千零三十三条</a>）。</p>'
    )
    cites = find_citations(text, reg, markdown=False, html=True)
    assert [(c.article, c.chain, c.law_as_written) for c in cites] == [
        (1032, cites[0].chain, "中华人民共和国民法典"), (1033, cites[0].chain, None)]


def test_markdown_list_and_thematic_break_are_not_emphasis(reg: Registry) -> None:
    text = "* 《刑法》第二百三十八条\n* 第二百四十六条\n\n***\n\n《刑法》第二百四十六条\n"
    # the second list item is its own block: its 第 has no law before it
    assert [(c.article, c.line, c.column) for c in find_citations(text, reg)] == [(238, 1, 3), (246, 6, 1)]


def test_markup_forms_fail_the_command_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "page.md"
    page.write_text("\n\n".join(v[0] for v in MARKDOWN_FORMS.values() if "\n" not in v[0]) + "\n", encoding="utf-8")
    run = run_check_refs(str(page), "--as-of", "2026-11-29", "--format", "json", "--registry", "tests/lawcite/fixtures/laws")
    assert run.returncode == 1, run.stderr
    import json

    cites = json.loads(run.stdout)["citations"]
    assert [(c["line"], c["status"]) for c in cites] == [(1 + 2 * k, "no-such-article") for k in range(8)]
