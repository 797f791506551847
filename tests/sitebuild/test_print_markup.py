"""The markup behind print and accessibility: permalinks named after their heading, links whose text is their
address, a diagram's words as text, no glossary tooltip in a no-glossary block, the PDF's part markers."""

from __future__ import annotations

from types import SimpleNamespace

import markdown
from markdown.extensions.toc import TocExtension

from sitebuild import diagrams, handout, pdf_hooks
from sitebuild.glossary import GlossaryExtension

GLOSSARY = "data/glossary.yaml"


def test_permalinks_are_named_after_their_heading() -> None:
    html = markdown.markdown("## 不用开门 {#no-door}\n", extensions=[
        "attr_list", TocExtension(permalink=True, permalink_title="本节链接"),
        "sitebuild.headerlinks"])
    assert 'id="no-door"' in html
    assert 'aria-label="本节链接：不用开门"' in html and 'title="本节链接"' in html


def test_a_link_whose_text_is_its_address_is_marked() -> None:
    html = markdown.markdown("见 <https://zxgk.court.gov.cn/>，或 [中国执行信息公开网](https://zxgk.court.gov.cn/)。",
                             extensions=["sitebuild.linkaddress"])
    assert html.count("link-is-address") == 1
    assert 'class="link-is-address" href="https://zxgk.court.gov.cn/"' in html


def test_a_diagrams_words_follow_it_as_text() -> None:
    svg = diagrams.format_dot('// 流程\ndigraph { a [label="立案\\n7 日内"]; b [label="开庭"]; a -> b }',
                              "dot", "diagram", {}, None)
    assert 'aria-label="流程"' in svg
    assert '<figcaption class="diagram-text">图中文字：立案：7 日内；开庭</figcaption>' in svg


def test_no_glossary_tooltip_inside_a_no_glossary_block() -> None:
    md = markdown.Markdown(extensions=["md_in_html", GlossaryExtension(data=GLOSSARY)])
    text = '<div class="no-glossary" markdown>\n\n请他把委托书贴在猫眼前。\n\n</div>\n\n委托书要看清。\n'
    html = md.convert(text)
    inside, outside = html.split("</div>")
    assert "<abbr" not in inside and "<abbr" in outside


def _page(src: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src, url=src.replace(".md", "/")),
                           previous_page=None, next_page=None)


def test_pdf_part_markers_bracket_the_guide_and_the_appendix() -> None:
    pages = [_page(s) for s in ("index.md", "faq/claims.md", "laws/index.md", "laws/minfadian.md", "about/index.md")]
    for before, after in zip(pages, pages[1:]):
        before.next_page, after.previous_page = after, before
    marks = [pdf_hooks.part_markers(p) for p in pages]
    assert marks == [(["pdf-guide-start"], []), ([], ["pdf-guide-end"]), (["pdf-appendix-start"], []),
                     ([], ["pdf-appendix-end"]), ([], [])]
    rule = pdf_hooks.contents_line_rule(pages[0])
    assert 'url("#faq/claims/:pdf-guide-end")' in rule and 'url("#laws/minfadian/:pdf-appendix-end")' in rule
    marked = pdf_hooks.mark_parts('<article class="x"><p>a</p></article>', pages[0])
    assert marked.startswith('<article class="x"><div class="pdf-mark" id="pdf-guide-start"></div><style>')


def test_the_phone_picture_is_named_beside_the_a4_one() -> None:
    assert handout.phone_png_name("shangmen-cuishou-yiye.png") == "shangmen-cuishou-yiye-shouji.png"
