"""One meaning for every date: a law's status names the day its text and status were last compared with the
official source (data/laws front matter `checked`, `checked_against`), never the build date; the appendix,
each law's page and 关于 show that date, generated from the data."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from lawcite.registry import load_registry
from registry_files import REGISTRY_DIR
from site_integration.site_builds import mkdocs_build
from sitebuild.law_texts import law_texts_markdown

ROOT = REGISTRY_DIR.parents[1]
REGISTRY = load_registry(REGISTRY_DIR)
VERSIONS = [v for versions in REGISTRY.laws.values() for v in versions]


@pytest.mark.parametrize("version", VERSIONS, ids=lambda v: v.id)
def test_every_version_says_when_and_against_what_it_was_checked(version) -> None:
    assert version.checked <= dt.date.today(), f"{version.id}: checked {version.checked} is in the future"
    assert version.checked_against.strip()
    if version.has_text and version.effective is not None:
        assert version.checked >= version.effective or version.ends is not None, version.id


def test_a_missing_checked_date_is_named_with_file_and_what_to_do(tmp_path: Path) -> None:
    from lawcite.registry import RegistryError

    src = (REGISTRY_DIR / "fanzha@2022-12-01.md").read_text(encoding="utf-8")
    (tmp_path / "fanzha@2022-12-01.md").write_text(re.sub(r"^checked: .*\n", "", src, flags=re.M), encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_registry(tmp_path)
    assert "fanzha@2022-12-01.md" in str(err.value) and "'checked'" in str(err.value)


def test_about_lists_every_text_the_site_holds_with_its_checked_date() -> None:
    text = law_texts_markdown(REGISTRY, lambda slug: None)
    for v in VERSIONS:
        if v.has_text:
            assert f"《{v.title}》（{v.effective.isoformat()} 起施行" in text
            assert f"{v.checked.isoformat()} 核对。对照：{v.checked_against}" in text
    for needed in ("最高人民法院关于适用《中华人民共和国民事诉讼法》的解释", "最高人民法院关于公布失信被执行人名单信息的若干规定",
                   "最高人民法院关于限制被执行人高消费及有关消费的若干规定"):
        assert needed in text


def test_law_pages_show_the_checked_date_not_the_build_date(tmp_path: Path) -> None:
    build_day = "2027-03-15"
    build = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "site", env={"SITE_BUILD_DATE": build_day})
    assert build.returncode == 0, build.output[-3000:]
    for page in ("laws/minfadian/index.html", "laws/index.html", "about/index.html", "laws/zhian/index.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        body = html.split('class="md-content"', 1)[1]
        assert build_day not in body, f"{page} shows the build date"
    minfadian = (tmp_path / "site" / "laws/minfadian/index.html").read_text(encoding="utf-8")
    v = REGISTRY.latest("minfadian")
    assert f"状态：现行有效（{v.checked.isoformat()} 核对。对照：" in re.sub(r"<[^>]+>", "", minfadian)
    about = re.sub(r"<[^>]+>", "", (tmp_path / "site" / "about/index.html").read_text(encoding="utf-8"))
    assert "截至 2026 年 4 月" not in about and "本站收录了" in about
