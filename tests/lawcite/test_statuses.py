"""One test per status of spec/check-refs.md, on the fixture registry (real statute text)."""
from __future__ import annotations

from datetime import date

import pytest

from lawcite import Finding, Registry, check_citations, find_citations

AS_OF = date(2026, 11, 29)


def judge(text: str, reg: Registry, as_of: date = AS_OF, **kw: object) -> list[Finding]:
    return check_citations(find_citations(text, reg, **kw), reg, as_of, text=text)


def statuses(text: str, reg: Registry, as_of: date = AS_OF) -> list[str]:
    return [f.status for f in judge(text, reg, as_of)]


def test_ok(reg: Registry) -> None:
    (f,) = judge("《刑法》第二百九十三条之一第一款", reg)
    assert (f.status, f.severity, f.law, f.version) == ("ok", "ok", "中华人民共和国刑法", date(2024, 3, 1))


def test_unknown_law_suggests_nearest_name(reg: Registry) -> None:
    (f,) = judge("《人民民法典》第674条", reg)
    assert (f.status, f.severity, f.law, f.version) == ("unknown-law", "error", None, None)
    assert f.suggestion == "《中华人民共和国民法典》"


def test_a_title_far_from_every_registered_name_is_unregistered(reg: Registry) -> None:
    (f,) = judge("《金融机构个人消费类贷款催收工作指引（试行）》第十条", reg)
    assert (f.status, f.severity, f.suggestion) == ("unregistered-law", "warning", None)


@pytest.mark.parametrize("text", ["劳动法第三条", "公司法第三条", "刑事诉讼法第三条", "劳动合同法第三十八条",
                                  "《劳动合同法》第三十八条", "《中华人民共和国公司法》第三条"])
def test_real_laws_outside_the_registry_are_unregistered_warnings(text: str, project_registry: Registry) -> None:
    # law_names.yaml knows them as national laws: never "did you mean 合同法/民事诉讼法"
    (f,) = judge(text, project_registry)
    assert (f.status, f.severity, f.suggestion) == ("unregistered-law", "warning", None)


@pytest.mark.parametrize("text, name", [("法国民法典第1382条", "法国民法典"), ("《法国民法典》第1382条", "法国民法典"),
                                        ("依照西班牙民法典第1902条", "西班牙民法典"), ("日本《民法》第709条", "日本民法")])
def test_a_foreign_code_is_unregistered_not_a_citation_of_ours(text: str, name: str, project_registry: Registry) -> None:
    (f,) = judge(text, project_registry)
    assert (f.citation.law_as_written, f.citation.law_slug, f.status, f.suggestion) == (name, None, "unregistered-law", None)


def test_a_misspelt_registered_name_is_still_an_error(project_registry: Registry) -> None:
    (f,) = judge("《中华人民共和国民法点》第十条", project_registry)
    assert (f.status, f.severity, f.suggestion) == ("unknown-law", "error", "《中华人民共和国民法典》")


def test_no_such_article_number(reg: Registry) -> None:
    assert statuses("《民法典》第一千二百六十一条", reg) == ["no-such-article"]
    assert statuses("《民法典》第一千二百六十条", reg) == ["ok"]


def test_no_such_article_zhi_n(reg: Registry) -> None:
    assert statuses("《刑法》第二百四十六条之一", reg) == ["no-such-article"]


def test_no_such_paragraph_or_item(reg: Registry) -> None:
    assert statuses("《治安管理处罚法》第五十条第三款", reg) == ["no-such-article"]
    assert statuses("《治安管理处罚法》第五十条第二款", reg) == ["ok"]
    assert statuses("《治安管理处罚法》第五十条第一款第（七）项", reg) == ["no-such-article"]
    assert statuses("《治安管理处罚法》第五十条第一款第（六）项", reg) == ["ok"]


def test_no_such_article_at_end_of_range(reg: Registry) -> None:
    assert statuses("《民法典》第一千二百五十条至第一千二百七十条", reg) == ["no-such-article"]


def test_superseded_by_the_words_that_follow(reg: Registry) -> None:
    text = "依据《治安管理处罚法》第42条公然侮辱他人或捏造事实诽谤他人的处五日以下拘留或五百元以下罚款。"
    (f,) = judge(text, reg)
    assert (f.status, f.severity) == ("superseded", "error")
    assert f.suggestion == "《中华人民共和国治安管理处罚法》第五十条"
    assert "第五十条" in f.message and "2013-01-01" in f.message


def test_current_article_with_matching_words_is_ok(reg: Registry) -> None:
    text = "《治安管理处罚法》第五十条：公然侮辱他人或者捏造事实诽谤他人的，处五日以下拘留或者一千元以下罚款。"
    assert statuses(text, reg) == ["ok"]
    text47 = "《治安管理处罚法》第四十七条规定，非法侵入他人住宅的，处十日以上十五日以下拘留。"
    assert statuses(text47, reg) == ["ok"]


