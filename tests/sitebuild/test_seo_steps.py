"""The build steps on real Markdown, the real vendored shim and real builds: descriptions, the site URL,
FAQPage questions and answers, the Content-Security-Policy and what it blocks, and the messages a strict
build gives (file and line) when a page lacks what they need."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest

from site_integration.site_builds import copy_fixture, mkdocs_build
from sitebuild import csp, faq_schema, seo

ROOT = Path(__file__).resolve().parents[2]
SHIM = ROOT / "docs" / "assets" / "vendor" / "iframe-worker" / "shim.js"
MD_EXTENSIONS = ["toc", "admonition", "attr_list", "md_in_html", "tables"]


def render_page(path: Path) -> str:
    """A docs page's body rendered as MkDocs does it for these purposes (headings with permalinks)."""
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return markdown.markdown(body, extensions=MD_EXTENSIONS, extension_configs={"toc": {"permalink": True}})


# --- descriptions and the site URL -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (None, "front matter needs `description: …`"),
        ("", "must be text"),
        (42, "must be text"),
        ("第一行\n第二行", "must be one line"),
        ("他说\"要上门\"", "“” quotation marks"),
        ("长" * 121, "has 121 characters"),
    ],
)
def test_a_bad_description_is_named(value: object, problem: str) -> None:
    found = seo.description_problem(value)
    assert found is not None and problem in found


def test_a_plain_description_passes() -> None:
    assert seo.description_problem("催收说要上门是真的吗？每个问题先给答案。") is None
    assert seo.description_problem("长" * 120) is None


def test_generated_page_gets_its_description_in_front_matter() -> None:
    page = "---\nreviewed: 2026-11-29\n---\n\n# 中华人民共和国民法典\n"
    out = seo.with_description(page, "本站引用的《中华人民共和国民法典》条文原文")
    assert out.startswith('---\ndescription: "本站引用的《中华人民共和国民法典》条文原文"\nreviewed: 2026-11-29\n---\n')
    assert seo.with_description("# 标题\n", "说明").startswith('---\ndescription: "说明"\n---\n\n# 标题')


@pytest.mark.parametrize(
    ("url", "public"),
    [("http://127.0.0.1:8000/", False), ("http://localhost:8000/", False), ("http://192.168.1.5/", False),
     (None, False), ("https://example.org/mingbaizhi/", True), ("https://8.8.8.8/", True)],
)
def test_only_a_public_site_url_is_printed_on_the_handout(url: str | None, public: bool) -> None:
    assert seo.is_public(url) is public


def test_robots_txt_names_the_sitemap() -> None:
    assert seo.robots_txt("https://example.org/") == "User-agent: *\nDisallow:\n\nSitemap: https://example.org/sitemap.xml\n"


# --- FAQPage -----------------------------------------------------------------------------------------


def test_questions_and_first_paragraphs_of_a_real_faq_page() -> None:
    found = faq_schema.questions(render_page(ROOT / "docs" / "faq" / "family.md"))
    assert found[0].question == "催收可以打电话给我家人吗？"
    assert found[0].answer is not None and found[0].answer.startswith("要看怎么打、说了什么。")
    assert "来源" not in [q.question for q in found]
    assert all(q.answer and not q.answer.startswith("简单说") for q in found)


def test_an_answer_that_is_a_list_reads_its_items_in_order() -> None:
    found = faq_schema.questions(render_page(ROOT / "docs" / "faq" / "dishonest.md"))
    listed = next(q for q in found if q.question == "怎么查自己有没有被列为失信、被限高？")
    assert listed.answer is not None and listed.answer.startswith("中国执行信息公开网（zxgk.court.gov.cn）")
    assert listed.answer.endswith("打给执行法院，或者拨打 12368 诉讼服务热线。")


def test_a_question_followed_by_a_box_has_no_answer() -> None:
    html = markdown.markdown("## 会坐牢吗？\n\n!!! tip \"先说结论\"\n    不会。\n\n## 来源\n\n- 某法", extensions=MD_EXTENSIONS)
    assert faq_schema.questions(html) == [faq_schema.Question("会坐牢吗？", None)]


