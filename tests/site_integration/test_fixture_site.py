"""The citation layer in a real `mkdocs build --strict` of the small fixture site (fixture/)."""
from __future__ import annotations

import re
from pathlib import Path

from site_builds import copy_fixture, mkdocs_build
from html_links import Page, read_page, resolve


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _article_text(registry, version_id: str, key: str) -> str:  # noqa: ANN001
    return registry.versions[version_id].articles[key]


def _cite(page: Page, text: str) -> list:
    return [a for a in page.citations() if a.text == text]


def test_citation_links_to_an_existing_appendix_anchor(fixture_site: Path) -> None:
    page = read_page(fixture_site / "index.html")
    [link] = _cite(page, "《民法典》第一千零三十二条")
    target, fragment = resolve(fixture_site, page.path, link.href)
    assert target == (fixture_site / "laws" / "minfadian" / "index.html").resolve()
    assert fragment == "art-1032"
    assert fragment in read_page(target).ids


def test_title_is_the_article_text_from_the_registry(fixture_site: Path, registry) -> None:  # noqa: ANN001
    page = read_page(fixture_site / "index.html")
    [link] = _cite(page, "《民法典》第一千零三十二条")
    head = "《民法典》第一千零三十二条："
    title = link.attrs["title"]
    assert title.startswith(head)
    text = _norm(_article_text(registry, "minfadian@2021-01-01", "1032"))
    body = _norm(title[len(head):]).rstrip("…")
    assert body and text.startswith(body)
    assert len(title) <= len(head) + 151


def test_appendix_entry_has_text_version_status_and_backlinks(fixture_site: Path, registry) -> None:  # noqa: ANN001
    appendix = read_page(fixture_site / "laws" / "minfadian" / "index.html")
    section = appendix.section_text("art-1032")
    assert _norm(_article_text(registry, "minfadian@2021-01-01", "1032")) in section
    assert "2021-01-01起施行的文本" in section and "现行有效" in section and "本站引用" in section
    backlinks = {}
    for a in appendix.links:
        target, fragment = resolve(fixture_site, appendix.path, a.href) if not a.href.startswith("http") else (None, "")
        if target is not None and "laws" not in target.parts:
            backlinks.setdefault((target, fragment), a.text)
    home = (fixture_site / "index.html").resolve()
    other = (fixture_site / "other" / "index.html").resolve()
    assert (home, "隐私") in backlinks
    assert (other, "第二节-隐私") in backlinks or (other, "第二节隐私") in backlinks
    for (target, fragment), _ in backlinks.items():
        assert target.is_file()
        if fragment:
            assert fragment in read_page(target).ids, f"backlink #{fragment} missing on {target}"
    assert "https://flk.npc.gov.cn/" in appendix.html  # the official source link


def test_list_gives_one_link_per_article(fixture_site: Path) -> None:
    page = read_page(fixture_site / "index.html")
    [first] = _cite(page, "《刑法》第二百四十六条")
    [second] = _cite(page, "第二百九十三条之一")
    assert first.href.endswith("laws/xingfa/#art-246")
    assert second.href.endswith("laws/xingfa/#art-293-1")
    ids = read_page(fixture_site / "laws" / "xingfa" / "index.html").ids
    assert {"art-246", "art-293-1"} <= ids


def test_range_links_to_its_first_article(fixture_site: Path) -> None:
    page = read_page(fixture_site / "index.html")
    [link] = _cite(page, "《民法典》第六百六十七条至第六百八十条")
    assert link.href.endswith("#art-667")
    assert link.attrs["title"].startswith("《民法典》第六百六十七条至第六百八十条：")


def test_code_is_not_linked_nor_counted(fixture_site: Path) -> None:
    page = read_page(fixture_site / "index.html")
    assert not [a for a in page.citations() if {"code", "pre"} & set(a.ancestors)]
    assert "《民法典》第一千零三十四条" in page.html and "《民法典》第一千零三十三条" in page.html
    ids = read_page(fixture_site / "laws" / "minfadian" / "index.html").ids
    assert "art-1034" not in ids and "art-1033" not in ids


