"""Every phone number a page gives comes from data/hotlines.yaml with its source and date: a number typed
on a page that the list lacks fails the strict build (file and line), and every page that gives a listed
number shows that number's source and date in its 来源 list (web site and PDF handbook alike)."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from site_integration.site_builds import copy_fixture, mkdocs_build
from sitebuild import hotlines

ROOT = Path(__file__).resolve().parents[2]
HOTLINES = hotlines.load_hotlines(ROOT / "data" / "hotlines.yaml")
LISTED = {h.number for h in HOTLINES}


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("打 12345 市民热线反映。", ["12345"]),
        ("催收员留的电话是 13812345678，别回拨。", ["13812345678"]),
        ("客服电话 400-123-4567。", ["400-123-4567"]),
        ("打 0571-87654321 找当地法院。", ["0571-87654321"]),
        ("有危险先打 110，不是紧急情况再打 12378。", []),  # listed
        ("蚂蚁消金被罚款 140 万元，公布了 135 家催收机构。", []),  # amounts and counts
        ("第110条和 120 天、2026 年、共 112 页。", []),
        ("见 `12345` 这一行代码。", []),  # inline code is not text a reader dials
    ],
)
def test_unlisted_phone_numbers_are_found_in_real_sentences(text: str, numbers: list[str]) -> None:
    assert [n for _, n in hotlines.unlisted_numbers(text, LISTED)] == numbers


def test_code_blocks_are_not_searched_and_lines_are_counted() -> None:
    text = "第一行\n\n```\n12345\n```\n\n请拨打 95555 咨询。\n"
    assert hotlines.unlisted_numbers(text, LISTED) == [(7, "95555")]


def _render(md_text: str, link: bool = True) -> str:
    return markdown.markdown(
        md_text,
        extensions=["toc", hotlines.HotlineExtension(data=str(ROOT / "data" / "hotlines.yaml"), link=link)],
    )


def test_a_listed_number_brings_its_source_into_the_sources_list() -> None:
    html = _render("# 页\n\n有人强行进门，打 110。\n\n## 来源\n\n- 《中华人民共和国民法典》\n")
    h110 = next(h for h in HOTLINES if h.number == "110")
    assert 'href="tel:110"' in html
    sources = html.split("来源</h2>", 1)[1]
    assert h110.source in sources and f"核对于 {h110.checked.isoformat()}" in sources
    assert sources.count("<ul>") == 1  # added to the page's list, not a second one


def test_the_pdf_keeps_plain_numbers_and_lists_sources_once() -> None:
    """Paper cannot dial: plain numbers, and no source line per page (the handbook's 一页明白纸 page lists them)."""
    html = _render("# 页\n\n不清楚就打 12348。\n\n## 来源\n\n- 某报道\n", link=False)
    assert "tel:" not in html and "12348" in html and "核对于" not in html


def test_a_page_without_numbers_gets_no_phone_sources() -> None:
    html = _render("# 页\n\n罚款 110 元。\n\n## 来源\n\n- 某报道\n")
    assert "核对于" not in html


def test_a_typed_number_fails_the_strict_build_with_file_and_line(tmp_path: Path) -> None:
    config = copy_fixture(tmp_path / "site-src")
    text = config.read_text(encoding="utf-8")
    text = text.replace("  - lawcite.mdext:", f"  - sitebuild.hotlines:\n      data: {(ROOT / 'data' / 'hotlines.yaml').as_posix()}\n  - lawcite.mdext:")
    config.write_text(text, encoding="utf-8")
    page = config.parent / "docs" / "other.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append("")
    lines.append("催收员留了一个号码 13912345678，让你回电。")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    build = mkdocs_build(config, tmp_path / "out")
    assert build.returncode != 0, build.output
    assert re.search(rf"docs/other\.md:{len(lines)}: the phone number 13912345678 is not in data/hotlines\.yaml", build.output), build.output
    assert "Traceback" not in build.output


def test_every_number_on_the_built_site_comes_with_its_source(site_dir: Path) -> None:
    checked = 0
    for page in sorted(site_dir.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        numbers = set(re.findall(r'href="tel:(\d+)"', html))
        if not numbers or 'id="来源"' not in html:
            continue
        sources = re.sub(r"<[^>]+>", "", html.split('id="来源"', 1)[1])
        for number in numbers:
            h = next(h for h in HOTLINES if h.number == number)
            assert h.source in sources, f"{page.relative_to(site_dir)}: {number} is shown without its source"
            checked += 1
    assert checked >= 20  # the site gives numbers on many pages: the test saw them