def test_json_ld_is_valid_json_and_cannot_close_its_script_element() -> None:
    text = faq_schema.json_ld([faq_schema.Question("问？", "答</script><!--"), faq_schema.Question("空？", None)])
    assert "</script" not in text and "<!--" not in text
    data = json.loads(text)
    assert data["@type"] == "FAQPage" and len(data["mainEntity"]) == 1
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "答</script><!--"


# --- Content-Security-Policy -------------------------------------------------------------------------


PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<script>var a=1</script>
<script id="__config" type="application/json">{"base": ".", "search": "assets/javascripts/workers/search.js"}</script>
<script type="application/ld+json">{}</script>
<script src="assets/x.js"></script>
</head><body><article><script>alert(1)</script></article></body></html>"""


def test_only_executed_inline_scripts_are_hashed() -> None:
    assert [s.text for s in csp.inline_scripts(PAGE)] == ["var a=1", "alert(1)"]
    policy = csp.page_policy(PAGE, author_content="<script>alert(1)</script>")
    assert csp.hash_source("var a=1") in policy and csp.hash_source("alert(1)") not in policy


def test_hash_is_the_browsers() -> None:
    # the CSP spec's own example: sha256 of "alert('Hello, world.');"
    assert csp.hash_source("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert csp.hash_source("a\r\nb") == csp.hash_source("a\nb")


def test_policy_goes_right_after_meta_charset() -> None:
    out = csp.add_policy(PAGE, csp.policy(["'sha256-x'"]))
    assert re.search(r'<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy" content="default-src', out)
    with pytest.raises(csp.CspError, match="no <head>"):
        csp.add_policy("<p>片段</p>", "default-src 'self'")


def test_iframe_worker_script_is_rebuilt_from_the_vendored_shim() -> None:
    worker = "../assets/javascripts/workers/search.a7633da7.min.js"
    script = csp.iframe_worker_script(SHIM.read_text(encoding="utf-8"), worker)
    assert script.startswith("postMessage=function c(") and f'filename:"{worker}"' in script
    # Chromium 156 reported this hash when it blocked the shim's script for this worker URL
    assert csp.hash_source(script) == "'sha256-H5Y6UlQ+zh9IO8YUI9VEKRJxWTZzGbfmipLMFv3CoR4='"


def test_a_changed_shim_is_reported_not_guessed() -> None:
    with pytest.raises(csp.CspError, match="no document.write"):
        csp.iframe_worker_script("(()=>{new Worker(x)})()", "w.js")
    with pytest.raises(csp.CspError, match="placeholders that are not functions"):
        csp.iframe_worker_script("document.write(`<script>${a}${b}<\\/script>`)", "w.js")


def test_the_offline_page_policy_allows_the_shims_script() -> None:
    page = PAGE.replace('<script src="assets/x.js">', '<script src="assets/vendor/iframe-worker/shim.js">')
    shim = SHIM.read_text(encoding="utf-8")
    expected = csp.hash_source(csp.iframe_worker_script(shim, "assets/javascripts/workers/search.js"))
    assert expected in csp.page_policy(page, shim_source=shim)
    assert expected not in csp.page_policy(PAGE, shim_source=shim)


def test_what_the_policy_blocks_in_a_pages_content_is_named() -> None:
    html = markdown.markdown(
        '<span style="color:red">红字</span>\n\n<button onclick="go()">按钮</button>\n\n[链接](javascript:go())\n\n'
        "<style>p{}</style>\n\n<script>go()</script>\n",
        extensions=MD_EXTENSIONS,
    )
    found = sorted(b.what for b in csp.blocked_in_content(html))
    assert found == ["a <style> element", "an inline <script>", "the event handler onclick= on <button>",
                     "the javascript: URL in <a href>", "the style attribute on <span>"]


def test_the_pdf_edition_gets_no_policy() -> None:
    pdf = SimpleNamespace(extra={"edition": "pdf"}, docs_dir=str(ROOT / "docs"))
    assert csp.secure_page(PAGE, where="x", content="", config=pdf) == PAGE
    web = SimpleNamespace(extra={}, docs_dir=str(ROOT / "docs"))
    assert "Content-Security-Policy" in csp.secure_page(PAGE, where="x", content="", config=web)


# --- real builds ---------------------------------------------------------------------------------------


def test_strict_build_names_file_and_line_of_each_problem(tmp_path: Path) -> None:
    """A copy of the citation layer's fixture site with pages that lack what descriptions, the site URL and the policy need."""
    config = copy_fixture(tmp_path / "site-src")
    docs = config.parent / "docs"
    (docs / "nodesc.md").write_text("---\nreviewed: 2026-11-29\n---\n\n# 没有描述\n", encoding="utf-8")
    (docs / "dup.md").write_text(
        "---\nreviewed: 2026-11-29\ndescription: 另一页：再次引用隐私权的条文。\n---\n\n# 重复描述\n", encoding="utf-8"
    )
    (docs / "faq").mkdir()
    (docs / "faq" / "q.md").write_text(
        "---\nreviewed: 2026-11-29\ndescription: 问答页。\n---\n\n# 问答\n\n## 会坐牢吗？\n\n!!! tip \"先说结论\"\n    不会。\n",
        encoding="utf-8",
    )
    (docs / "styled.md").write_text(
        "---\nreviewed: 2026-11-29\ndescription: 有样式的页。\n---\n\n# 样式\n\n<span style=\"color:red\">红字</span>\n",
        encoding="utf-8",
    )
    build = mkdocs_build(config, tmp_path / "out")
    assert build.returncode != 0, build.output
    assert re.search(r"nodesc\.md:1: front matter needs `description: …`", build.output), build.output
    assert re.search(r"(dup\.md:3: the same description as docs/other|other\.md:3: the same description as docs/dup)\.md",
                     build.output), build.output
    assert re.search(r"faq/q\.md:8: the question “会坐牢吗？” has no paragraph or list right after it", build.output), build.output
    assert re.search(r"styled\.md: the style attribute on <span> is blocked by the site's Content-Security-Policy", build.output)
    assert "Traceback" not in build.output


