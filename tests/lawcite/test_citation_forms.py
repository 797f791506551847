"""The citation forms, each found and judged on real sentences (sources named per test).

LawRefBook = github.com/LawRefBook/Laws at snapshot 2f4c5c23716267af9dbebbbbd6cbbf732b101981 (the
public collection README names); web pages are quoted as stored by the project's search tool, with
their address. A sentence is quoted as found (punctuation width included); where a test changes one
on purpose (a wrong chapter, 《》 removed) the comment says so.
"""
from __future__ import annotations

from datetime import date

from lawcite import Finding, Registry, check_citations, find_citations

TODAY = date(2026, 11, 29)


def judge(text: str, reg: Registry, as_of: date = TODAY) -> list[Finding]:
    return check_citations(find_citations(text, reg, markdown=False), reg, as_of, text=text)


def records(text: str, reg: Registry, as_of: date = TODAY) -> list[tuple]:
    return [(f.citation.text, f.citation.law_as_written, f.citation.law_slug, f.citation.article,
             f.citation.paragraph, f.citation.item, f.status) for f in judge(text, reg, as_of)]


# --- traditional characters ----------------------------------------------------------------------

def test_traditional_short_title_and_arabic_number(project_registry: Registry) -> None:
    # 王葉剛, http://zgkjsz.com/page/2017/1127/2501297.shtml (abstract): 民法總則 is 民法总则, registered
    # by name only (repealed 2021-01-01). Judged on the page's date it is a citation of a law in force.
    text = "《民法總則》第111條對個人信息保護規則作出了規定,肯定了個人信息的人格利益屬性,為個人信息權利保護提供了民事基本法依據。"
    assert records(text, project_registry, date(2017, 11, 27)) == [
        ("《民法總則》第111條", "民法總則", "minfazongze", 111, None, None, "ok")]
    (f,) = judge(text, project_registry)
    assert (f.status, f.suggestion) == ("repealed", "《中华人民共和国民法典》")


def test_traditional_bare_name(project_registry: Registry) -> None:
    # http://crsrw.com/falvjiangtang/136478.html: 我國 before a registered name is not part of it
    text = "我國刑法第293條規定了尋釁滋事罪的定罪、量刑和處罰原則。"
    assert records(text, project_registry) == [("刑法第293條", "刑法", "xingfa", 293, None, None, "ok")]


def test_traditional_full_title_converted_by_machine(project_registry: Registry) -> None:
    # http://www.wwpfw.com/gongjijindaikuan/99877.html writes 若幹 for 若干 (a machine conversion):
    # still the registered 民间借贷规定, article 25
    text = "法律依據\n《最高人民法院關於審理民間借貸案件適用法律若幹問題的規定》第二十五條。\n"
    assert records(text, project_registry) == [(
        "《最高人民法院關於審理民間借貸案件適用法律若幹問題的規定》第二十五條",
        "最高人民法院關於審理民間借貸案件適用法律若幹問題的規定", "minjianjiedai", 25, None, None, "ok")]


def test_traditional_list_and_paragraph(project_registry: Registry) -> None:
    # the illustration, with a list and a paragraph in traditional characters
    text = "《中華人民共和國民法典》第一千零三十二條第二款、第一千零三十三條"
    assert [(c[2], c[3], c[4], c[6]) for c in records(text, project_registry)] == [
        ("minfadian", 1032, 2, "ok"), ("minfadian", 1033, None, "ok")]


# --- Arabic-numeral and compact lists ------------------------------------------------------------

def test_arabic_list_with_one_unit_word(project_registry: Registry) -> None:
    # LawRefBook 司法解释/最高人民法院、最高人民检察院关于执行《刑法》确定罪名的补充规定(2002-03-15).md
    text = "| 第114条、第115条第1款（《修正案（三）》第1、2条） |投放危险物质罪（取消投毒罪罪名） |"
    cites = find_citations(text, project_registry, markdown=False)
    assert [(c.text, c.article, c.chain) for c in cites] == [("《修正案（三）》第1", 1, 0), ("2条", 2, 0)]
    assert [f.status for f in judge(text, project_registry)] == ["unregistered-law", "unregistered-law"]


def test_arabic_list_and_range_of_a_registered_law(project_registry: Registry) -> None:
    # the form 第12、13、15条 with a registered law; a compact range is one record
    assert [(c[0], c[3], c[6]) for c in records("《民法典》第1032、1033、1034条", project_registry)] == [
        ("《民法典》第1032", 1032, "ok"), ("1033", 1033, "ok"), ("1034条", 1034, "ok")]
    (c,) = find_citations("《民法典》第674至681条", project_registry)
    assert (c.article, c.through.article if c.through else None) == (674, 681)