def test_words_common_to_the_whole_law_are_not_evidence(reg: Registry) -> None:
    # docs/faq/family.md: the words after 第五十六条 (处罚；情节严重的，构成犯罪) share 情节严重 with 2012
    # 第五十六条 (旅馆业) but say nothing that tells one article of the law from another: judged as written.
    text = "出售、提供或者非法获取个人信息，依照《治安管理处罚法》第五十六条处罚；情节严重的，构成犯罪（《刑法》第二百五十三条之一）。"
    assert statuses(text, reg) == ["ok", "ok"]


def test_current_number_without_evidence_is_ok(reg: Registry) -> None:
    assert statuses("见《治安管理处罚法》第四十二条。", reg) == ["ok"]


def test_superseded_split_article_names_both_targets(reg: Registry) -> None:
    # 2012 第四十九条 (盗窃、诈骗……或者故意损毁公私财物) was split into 第五十八条 and 第五十九条; the
    # words fit the 2012 article, not 2025 第四十九条 (about something else): superseded, both targets named.
    (f,) = judge("《治安管理处罚法》第四十九条盗窃、诈骗、哄抢、抢夺、敲诈勒索", reg)
    assert (f.status, f.version) == ("superseded", date(2013, 1, 1))
    assert f.suggestion == "《中华人民共和国治安管理处罚法》第五十八条、第五十九条"
    assert "第五十八条、第五十九条" in f.message


def test_pinned_old_version_is_a_historical_ok(reg: Registry) -> None:
    (f,) = judge("2012 年修正的《治安管理处罚法》第四十二条公然侮辱他人的处五百元以下罚款", reg)
    assert (f.status, f.version) == ("ok", date(2013, 1, 1))
    assert "历史引用" in f.message
    assert statuses("原《治安管理处罚法》第四十二条", reg) == ["ok"]


def test_pinned_year_the_registry_lacks_is_a_warning(reg: Registry) -> None:
    (f,) = judge("2005年《治安管理处罚法》第四十二条", reg)
    assert (f.status, f.severity) == ("unknown-version", "warning")


def test_repealed_suggests_successor(reg: Registry) -> None:
    (f,) = judge("《合同法》第二百零六条", reg)
    assert (f.status, f.severity, f.suggestion) == ("repealed", "error", "《中华人民共和国民法典》")
    assert statuses("《合同法》第二百零六条", reg, date(2020, 12, 31)) == ["ok"]


def test_not_yet_in_force(reg: Registry) -> None:
    (f,) = judge("《反电信网络诈骗法》第二十五条", reg, date(2022, 11, 30))
    assert (f.status, f.severity) == ("not-yet-in-force", "error")
    assert statuses("《反电信网络诈骗法》第二十五条", reg, date(2022, 12, 1)) == ["ok"]


def test_version_in_force_is_judged(reg: Registry) -> None:
    # before 2026-01-01 the 2013 text (119 articles) is in force: 第一百四十四条 does not exist yet
    assert statuses("《治安管理处罚法》第一百四十四条", reg, date(2025, 12, 31)) == ["no-such-article"]
    assert statuses("《治安管理处罚法》第一百四十四条", reg, date(2026, 1, 1)) == ["ok"]


def test_quote_match_and_mismatch(reg: Registry) -> None:
    good = "《民法典》第一千零三十二条规定：“自然人享有隐私权。任何组织或者个人不得以刺探、侵扰、泄露、公开等方式侵害他人的隐私权。”"
    assert statuses(good, reg) == ["ok"]
    elided = "《民法典》第一千零三十二条：「自然人享有隐私权。……隐私是自然人的私人生活安宁」"
    assert statuses(elided, reg) == ["ok"]
    bad = "《民法典》第一千零三十二条规定：“自然人享有绝对的隐私权。”"
    (f,) = judge(bad, reg)
    assert (f.status, f.severity) == ("quote-mismatch", "error")


def test_quote_before_the_citation(reg: Registry) -> None:
    assert statuses("“任何组织或者个人不得以侮辱、诽谤等方式侵害他人的名誉权。”（《民法典》第一千零二十四条）", reg) == ["ok"]
    assert statuses("“任何人都不得催收。”（《民法典》第一千零二十四条）", reg) == ["quote-mismatch"]


def test_quote_normalises_punctuation_width_and_spaces(reg: Registry) -> None:
    # 2013 text has an ASCII ":" where the quote has a full-width "："
    text = "2012年《治安管理处罚法》第四十二条：“情节较重的，处五日以上十日以下拘留，可以并处五百元以下罚款：”"
    assert statuses(text, reg) == ["ok"]


def test_blockquote_quotation(reg: Registry) -> None:
    good = "《民法典》第一千零二十四条规定：\n\n> 民事主体享有名誉权。任何组织或者个人不得以侮辱、诽谤等方式侵害他人的名誉权。\n"
    assert statuses(good, reg) == ["ok"]
    bad = "《民法典》第一千零二十四条规定：\n\n> 民事主体享有名誉权，催收人不得上门。\n"
    assert statuses(bad, reg) == ["quote-mismatch"]
    first_line = "> 《民法典》第一千零二十四条　民事主体享有名誉权。……\n> 名誉是对民事主体的品德、声望、才能、信用等的社会评价。\n"
    assert statuses(first_line, reg) == ["ok"]
    skipped = "> 《民法典》第一千零二十四条　民事主体享有名誉权。\n> 名誉是对民事主体的品德、声望、才能、信用等的社会评价。\n"
    assert statuses(skipped, reg) == ["quote-mismatch"]  # a sentence left out without ……


