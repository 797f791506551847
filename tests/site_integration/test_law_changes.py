"""In real `mkdocs build`s of the fixture site: a page goes stale when a newer version of a law it
cites is registered (build warning, notice on the page, strict build fails; re-reviewed, it is current again),
and a version registered before it takes effect is announced in the window between adoption and effect.

The law is the real one: 治安管理处罚法, whose 2025 revision (adopted 2025-06-27, in force 2026-01-01) moved
the 2012 text's 第四十二条 (threats, insults, harassment) to 第五十条.
"""
from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from site_builds import REPO, Build, copy_fixture, mkdocs_build
from html_links import read_page

NEW_VERSION = "zhian@2026-01-01"
NOTICE = "本页核对于 2025-08-01；其引用的《治安管理处罚法》已于 2026-01-01 修订，本页尚未按新版本复核。"
COMING = "自 2026-01-01 起，本条将改为第五十条"


def _page(reviewed: str, citation: str) -> list[str]:
    return ["---", f"reviewed: {reviewed}", "description: 威胁和骚扰的处罚依据（测试页）。", "---", "", "# 威胁和骚扰", "",
            f"写信恐吓、威胁他人人身安全的，依照{citation}处罚。", ""]


def _site(tmp_path: Path, page: list[str], *, registry: Path | None = None) -> Path:
    """The fixture site with docs/threats.md in its nav, judged with `registry` (default data/laws)."""
    config = copy_fixture(tmp_path / "site-src")
    (config.parent / "docs" / "threats.md").write_text("\n".join(page), encoding="utf-8")
    text = config.read_text(encoding="utf-8").replace("  - 另一页: other.md\n", "  - 另一页: other.md\n  - 威胁: threats.md\n")
    if registry is not None:
        text = text.replace("registry: data/laws", f"registry: {registry.as_posix()}")
    config.write_text(text, encoding="utf-8")
    return config


def _registry_without_the_2025_revision(tmp_path: Path) -> Path:
    folder = tmp_path / "registry" / "laws"
    shutil.copytree(REPO / "data" / "laws", folder, ignore=shutil.ignore_patterns(f"{NEW_VERSION}*"))
    shutil.copy(REPO / "data" / "lawcite.yaml", folder.parent / "lawcite.yaml")
    return folder


def _register_the_2025_revision(registry: Path) -> None:
    for f in (REPO / "data" / "laws").glob(f"{NEW_VERSION}*"):
        shutil.copy(f, registry / f.name)


def _build(config: Path, out: Path, day: str, *, strict: bool = True) -> Build:
    return mkdocs_build(config, out, env={"SITE_BUILD_DATE": day}, strict=strict)


def _stale_lines(build: Build) -> list[str]:
    return [ln for ln in build.output.splitlines() if ": stale: " in ln]


def test_page_goes_stale_when_a_newer_version_of_a_law_it_cites_is_registered(tmp_path: Path) -> None:
    registry = _registry_without_the_2025_revision(tmp_path)
    lines = _page("2025-08-01", "《治安管理处罚法》第四十二条")
    config = _site(tmp_path, lines, registry=registry)

    before = _build(config, tmp_path / "before", "2026-11-30")
    assert before.returncode == 0, before.output[-3000:]
    assert not _stale_lines(before)
    assert "page-stale" not in (tmp_path / "before" / "threats" / "index.html").read_text(encoding="utf-8")

    _register_the_2025_revision(registry)
    strict = _build(config, tmp_path / "strict", "2026-11-30")
    assert strict.returncode != 0, "a stale page must fail the strict build"
    [line] = _stale_lines(strict)
    cited = lines.index(next(ln for ln in lines if "第四十二条" in ln)) + 1
    assert "threats.md: stale: reviewed 2025-08-01" in line, line
    assert f"{NEW_VERSION} in force since 2026-01-01" in line and "judged against zhian@2013-01-01" in line, line
    assert f"line {cited} 《治安管理处罚法》第四十二条 → 第五十条 (renumbered, text changed)" in line, line
    assert "Traceback" not in strict.output

    shown = _build(config, tmp_path / "shown", "2026-11-30", strict=False)
    assert shown.returncode == 0, shown.output[-3000:]
    page = read_page(tmp_path / "shown" / "threats" / "index.html")
    notice = re.search(r'<div class="admonition warning page-stale"[^>]*>(.*?)</div>', page.html, re.S)
    assert notice is not None, "the stale page shows no notice"
    assert NOTICE in html.unescape(re.sub(r"<[^>]+>", "", notice.group(1)))
    assert page.html.index("page-reviewed") < notice.start() < page.html.index("<h1"), "notice not under 最后核对"
    other = (tmp_path / "shown" / "other" / "index.html").read_text(encoding="utf-8")
    assert "page-stale" not in other, "a page that does not cite the law is not stale"

    # re-reviewed against the new text: the citation now names the new article, the date is the review's
    (config.parent / "docs" / "threats.md").write_text("\n".join(_page("2026-11-30", "《治安管理处罚法》第五十条")), encoding="utf-8")
    after = _build(config, tmp_path / "after", "2026-11-30")
    assert after.returncode == 0, after.output[-3000:]
    assert not _stale_lines(after)
    assert "page-stale" not in (tmp_path / "after" / "threats" / "index.html").read_text(encoding="utf-8")


