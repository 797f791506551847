"""Citation previews (lawcite.preview): the cited item in full with its lead-in, never cut inside a line, and
the `preview-cut` warning when a whole long article is cited for one item its preview hides."""
from __future__ import annotations

from datetime import date

from lawcite import Registry, check_citations, find_citations
from lawcite.links import link_target, tooltip
from lawcite.preview import CUT_MARK, PREVIEW_CHARS, hidden_item, preview_text

AS_OF = date(2026, 3, 1)


def _findings(text: str, reg: Registry):  # noqa: ANN202
    return check_citations(find_citations(text, reg, markdown=True), reg, AS_OF, text=text, previews=True)


def _version(reg: Registry, text: str):  # noqa: ANN202
    f = _findings(text, reg)[0]
    v = reg.versions_by_date(f.citation.law_slug, f.version)
    assert v is not None
    return f, v


def test_an_item_is_previewed_whole_after_its_lead_in(project_registry: Registry) -> None:
    f, v = _version(project_registry, "强行进门的，见《治安管理处罚法》第四十七条第（三）项。")
    title = tooltip(v, f.citation)
    assert title.startswith("《治安管理处罚法》第四十七条第（三）项：有下列行为之一的，")
    assert title.endswith("（三）非法限制他人人身自由、非法侵入他人住宅或者非法搜查他人身体的。")
    assert "（一）" not in title and CUT_MARK not in title


def test_no_preview_of_a_real_page_ends_inside_a_line(project_registry: Registry) -> None:
    """Every citation of the door page and the 刑法 articles the site cites: the preview is whole lines."""
    text = ("非法侵入住宅（《治安管理处罚法》第四十七条），贷款诈骗（《刑法》第一百九十三条），"
            "隐私（《民法典》第一千零三十三条），诈骗（《刑法》第二百六十六条）。")
    for f in _findings(text, project_registry):
        target = link_target(f, project_registry, today=AS_OF)
        assert target is not None
        body = target.title.split("：", 1)[1]
        shown = body.removesuffix(CUT_MARK)
        article = target.version.articles[f.citation.article_key].replace("\n", "")
        lines = [ln.strip() for ln in target.version.articles[f.citation.article_key].split("\n") if ln.strip()]
        assert article.replace(" ", "").startswith(shown.replace(" ", "")), f.citation.text
        assert shown.endswith(tuple(lines)), f"{f.citation.text}: preview cut inside a line: {body[-30:]!r}"


def test_a_long_article_is_cut_only_between_lines(project_registry: Registry) -> None:
    f, v = _version(project_registry, "见《刑法》第一百九十三条。")
    short = preview_text(v, f.citation, chars=90)
    assert short.endswith("；" + CUT_MARK) or short.endswith("：" + CUT_MARK), short
    assert len(preview_text(v, f.citation, chars=PREVIEW_CHARS)) > len(short)


def test_preview_cut_names_the_item_the_sentence_speaks_of(project_registry: Registry) -> None:
    f, v = _version(project_registry, "非法侵入住宅要受治安处罚（《中华人民共和国治安管理处罚法》第四十七条）。")
    # 第四十七条 fits the site's preview whole; a narrower preview hides item (三)
    assert hidden_item(v, f.citation) is None
    hit = hidden_item(v, f.citation, chars=120)
    assert hit is not None and hit[:2] == (1, 3)
    assert "非法侵入他人住宅" in hit[2]


def test_preview_cut_warning_on_a_real_long_article(project_registry: Registry) -> None:
    """民法典 第五百一十一条 has six items and is longer than a preview: a sentence about 履行费用 that cites
    the whole article is warned, with the item to cite."""
    text = "履行费用的负担不明确的，由履行义务一方负担（《中华人民共和国民法典》第五百一十一条）。"
    f = _findings(text, project_registry)[0]
    assert f.status == "preview-cut" and f.severity == "warning", f
    assert "第（六）项" in f.message and "履行费用的负担不明确" in f.message
    assert f.suggestion == "《中华人民共和国民法典》第五百一十一条第（六）项"
    fixed = _findings(text.replace("第五百一十一条", "第五百一十一条第（六）项"), project_registry)[0]
    assert fixed.status == "ok"


def test_a_sentence_that_sums_up_several_items_is_not_warned(project_registry: Registry) -> None:
    text = ("以非法占有为目的，用编造理由、虚假合同、虚假证明文件等方法诈骗银行或者其他金融机构的贷款，"
            "数额较大的，构成贷款诈骗罪（《刑法》第一百九十三条）。")
    f = _findings(text, project_registry)[0]
    assert f.status == "ok", f.message


def test_a_cited_item_is_never_warned(project_registry: Registry) -> None:
    f = _findings("非法侵入住宅要受治安处罚（《治安管理处罚法》第四十七条第（三）项）。", project_registry)[0]
    assert f.status == "ok"