def test_quote_after_a_list_may_come_from_any_article(reg: Registry) -> None:
    text = "《民法典》第一千零三十二条、第一千零三十三条规定“除法律另有规定或者权利人明确同意外”"
    assert statuses(text, reg) == ["ok", "ok"]
    text = "《民法典》第一千零三十二条、第一千零三十三条规定“催收人可以上门”"
    assert statuses(text, reg) == ["ok", "quote-mismatch"]


def test_a_quotation_of_any_article_is_checked(reg: Registry) -> None:
    # every article of a law registered with its text can be quoted, not only those the site cites
    good = "《刑法》第一条规定：“为了惩罚犯罪，保护人民，根据宪法，结合我国同犯罪作斗争的具体经验及实际情况，制定本法。”"
    assert statuses(good, reg) == ["ok"]
    (f,) = judge("《刑法》第一条规定：“为了惩罚犯罪，保护人民，制定本法。”", reg)
    assert (f.status, f.severity) == ("quote-mismatch", "error")
    assert "与刑法第一条的文本不一致" in f.message


def test_a_quotation_of_a_law_registered_by_name_only_is_a_warning(reg: Registry) -> None:
    # 合同法 has no text in the registry: the quotation cannot be compared, which is not a mismatch
    text = "原《合同法》第二百零六条规定：“借款人应当按照约定的期限返还借款。”"
    (f,) = judge(text, reg)
    assert (f.status, f.severity) == ("quote-unchecked", "warning")
    assert "hetongfa.md" in f.message and "无法核对引文" in f.message and "没有它的文本" in f.message
    # without a quotation the same citation is a plain historical ok
    assert statuses("原《合同法》第二百零六条", reg) == ["ok"]


def test_a_number_that_matches_neither_version_is_no_such_article(project_registry: Registry) -> None:
    # 民事诉讼法 has 306 articles now and had 291 (2021) and 284 (2017): 第三百零七条 never existed
    (f,) = judge("《民事诉讼法》第三百零七条规定，债权人可以申请支付令。", project_registry)
    assert (f.status, f.suggestion) == ("no-such-article", None)
    # 2021 第二百零七条 listed 13 grounds for retrial (now 第二百一十一条); today's 第二百零七条 has no items. Words
    # that fit neither text: no-such-article, told where the 2021 article went
    (f,) = judge("《民事诉讼法》第二百零七条第十一项的情形，由当事人自行协商解决。", project_registry)
    assert f.status == "no-such-article" and f.suggestion == "《中华人民共和国民事诉讼法》第二百一十一条"
    assert "原第二百零七条（2022-01-01 起施行的文本）现为第二百一十一条" in f.message


def test_a_citation_in_the_2021_numbering_is_superseded(project_registry: Registry) -> None:
    # words of 2021 第二百二十四条 (支付令异议), which is 第二百二十八条 since 2024-01-01
    text = "依照《民事诉讼法》第二百二十四条规定，人民法院收到债务人提出的书面异议后，经审查，异议成立的，应当裁定终结督促程序。"
    (f,) = judge(text, project_registry)
    assert (f.status, f.version) == ("superseded", date(2022, 1, 1))
    assert f.suggestion == "《中华人民共和国民事诉讼法》第二百二十八条"
    assert "原第二百二十四条（2022-01-01 起施行的文本）自 2024-01-01 起为第二百二十八条" in f.message
    # the same words under the article now in force are ok
    assert statuses(text.replace("第二百二十四条", "第二百二十八条"), project_registry) == ["ok"]
    # judged while the 2021 text was in force, the old number is right
    assert statuses(text, project_registry, date(2023, 6, 1)) == ["ok"]
    # a 2017-numbered citation (2017 第二百一十七条 = 2021 第二百二十四条) is followed through both maps
    (f,) = judge(text.replace("第二百二十四条", "第二百一十七条"), project_registry)
    assert (f.status, f.version) == ("superseded", date(2017, 7, 1))
    assert f.suggestion == "《中华人民共和国民事诉讼法》第二百二十八条"


def test_no_quote_check_without_text(reg: Registry) -> None:
    bad = "《民法典》第一千零三十二条规定：“自然人享有绝对的隐私权。”"
    assert [f.status for f in check_citations(find_citations(bad, reg), reg, AS_OF)] == ["ok"]


def test_json_record_shape(reg: Registry) -> None:
    (f,) = judge("《刑法》第二百九十三条之一第一款", reg)
    d = f.to_dict("docs/x.md")
    for key in ("path", "line", "column", "text", "law_as_written", "law", "version", "article",
                "article_sub", "paragraph", "item", "through", "status", "severity", "message", "suggestion"):
        assert key in d
    assert d["text"] == "《刑法》第二百九十三条之一第一款"
    assert (d["article"], d["article_sub"], d["paragraph"], d["item"]) == (293, 1, 1, None)
