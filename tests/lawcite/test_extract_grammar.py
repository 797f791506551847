"""One test per grammar rule of issue point 2 (and the lead's version-pinning rule)."""
from __future__ import annotations

from typing import Any

from lawcite import Registry, find_citations


def units(text: str, reg: Registry, **kw: Any) -> list[tuple]:
    return [
        (c.law_as_written, c.law_slug, c.article, c.article_sub, c.paragraph, c.item,
         (c.through.article, c.through.article_sub) if c.through else None)
        for c in find_citations(text, reg, **kw)
    ]


def test_full_title_in_book_marks(reg: Registry) -> None:
    assert units("依照《中华人民共和国民法典》第一千零二十四条的规定", reg) == [
        ("中华人民共和国民法典", "minfadian", 1024, 0, None, None, None)]


def test_short_title_in_book_marks(reg: Registry) -> None:
    assert units("《民法典》第六百六十七条", reg) == [("民法典", "minfadian", 667, 0, None, None, None)]


def test_bare_short_names(reg: Registry) -> None:
    assert units("依照民法典第六百七十四条和刑法第二百三十八条处理", reg) == [
        ("民法典", "minfadian", 674, 0, None, None, None),
        ("刑法", "xingfa", 238, 0, None, None, None)]


def test_bare_name_needs_an_article(reg: Registry) -> None:
    assert units("民法典规定了借款合同。刑法也有规定。", reg) == []


def test_bare_name_of_a_foreign_law_is_not_ours(reg: Registry) -> None:
    assert units("德国民法典第823条", reg) == [("德国民法典", None, 823, 0, None, None, None)]


def test_title_without_article_is_a_mention(reg: Registry) -> None:
    assert units("《金融机构个人消费类贷款催收工作指引（试行）》要求……", reg) == []


def test_unknown_title_with_article_is_kept(reg: Registry) -> None:
    assert units("《人民民法典》第674条", reg) == [("人民民法典", None, 674, 0, None, None, None)]


def test_name_broken_by_a_line_break(reg: Registry) -> None:
    text = "见《中华人民共和国\n民法典》第十条"
    cites = find_citations(text, reg)
    assert [(c.law_slug, c.article) for c in cites] == [("minfadian", 10)]
    assert cites[0].text == "《中华人民共和国\n民法典》第十条"
    assert (cites[0].line, cites[0].column) == (1, 2)
    plain = find_citations("见民法\n典第十条", reg, markdown=False)
    assert [(c.law_slug, c.article) for c in plain] == [("minfadian", 10)]


def test_blank_line_is_not_joined(reg: Registry) -> None:
    assert units("《民法典》\n\n第十条", reg) == []


def test_chinese_numerals_with_zero_and_thousand(reg: Registry) -> None:
    assert [u[2] for u in units("《民法典》第一千零二十四条、第一千〇三十三条", reg)] == [1024, 1033]


def test_arabic_and_fullwidth_digits(reg: Registry) -> None:
    assert [u[2] for u in units("《刑法》第246条、《刑法》第２３８条、《刑法》第 253 条", reg)] == [246, 238, 253]


def test_article_zhi_n(reg: Registry) -> None:
    assert units("《刑法》第二百九十三条之一", reg) == [("刑法", "xingfa", 293, 1, None, None, None)]


def test_paragraph(reg: Registry) -> None:
    assert units("《刑法》第二百三十八条第三款", reg) == [("刑法", "xingfa", 238, 0, 3, None, None)]


def test_item_plain_and_in_brackets(reg: Registry) -> None:
    assert [u[5] for u in units("《治安管理处罚法》第五十条第五项", reg)] == [5]
    assert [u[5] for u in units("《治安管理处罚法》第五十条第（五）项", reg)] == [5]
    assert [u[5] for u in units("《治安管理处罚法》第五十条第(五)项", reg)] == [5]


def test_chain_article_paragraph_item(reg: Registry) -> None:
    assert units("《治安管理处罚法》第五十条第一款第（五）项", reg) == [
        ("治安管理处罚法", "zhian", 50, 0, 1, 5, None)]
    assert units("《刑法》第二百九十三条之一第一款", reg) == [("刑法", "xingfa", 293, 1, 1, None, None)]


def test_list_with_dunhao_inherits_law(reg: Registry) -> None:
    assert units("《刑法》第二百四十六条、第二百九十三条之一", reg) == [
        ("刑法", "xingfa", 246, 0, None, None, None),
        (None, "xingfa", 293, 1, None, None, None)]


def test_list_connectors(reg: Registry) -> None:
    for sep in ("和", "及", "以及", "或者", "、"):
        got = units(f"《民法典》第一千零三十二条{sep}第一千零三十三条", reg)
        assert [(u[0], u[2]) for u in got] == [("民法典", 1032), (None, 1033)], sep