def test_mkdocs_yml_reads_the_site_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config

    monkeypatch.delenv("SITE_URL", raising=False)
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == "http://127.0.0.1:8000/"  # the preview's address
    monkeypatch.setenv("SITE_URL", "https://example.org/mingbaizhi/")
    assert load_config(str(ROOT / "mkdocs.yml")).site_url == "https://example.org/mingbaizhi/"


def test_a_build_uses_the_site_url_it_is_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture site with mkdocs.yml's site_url line and the site's overrides, built with SITE_URL set:
    the build's line, sitemap, canonical links, og:url, robots.txt; links stay relative."""
    url = "https://example.org/mingbaizhi/"
    config = copy_fixture(tmp_path / "site-src")
    text = config.read_text(encoding="utf-8")
    text = text.replace("  name: material\n", f"  name: material\n  custom_dir: {(ROOT / 'overrides').as_posix()}\n")
    # a publishing build needs a report address (sitebuild.report_error): the site's own setting, given one
    config.write_text('site_url: !ENV [SITE_URL, ""]\n' + text + '\nextra:\n  report_error_email: !ENV [REPORT_ERROR_EMAIL, ""]\n',
                      encoding="utf-8")
    monkeypatch.setenv("SITE_URL", url)
    monkeypatch.setenv("REPORT_ERROR_EMAIL", "errors@example.org")
    build = mkdocs_build(config, tmp_path / "out")
    assert build.returncode == 0, build.output[-3000:]
    assert f"site URL: {url} (from SITE_URL)" in build.output
    site = build.site
    locs = [e.text or "" for e in ET.parse(site / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    pages = [p.relative_to(site).as_posix() for p in site.rglob("index.html") if p.relative_to(site).parts[0] != "assets"]
    assert len(pages) > 3 and sorted(locs) == sorted(url + p.removesuffix("index.html") for p in pages)
    other = (site / "other" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{url}other/">' in other
    assert f'<meta property="og:url" content="{url}other/">' in other
    assert f"Sitemap: {url}sitemap.xml" in (site / "robots.txt").read_text(encoding="utf-8")
    assert 'href="../assets/stylesheets/' in other, "pages must keep linking relatively"