def test_coming_version_is_announced_between_adoption_and_effect(tmp_path: Path) -> None:
    """Judged as of 2025-08-01 (after the revision's adoption on 2025-06-27, before it took effect on
    2026-01-01): the 2012 text is in force, the citation is right, and the reader is told what is coming."""
    lines = _page("2025-08-01", "《治安管理处罚法》第四十二条")
    config = _site(tmp_path, lines)
    build = _build(config, tmp_path / "out", "2025-08-01")
    assert build.returncode == 0, "a registered version not yet in force must not fail the build:\n" + build.output[-3000:]
    assert not _stale_lines(build)

    page = read_page(tmp_path / "out" / "threats" / "index.html")
    [link] = [a for a in page.citations() if a.text == "《治安管理处罚法》第四十二条"]
    assert link.href.endswith("laws/zhian/#v2013-art-42"), link.href
    title = link.attrs["title"]
    assert title.startswith(f"《治安管理处罚法》第四十二条（{COMING}，内容也有修改）："), title

    appendix = read_page(tmp_path / "out" / "laws" / "zhian" / "index.html")
    squeezed = re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", appendix.html))
    assert "即将施行：修改后的文本（2025-06-27通过或修改）自2026-01-01起施行" in squeezed
    entry = appendix.section_text("v2013-art-42")  # whitespace removed
    assert COMING.replace(" ", "") + "，内容也有修改" in entry and "状态：现行有效" in entry, entry[:600]

    cited = lines.index(next(ln for ln in lines if "第四十二条" in ln)) + 1
    listed = [ln for ln in build.output.splitlines() if "coming change" in ln]
    assert any(f"threats.md:{cited}: coming change: 《治安管理处罚法》第四十二条: {COMING}" in ln for ln in listed), build.output
    assert any("zhian@2026-01-01, adopted 2025-06-27" in ln for ln in listed)


def test_no_coming_notice_once_the_version_is_in_force(tmp_path: Path) -> None:
    """On the day it takes effect the change is no longer coming: a page reviewed that day cites the new text."""
    config = _site(tmp_path, _page("2026-01-01", "《治安管理处罚法》第五十条"))
    build = _build(config, tmp_path / "out", "2026-01-01")
    assert build.returncode == 0, build.output[-3000:]
    assert "coming change" not in build.output
    page = read_page(tmp_path / "out" / "threats" / "index.html")
    [link] = [a for a in page.citations() if a.text == "《治安管理处罚法》第五十条"]
    assert "本条将" not in link.attrs["title"]


def test_bad_build_date_is_one_clear_line(tmp_path: Path) -> None:
    config = _site(tmp_path, _page("2026-11-29", "《治安管理处罚法》第五十条"))
    build = _build(config, tmp_path / "out", "2026-13-01")
    assert build.returncode != 0
    assert "SITE_BUILD_DATE='2026-13-01' is not a date: write YYYY-MM-DD" in build.output, build.output
    assert "Traceback" not in build.output