def test_compact_list_of_items_judged_in_each_numbering(project_registry: Registry) -> None:
    # LawRefBook 司法解释/最高人民法院关于人民法院办理仲裁裁决执行案件若干问题的规定(2018-02-22).md 第八条:
    # 2017 第二百三十七条第二款 has six items; the article has one paragraph since 2022 (now 第二百四十八条)
    text = ("被执行人向人民法院申请不予执行仲裁裁决的，应当在执行通知书送达之日起十五日内提出书面申请；"
            "有民事诉讼法第二百三十七条第二款第四、六项规定情形且执行程序尚未终结的，应当自知道或者应当知道有关事实或案件之日起十五日内提出书面申请。")
    assert records(text, project_registry, date(2018, 2, 22)) == [
        ("民事诉讼法第二百三十七条第二款第四", "民事诉讼法", "minshisusong", 237, 2, 4, "ok"),
        ("六项", None, "minshisusong", 237, 2, 6, "ok")]
    findings = judge(text, project_registry)
    assert [(f.status, f.suggestion) for f in findings] == [
        ("no-such-article", "《中华人民共和国民事诉讼法》第二百四十八条")] * 2


def test_compact_list_of_an_unregistered_law(project_registry: Registry) -> None:
    # LawRefBook 司法解释/最高人民法院关于适用《行政诉讼法》的解释(2018-02-06).md
    text = "人民法院应当自收到抗诉书之日起三十日内作出再审的裁定；有行政诉讼法第九十一条第二、三项规定情形之一的，可以指令下一级人民法院再审"
    assert records(text, project_registry) == [
        ("行政诉讼法第九十一条第二", "行政诉讼法", None, 91, None, 2, "unregistered-law"),
        ("三项", None, None, 91, None, 3, "unregistered-law")]


# --- a chapter, section or part before the article ----------------------------------------------

DUZHI = ("国家机关工作人员滥用职权或者玩忽职守，因不具备徇私舞弊等情形，不符合刑法分则第九章第三百九十八条至"
         "第四百一十九条的规定，但依法构成第三百九十七条规定的犯罪的，以滥用职权罪或者玩忽职守罪定罪处罚。")


def test_part_and_chapter_before_a_range(project_registry: Registry) -> None:
    # LawRefBook 司法解释/最高人民法院、最高人民检察院关于办理渎职刑事案件适用法律若干问题的解释（一）(2012-12-07).md:
    # 刑法 第二编 分则 第九章 渎职罪 runs from 第三百九十七条 to 第四百一十九条
    (f,) = judge(DUZHI, project_registry)
    c = f.citation
    assert (c.text, c.article, c.through.article if c.through else None) == ("刑法分则第九章第三百九十八条至第四百一十九条", 398, 419)
    assert [d.label for d in c.divisions] == ["分则", "第九章"]
    assert f.status == "ok"


def test_article_outside_the_chapter_written(project_registry: Registry) -> None:
    # the same sentence with 第八章 (贪污贿赂罪) for 第九章: the range is not in it
    (f,) = judge(DUZHI.replace("第九章", "第八章"), project_registry)
    assert f.status == "no-such-article"
    assert "分则第八章没有第三百九十八条" in f.message and "第九章 渎职罪" in f.message


def test_chapter_before_an_article_of_an_unregistered_law(project_registry: Registry) -> None:
    # LawRefBook: the 武警 警衔 rules citing 军官军衔条例
    text = "二、中国人民武装警察部队现役警官警衔等级的设置，比照《中国人民解放军军官军衔条例》第二章第七条的规定执行。"
    (f,) = judge(text, project_registry)
    assert (f.citation.text, f.citation.article, [d.label for d in f.citation.divisions], f.status) == (
        "《中国人民解放军军官军衔条例》第二章第七条", 7, ["第二章"], "unregistered-law")


def test_chapter_and_section_of_the_personal_information_law(project_registry: Registry) -> None:
    # the illustration: 第十三条 opens 第二章 第一节 of 个人信息保护法
    assert [f.status for f in judge("《个人信息保护法》第二章第十三条", project_registry)] == ["ok"]
    assert [f.status for f in judge("《个人信息保护法》第二章第一节第十三条", project_registry)] == ["ok"]
    assert [f.status for f in judge("《个人信息保护法》第三章第十三条", project_registry)] == ["no-such-article"]


def test_a_chapter_alone_is_not_a_citation(project_registry: Registry) -> None:
    # LawRefBook: 刑法分则第四章、第五章规定的犯罪 names chapters, no article
    assert find_citations("（一）因民间纠纷引起，涉嫌刑法分则第四章、第五章规定的犯罪案件", project_registry) == []


# --- 决定、规定、解释 titles without 《》 -----------------------------------------------------------

