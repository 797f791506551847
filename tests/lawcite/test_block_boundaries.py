"""Quotations never cross a block boundary; later and short quotations; the
foreign-law guard as data. Each bug has a regression test with the text the writers reported."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from lawcite import Registry, RegistryError, check_citations, find_citations, load_registry

AS_OF = date(2026, 11, 29)


def verdicts(text: str, reg: Registry, **kw: object) -> list[tuple[str, str]]:
    cites = find_citations(text, reg, **kw)  # type: ignore[arg-type]
    return [(f.citation.text, f.status) for f in check_citations(cites, reg, AS_OF, text=text)]


# --- a. list items ------------------------------------------------------------------------------

LIST_ITEMS = (
    "- 《中华人民共和国民法典》第一千零三十二条：“自然人享有隐私权。任何组织或者个人不得以刺探、侵扰、泄露、公开等方式侵害他人的隐私权。”\n"
    "- 《民法典》第一千零三十三条第（一）项、第（二）项：不得以电话、短信等方式……\n"
)


def test_a_quote_at_the_end_of_a_list_item_is_not_the_next_items(project_registry: Registry) -> None:
    assert verdicts(LIST_ITEMS, project_registry) == [
        ("《中华人民共和国民法典》第一千零三十二条", "ok"),
        ("《民法典》第一千零三十三条第（一）项", "ok"),
        ("第（二）项", "ok"),
    ]
    second = find_citations(LIST_ITEMS, project_registry)[1]
    assert second.before == "- "  # the sentence before it starts at its own list marker


def test_a_wrong_quote_in_a_list_item_is_still_its_own(project_registry: Registry) -> None:
    text = LIST_ITEMS.replace("自然人享有隐私权。", "自然人享有名誉权。", 1)
    assert [s for _, s in verdicts(text, project_registry)] == ["quote-mismatch", "ok", "ok"]


@pytest.mark.parametrize("marker", ["- ", "* ", "+ ", "1. ", "2) "])
def test_a_every_list_marker_starts_a_block(project_registry: Registry, marker: str) -> None:
    text = f"{marker}见《刑法》第二百五十三条之一\n{marker}“不给钱就曝光你家人”\n"
    assert verdicts(text, project_registry) == [("《刑法》第二百五十三条之一", "ok")]


def test_a_a_wrapped_list_item_is_still_joined(project_registry: Registry) -> None:
    text = "- 依照《中华人民共和国\n  民法典》第一千零三十二条：“自然人享有隐私权。”\n"
    assert verdicts(text, project_registry) == [("《中华人民共和国\n  民法典》第一千零三十二条", "ok")]


# --- b. table rows and cells --------------------------------------------------------------------

TABLE = (
    "| 情形 | 可能触犯 |\n"
    "|---|---|\n"
    "| 把通讯录发给亲友 | 《刑法》第二百五十三条之一 |\n"
    "| 威胁“不给钱就曝光你家人” | 《治安管理处罚法》第五十条第一款第（一）项 |\n"
)


def test_b_a_table_row_is_its_own_block(project_registry: Registry) -> None:
    assert verdicts(TABLE, project_registry) == [
        ("《刑法》第二百五十三条之一", "ok"),
        ("《治安管理处罚法》第五十条第一款第（一）项", "ok"),
    ]


def test_b_table_cells_are_separate(project_registry: Registry) -> None:
    text = "| 上门 | 《民法典》第一千零三十三条第（二）项 | 收取“上门费”“手续费” |\n"
    (c,) = find_citations(text, project_registry)
    assert "上门费" not in c.after
    assert verdicts(text, project_registry) == [("《民法典》第一千零三十三条第（二）项", "ok")]


def test_b_a_quote_in_the_same_cell_is_still_checked(project_registry: Registry) -> None:
    text = "| 上门 | 《民法典》第一千零三十三条第（二）项：“进入他人住宅” |\n"
    assert [s for _, s in verdicts(text, project_registry)] == ["quote-mismatch"]


# --- the other Markdown blocks --------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "## 《刑法》第二百五十三条之一\n“不给钱就曝光你家人”\n",                  # heading
        "> 《刑法》第二百五十三条之一\n“不给钱就曝光你家人”\n",                   # blockquote vs plain line
        "见《刑法》第二百五十三条之一\n> “不给钱就曝光你家人”是威胁\n\n",          # plain line vs blockquote (not a blockquote quotation: it is not the block's start)
        "见《刑法》第二百五十三条之一\n\n“不给钱就曝光你家人”\n",                  # paragraphs
        '!!! note "《刑法》第二百五十三条之一"\n    “不给钱就曝光你家人”\n',       # admonition title vs body
    ],
)
def test_no_quotation_crosses_a_markdown_block(project_registry: Registry, text: str) -> None:
    cites = find_citations(text, project_registry)
    assert [c.text for c in cites] == ["《刑法》第二百五十三条之一"]
    assert "不给钱" not in cites[0].after
    if not text.startswith("见《刑法》第二百五十三条之一\n>"):
        assert [s for _, s in verdicts(text, project_registry)] == ["ok"]


def test_blockquote_attribution_still_works(project_registry: Registry) -> None:
    text = "《民法典》第六百七十五条规定：\n\n> 借款人应当按照约定的期限返还借款。\n"
    assert [s for _, s in verdicts(text, project_registry)] == ["ok"]
    wrong = text.replace("约定的期限", "合同的期限")
    assert [s for _, s in verdicts(wrong, project_registry)] == ["quote-mismatch"]


# --- c. HTML --------------------------------------------------------------------------------------

HTML_ADMONITION = (
    '<div class="admonition tip">\n<p class="admonition-title">先说结论</p>\n'
    "<p>《中华人民共和国民法典》第六百七十五条规定：“借款人应当按照约定的期限返还借款。”</p>\n"
    "<p>进门要经你同意：任何组织或者个人不得“进入、拍摄、窥视他人的住宅、宾馆房间等私密空间”"
    "（《民法典》第一千零三十三条第（二）项）。</p>\n</div>\n"
)


def test_c_html_paragraphs_are_blocks(project_registry: Registry) -> None:
    assert verdicts(HTML_ADMONITION, project_registry, markdown=False, html=True) == [
        ("《中华人民共和国民法典》第六百七十五条", "ok"),
        ("《民法典》第一千零三十三条第（二）项", "ok"),
    ]
    first = find_citations(HTML_ADMONITION, project_registry, markdown=False, html=True)[1]
    assert "借款人" not in first.before


def test_c_html_table_cells_are_blocks(project_registry: Registry) -> None:
    text = (
        "<tr>\n<td>上门</td>\n<td>《治安管理处罚法》第五十条第一款第（二）项</td>\n"
        "<td>收取“上门费”“手续费”，诱导借新还旧</td>\n</tr>\n"
    )
    assert verdicts(text, project_registry, markdown=False, html=True) == [
        ("《治安管理处罚法》第五十条第一款第（二）项", "ok")]


def test_c_html_other_element(project_registry: Registry) -> None:
    text = "<dd><p>来源：《中华人民共和国民事诉讼法》第九十条</p></dd><dt>“法院专递”的名称</dt>"
    (c,) = find_citations(text, project_registry, markdown=False, html=True)
    assert c.after == ""
    assert [s for _, s in verdicts(text, project_registry, markdown=False, html=True)] == ["ok"]


def test_c_inline_tags_are_not_boundaries(project_registry: Registry) -> None:
    text = "<p><a href=\"x\">《民法典》第六百七十五条</a>规定：“借款人应当按照<em>约定</em>的期限返还借款。”</p>"
    assert [s for _, s in verdicts(text, project_registry, markdown=False, html=True)] == ["ok"]
    wrong = text.replace("约定", "合同")
    assert [s for _, s in verdicts(wrong, project_registry, markdown=False, html=True)] == ["quote-mismatch"]


# --- d. a second quotation in the same sentence -----------------------------------------------

SECOND_QUOTE = (
    "《民法典》第一千零三十二条规定“自然人享有隐私权。”，并明确“隐私是自然人的私人生活安宁和不愿为他人知晓的"
    "私密空间、私密活动、私密信息。”"
)


def test_d_second_quote_introduced_by_mingque_is_checked(project_registry: Registry) -> None:
    assert [s for _, s in verdicts(SECOND_QUOTE, project_registry)] == ["ok"]
    wrong = SECOND_QUOTE.replace("私密活动", "私密财产")
    assert [s for _, s in verdicts(wrong, project_registry)] == ["quote-mismatch"]


def test_d_second_quote_with_another_subject_is_not_the_citations(project_registry: Registry) -> None:
    text = "《民法典》第一千零三十二条规定“自然人享有隐私权。”，有的催收公司却写明“欠债不还就公开信息”。"
    assert [s for _, s in verdicts(text, project_registry)] == ["ok"]


def test_d_second_quote_after_a_list_must_be_in_one_of_its_articles(project_registry: Registry) -> None:
    text = ("《民法典》第一千零三十二条、第一千零三十三条规定“自然人享有隐私权。”，还规定“进入、拍摄、窥视他人的住宅”；")
    assert [s for _, s in verdicts(text, project_registry)] == ["ok", "ok"]
    wrong = text.replace("窥视他人的住宅", "窥视他人的汽车")
    assert [s for _, s in verdicts(wrong, project_registry)] == ["ok", "quote-mismatch"]


# --- e. a term in quotation marks ---------------------------------------------------------------

def test_e_short_term_right_after_a_citation_is_not_a_quotation(project_registry: Registry) -> None:
    text = "情节严重的，可能构成《刑法》第二百九十三条之一“催收非法债务罪”。"
    assert [s for _, s in verdicts(text, project_registry)] == ["ok"]


def test_e_short_quotation_introduced_as_one_is_checked(project_registry: Registry) -> None:
    text = "《刑法》第二百九十三条之一规定“催收非法债务罪”。"
    assert [s for _, s in verdicts(text, project_registry)] == ["quote-mismatch"]
    ok = "《刑法》第二百九十三条之一规定：“恐吓、跟踪、骚扰他人的”。"
    assert [s for _, s in verdicts(ok, project_registry)] == ["ok"]


def test_e_long_quotation_right_after_a_citation_is_checked(project_registry: Registry) -> None:
    text = "《刑法》第二百九十三条之一“催收高利放贷等产生的合法债务”"
    assert [s for _, s in verdicts(text, project_registry)] == ["quote-mismatch"]


def test_a_quote_after_a_semicolon_is_a_new_clause(project_registry: Registry) -> None:
    text = "来源：《中华人民共和国民事诉讼法》第九十一条、第九十条；“法院专递”的名称为二手资料"
    assert [s for _, s in verdicts(text, project_registry)] == ["ok", "ok"]


# --- f. the foreign-law guard is data -----------------------------------------------------------

FIXTURE_LAWS = Path(__file__).resolve().parent / "fixtures" / "laws"


def test_f_foreign_prefixes_come_from_the_grammar_data(project_registry: Registry) -> None:
    assert "德国" in project_registry.foreign_prefixes
    assert [(c.law_as_written, c.law_slug) for c in find_citations("德国民法典第823条", project_registry)] == [("德国民法典", None)]


def test_f_a_registry_folder_may_bring_its_own_settings(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_LAWS, tmp_path / "laws")
    (tmp_path / "lawcite.yaml").write_text("foreign_law_prefixes: [火星]\n", encoding="utf-8")
    reg = load_registry(tmp_path / "laws")
    assert reg.foreign_prefixes == ("火星",)
    assert [(c.law_as_written, c.law_slug) for c in find_citations("火星民法典第十条", reg)] == [("火星民法典", None)]
    assert [(c.law_slug, c.article) for c in find_citations("德国民法典第十条", reg)] == [("minfadian", 10)]


def test_f_a_broken_settings_file_names_file_and_line(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_LAWS, tmp_path / "laws")
    (tmp_path / "lawcite.yaml").write_text("# settings\nforeign_law_prefixes: 德国\n", encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_registry(tmp_path / "laws")
    assert err.value.path.endswith("lawcite.yaml") and err.value.line == 2
    assert "foreign_law_prefixes" in err.value.message


def test_c_html_pin_before_a_linked_name(project_registry: Registry) -> None:
    # the built page of docs/faq/claims.md: the site integration wraps the name in a link
    text = ('<li>原文引的是 2012 年修正的<a class="lawcite" href="../../laws/zhian/#v2013-art-42" '
            'title="《治安管理处罚法》第四十二条：有下列行为之一的">《治安管理处罚法》第四十二条</a>，当时的罚则是'
            "“处五日以下拘留或者五百元以下罚款；情节较重的，处五日以上十日以下拘留，可以并处五百元以下罚款”。</li>")
    (c,) = find_citations(text, project_registry, markdown=False, html=True)
    assert c.pin is not None and c.pin.year == 2012
    assert [s for _, s in verdicts(text, project_registry, markdown=False, html=True)] == ["ok"]