def test_list_of_paragraphs_stays_in_the_article(reg: Registry) -> None:
    assert units("《民法典》第一千零三十二条第二款、第三款", reg) == [
        ("民法典", "minfadian", 1032, 0, 2, None, None),
        (None, "minfadian", 1032, 0, 3, None, None)]


def test_range(reg: Registry) -> None:
    assert units("《民法典》第六百六十七条至第六百八十条", reg) == [
        ("民法典", "minfadian", 667, 0, None, None, (680, 0))]
    cite = find_citations("《民法典》第六百六十七条至第六百八十条", reg)[0]
    assert cite.text == "《民法典》第六百六十七条至第六百八十条"


def test_item_range_inside_one_article(reg: Registry) -> None:
    cite = find_citations("民法典第一千零三十三条第一项至第五项", reg)[0]
    assert (cite.article, cite.item, cite.through.article, cite.through.item) == (1033, 1, 1033, 5)


def test_list_stops_at_other_words(reg: Registry) -> None:
    assert [u[2] for u in units("《刑法》第二百四十六条规定的犯罪，第二百三十八条", reg)] == [246]


def test_spans_are_code_points(reg: Registry) -> None:
    text = "😀 a《刑法》第246条"
    c = find_citations(text, reg)[0]
    assert (c.start, c.end) == (3, len(text))
    assert text[c.start:c.end] == c.text == "《刑法》第246条"
    assert c.column == 4


def test_nothing_inside_code_link_urls_or_html_attributes(reg: Registry) -> None:
    # a link's text is prose (checked: lawcite.mdext leaves it unlinked); its URL is not
    text = (
        "```\n《刑法》第246条\n```\n\n"
        "    《刑法》第246条\n\n"
        "这是 `《刑法》第246条` 和 [《刑法》第246条](../laws/xingfa.md#《刑法》第1条)，"
        '<abbr title="《刑法》第246条">诽谤</abbr>，![《刑法》第2条](x.png)。\n'
        "正文：《刑法》第二百三十八条。\n"
    )
    cites = find_citations(text, reg)
    assert [(c.article, c.line, c.column) for c in cites] == [(246, 7, 19), (238, 8, 4)]


def test_front_matter_is_skipped(reg: Registry) -> None:
    text = "---\ntitle: 《刑法》第246条\nreviewed: 2026-11-29\n---\n\n《刑法》第238条\n"
    assert [(c.article, c.line) for c in find_citations(text, reg)] == [(238, 6)]


def test_admonition_body_is_not_code(reg: Registry) -> None:
    text = '!!! note "提示"\n\n    《刑法》第238条\n'
    assert [c.article for c in find_citations(text, reg)] == [238]


def test_plain_text_is_not_masked(reg: Registry) -> None:
    text = "`《刑法》第246条`"
    assert [c.article for c in find_citations(text, reg, markdown=False)] == [246]


def test_html_strips_tags_keeps_positions(reg: Registry) -> None:
    text = '<p data-x="《刑法》第1条">见<b>《刑法》第二百三十八条</b></p>'
    c = find_citations(text, reg, markdown=False, html=True)
    assert [(x.article, x.column) for x in c] == [(238, text.index("《刑法》第二百三十八条") + 1)]


def test_self_references_are_not_citations(reg: Registry) -> None:
    text = "依照本法第十条、本规定第二条、本解释第三条，本条第二款、前款规定的情形"
    assert units(text, reg) == []


def test_self_references_resolve_when_the_law_is_given(reg: Registry) -> None:
    got = find_citations("依照本法第六百六十七条的规定", reg, self_law="minfadian")
    assert [(c.law_slug, c.article, c.self_ref, c.law_as_written) for c in got] == [("minfadian", 667, True, None)]


def test_version_pins(reg: Registry) -> None:
    cases = {
        "2012 年修正的《治安管理处罚法》第四十二条": ("year", 2012),
        "2012年《治安管理处罚法》第四十二条": ("year", 2012),
        "原《治安管理处罚法》第四十二条": ("previous", None),
        "旧《治安管理处罚法》第四十二条": ("previous", None),
        "修订前的《治安管理处罚法》第四十二条": ("previous", None),
        "现行《治安管理处罚法》第五十条": ("current", None),
        "2025 年修订的《治安管理处罚法》第五十条": ("year", 2025),
        "《治安管理处罚法（2012年修正）》第四十二条": ("year", 2012),
        "《治安管理处罚法》第四十二条": None,
    }
    for text, want in cases.items():
        (c,) = find_citations(text, reg)
        got = (c.pin.kind, c.pin.year) if c.pin else None
        assert got == want, text
        assert c.text.startswith("《"), text