def test_unbracketed_decision_title(project_registry: Registry) -> None:
    # the example (LawRefBook's texts always put such titles in 《》)
    text = "利用互联网侮辱他人的，依照全国人民代表大会常务委员会关于维护互联网安全的决定第四条追究刑事责任。"
    (f,) = judge(text, project_registry)
    assert (f.citation.law_as_written, f.citation.article, f.status) == (
        "全国人民代表大会常务委员会关于维护互联网安全的决定", 4, "unregistered-law")


def test_unbracketed_interpretation_with_two_issuers(project_registry: Registry) -> None:
    # LawRefBook 司法解释/最高人民法院关于审理司法赔偿案件适用请求时效制度若干问题的解释(2023-05-23).md, 《》 removed
    text = ("办案机关未作出终止追究刑事责任的法律文书，但是符合最高人民法院、最高人民检察院关于办理刑事赔偿案件"
            "适用法律若干问题的解释第二条规定情形，赔偿请求人申请赔偿的，依法应当受理。")
    (f,) = judge(text, project_registry)
    assert f.citation.law_as_written == "最高人民法院、最高人民检察院关于办理刑事赔偿案件适用法律若干问题的解释"
    assert f.status == "unregistered-law"


def test_unbracketed_registered_title(project_registry: Registry) -> None:
    # a registered full title without 《》 is the registered law
    assert records("根据最高人民法院关于审理民间借贷案件适用法律若干问题的规定第二十五条", project_registry)[0][2:] == (
        "minjianjiedai", 25, None, None, "ok")


def test_about_without_an_issuer_is_not_a_title(project_registry: Registry) -> None:
    assert find_citations("依照民法典关于保证的规定第六百八十一条处理", project_registry) == []


# --- a bare name ending in 法 that the registry lacks --------------------------------------------

def test_unregistered_bare_law_name(project_registry: Registry) -> None:
    # LawRefBook 司法解释/最高人民法院关于审理劳动争议案件适用法律若干问题的解释（四）(2013-01-18).md 第五条:
    # 劳动合同法, not the registered (and then still in force) 合同法
    text = "劳动者非因本人原因从原用人单位被安排到新用人单位工作，原用人单位未支付经济补偿，劳动者依照劳动合同法第三十八条规定与新用人单位解除劳动合同"
    (f,) = judge(text, project_registry, date(2013, 1, 18))
    assert (f.citation.law_as_written, f.citation.article, f.status, f.suggestion) == ("劳动合同法", 38, "unregistered-law", None)


def test_unregistered_names_after_verbs(project_registry: Registry) -> None:
    # LawRefBook 司法解释/最高人民法院关于审理劳动争议案件适用法律问题的解释（一）(2020-12-29).md 第十二条
    text = ("建立了工会组织的用人单位解除劳动合同符合劳动合同法第三十九条、第四十条规定，但未按照劳动合同法第四十三条规定"
            "事先通知工会，劳动者以用人单位违法解除劳动合同为由请求用人单位支付赔偿金的，人民法院应予支持")
    assert [(c[0], c[1], c[3], c[6]) for c in records(text, project_registry)] == [
        ("劳动合同法第三十九条", "劳动合同法", 39, "unregistered-law"), ("第四十条", None, 40, "unregistered-law"),
        ("劳动合同法第四十三条", "劳动合同法", 43, "unregistered-law")]


def test_words_ending_in_fa_that_are_not_laws(project_registry: Registry) -> None:
    for text in ("采取其他方法第一条所列的行为", "依照该法第三条处理", "按照本办法第五条", "德国基本法第一条",
                 "依法第三条", "这种做法第二条"):
        assert find_citations(text, project_registry) == [], text
    # a registered name keeps winning after qualifiers and verbs
    assert [c.law_slug for c in find_citations("单位犯刑法第三十条规定之罪", project_registry)] == ["xingfa"]
    assert [c.law_slug for c in find_citations("实施刑法第二百一十九条规定的行为", project_registry)] == ["xingfa"]


# --- superseded: the words compared with both versions ---------------------------------------------

OLD_40 = ("基于此,我国《刑法》规定了非法侵入住宅罪,构成此罪,处三年以下有期徒刑或拘役。非法侵入他人住宅,尚不够"
          "刑事处罚的,依据《治安管理处罚法》第四十条(三)的规定给予处罚。")


def test_old_number_paraphrased_before_the_citation_is_superseded(project_registry: Registry) -> None:
    # https://www.jiaomomo.com/forum.php?mod=viewthread&tid=488436, written before 2026: 2013 第四十条（三）
    # (非法侵入他人住宅) is 第四十七条 since 2026-01-01; today's 第四十条 is about aircraft. The paraphrase
    # comes before the citation; the words after it alone fit neither text.
    findings = judge(OLD_40, project_registry)
    f = findings[-1]
    assert (f.citation.text, f.status, f.version) == ("《治安管理处罚法》第四十条", "superseded", date(2013, 1, 1))
    assert f.suggestion == "《中华人民共和国治安管理处罚法》第四十七条"
    assert "与旧文本第四十条重合" in f.message and "与现行第四十条重合 0%" in f.message
    # judged while the 2013 text was in force, the number was right
    assert judge(OLD_40, project_registry, date(2025, 6, 1))[-1].status == "ok"