def test_headings_are_checked_not_linked_and_toc_stays_clean(fixture_site: Path) -> None:
    page = read_page(fixture_site / "index.html")
    headings = [a for a in page.citations() if {"h1", "h2", "h3", "h4", "h5", "h6"} & set(a.ancestors)]
    assert headings == []
    toc = [a for a in page.links if "md-nav__link" in a.classes and "第一千零二十四条" in a.text]
    assert toc and all("<a" not in a.text for a in toc)
    # the same article cited in the table is linked
    [cell] = _cite(page, "《民法典》第一千零二十四条")
    assert "td" in cell.ancestors and cell.href.endswith("#art-1024")


def test_pinned_old_version_links_to_its_versioned_anchor(fixture_site: Path) -> None:
    page = read_page(fixture_site / "index.html")
    [old] = _cite(page, "《治安管理处罚法》第四十二条")
    [new] = _cite(page, "《治安管理处罚法》第五十条")
    assert old.href.endswith("laws/zhian/#v2013-art-42")
    assert new.href.endswith("laws/zhian/#art-50")
    zhian = read_page(fixture_site / "laws" / "zhian" / "index.html")
    assert {"v2013-art-42", "art-50"} <= zhian.ids
    assert "已被修订" in zhian.section_text("v2013-art-42")


def test_citation_inside_bold_and_admonition_is_linked(fixture_site: Path) -> None:
    page = read_page(fixture_site / "index.html")
    [link] = _cite(page, "《个人信息保护法》第十条")
    assert "strong" in link.ancestors and link.href.endswith("laws/gerenxinxi/#art-10")


def test_index_table_and_nav(fixture_site: Path) -> None:
    index = read_page(fixture_site / "laws" / "index.html")
    assert "<!-- law-index -->" not in index.html
    rows = re.findall(r"<tr>(.*?)</tr>", index.html, re.DOTALL)
    contract = [r for r in rows if "中华人民共和国合同法" in r]
    assert contract and "已废止" in contract[0] and "中华人民共和国民法典" in contract[0]
    nav = [a.text.strip() for a in index.links if "md-nav__link" in a.classes]
    order = [nav.index(name) for name in ("民法典", "刑法", "治安管理处罚法")]
    assert order == sorted(order)


def test_disable_env_makes_no_links(fixture_site_disabled: Path) -> None:
    page = read_page(fixture_site_disabled / "index.html")
    assert "《民法典》第一千零三十二条" in page.html
    assert page.citations() == []
    assert not (fixture_site_disabled / "laws" / "minfadian").exists()


def test_wrong_citation_fails_strict_build_naming_file_and_line(tmp_path: Path) -> None:
    config = copy_fixture(tmp_path / "site-src")
    bad = config.parent / "docs" / "bad.md"
    lines = ["---", "reviewed: 2026-11-29", "---", "", "# 错误引用", "", "见《人民民法典》第一条。", "", "又见《民法典》第一千三百条。"]
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = config.read_text(encoding="utf-8").replace("  - 另一页: other.md\n", "  - 另一页: other.md\n  - 错误: bad.md\n")
    config.write_text(text, encoding="utf-8")
    build = mkdocs_build(config, tmp_path / "out")
    assert build.returncode != 0, build.output
    unknown_line = lines.index("见《人民民法典》第一条。") + 1
    missing_line = lines.index("又见《民法典》第一千三百条。") + 1
    assert re.search(rf"bad\.md:{unknown_line}:2: unknown-law", build.output), build.output
    assert re.search(rf"bad\.md:{missing_line}:3: no-such-article", build.output), build.output
    assert "Traceback" not in build.output


def test_broken_registry_stops_the_build_with_file_and_line(tmp_path: Path) -> None:
    config = copy_fixture(tmp_path / "site-src")
    broken = tmp_path / "laws"
    broken.mkdir()
    (broken / "minfadian@2021-01-01.md").write_text("---\ntitle: 中华人民共和国民法典\nshort: [unclosed\n---\n", encoding="utf-8")
    text = config.read_text(encoding="utf-8").replace("registry: data/laws", f"registry: {broken.as_posix()}")
    config.write_text(text, encoding="utf-8")
    build = mkdocs_build(config, tmp_path / "out")
    assert build.returncode != 0
    assert re.search(r"minfadian@2021-01-01\.md:\d+: YAML syntax error", build.output), build.output
    assert "Traceback" not in build.output