def test_a_moderate_fit_with_the_old_text_and_none_with_the_new_is_superseded(project_registry: Registry) -> None:
    # LawRefBook 司法解释/最高人民法院关于适用《民事诉讼法》的解释(2020-12-29).md 第二百二十四条: 2017 第一百三十三条
    # (审理前的准备) is 第一百三十六条 now. Under the old fixed bar (>= 50 % for the old text) this was missed.
    text = ("第二百二十四条 依照民事诉讼法第一百三十三条第四项规定，人民法院可以在答辩期届满后，通过组织证据交换、"
            "召集庭前会议等方式，作好审理前的准备。")
    (f,) = judge(text, project_registry)
    assert (f.status, f.suggestion) == ("superseded", "《中华人民共和国民事诉讼法》第一百三十六条")


def test_words_that_fit_both_texts_alike_are_judged_as_written(project_registry: Registry) -> None:
    # the penalty words of 2013 第四十条 are also those of today's 第四十条: no version fits clearly better
    assert [f.status for f in judge("依照《治安管理处罚法》第四十条，可以处十日以上十五日以下拘留。", project_registry)] == ["ok"]


# --- forms other projects' text uses (written for these tests in the shapes integrators met) ----------

def test_a_named_part_between_title_and_article(project_registry: Registry) -> None:
    # the 民法典's parts are named in its text (第四编 人格权); writers cite 《民法典》人格权编第…条
    assert [(r[0], r[3], r[6]) for r in records("《民法典》人格权编第997条、《民法典》第四编第一千零三十二条", project_registry)] == [
        ("《民法典》人格权编第997条", 997, "ok"), ("《民法典》第四编第一千零三十二条", 1032, "ok")]
    (f,) = judge("《民法典》合同编第九百九十七条", project_registry)
    assert f.status == "no-such-article" and "合同编没有第九百九十七条" in f.message and "第四编 人格权" in f.message


def test_hyphen_and_dash_ranges(project_registry: Registry) -> None:
    for dash in "-－–—~～":
        (f,) = judge(f"《刑法》第32{dash}38条", project_registry)
        assert (f.citation.article, f.citation.through and f.citation.through.article, f.status) == (32, 38, "ok"), dash


def test_a_later_list_member_without_its_ordinal(project_registry: Registry) -> None:
    assert [(r[0], r[3]) for r in records("《刑法》第15条和21条", project_registry)] == [("《刑法》第15条", 15), ("21条", 21)]
    assert [(r[0], r[3]) for r in records("《刑法》第二百三十八条、二百四十六条", project_registry)] == [
        ("《刑法》第二百三十八条", 238), ("二百四十六条", 246)]
    # another unit word, or none, is not a member
    assert [r[0] for r in records("《刑法》第15条和3日内，第15条和2款", project_registry)] == ["《刑法》第15条"]


def test_a_short_title_defined_in_the_text(project_registry: Registry) -> None:
    text = ("《中华人民共和国个人信息保护法》（以下简称《个信保护法》）规定了告知同意。《个信保护法》第十三条、第十四条。"
            "《中华人民共和国劳动合同法》（下称“劳合法”）见《劳合法》第三十八条。")
    assert [(r[0], r[2], r[3], r[6]) for r in records(text, project_registry)] == [
        ("《个信保护法》第十三条", "gerenxinxi", 13, "ok"), ("第十四条", "gerenxinxi", 14, "ok"),
        ("《劳合法》第三十八条", None, 38, "unregistered-law")]  # a law the registry lacks, not "did you mean 合同法"
    # not defined (or used before its definition): an unknown title
    assert records("《个信保护法》第十三条。", project_registry)[0][2] is None


def test_a_short_title_with_half_width_brackets(project_registry: Registry) -> None:
    # 王叶刚, 民法典人格权编的亮点与创见 (http://openhelp100.com/forum.php?goto=lastpost&mod=redirect&tid=117883):
    # "《中华人民共和国民法典》(下文简称《民法典》)作为…"; the article is added here
    text = "《中华人民共和国民法典》(下文简称《民法典》)作为中国特色社会主义法律体系的重要组成部分。《民法典》第990条"
    assert [(r[2], r[3], r[6]) for r in records(text, project_registry)] == [("minfadian", 990, "ok")]


def test_a_foreign_code_is_another_law(project_registry: Registry) -> None:
    assert [(r[1], r[2], r[6]) for r in records("法国民法典第1382条规定了过错责任。", project_registry)] == [
        ("法国民法典", None, "unregistered-law")]
