"""scripts/laws.py, the command a volunteer runs after adding or changing a law file: check is clean
on the repository and finds what is wrong in a copy (with file and line, never a traceback), map
derives and writes a map keeping the reviews, and check lists the site citations a change affects."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from registry_files import LAWS_SCRIPT, REGISTRY_DIR

PAGE = """---
reviewed: 2026-11-29
---

# 试页

《治安管理处罚法》第五十条规定：“有下列行为之一的，处五日以下拘留或者一千元以下罚款”。

债务人可以在十五日内提出书面异议（《民事诉讼法》第二百二十七条第二款）。
"""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(LAWS_SCRIPT), *args], capture_output=True, text=True, timeout=600, cwd=cwd)


@pytest.fixture()
def copy(tmp_path: Path) -> Path:
    """A copy of the registry (data/laws and data/lawcite.yaml) under tmp_path/data."""
    target = tmp_path / "data" / "laws"
    shutil.copytree(REGISTRY_DIR, target)
    shutil.copy(REGISTRY_DIR.parent / "lawcite.yaml", target.parent / "lawcite.yaml")
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_check_is_clean_on_the_repository() -> None:
    r = run("check")
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"{len(list(REGISTRY_DIR.glob('*.md')))} law file(s) checked, 0 with problems" in r.stdout
    assert "ok   data/laws/minshisusong@2022-01-01.md: 中华人民共和国民事诉讼法, 2022-01-01 → 2024-01-01 (revised): 291 articles" in r.stdout
    assert "site citations" in r.stdout


def test_a_broken_file_is_named_with_its_line(copy: Path) -> None:
    f = copy / "fanzha@2022-12-01.md"
    text = f.read_text(encoding="utf-8")
    start, end = text.index("\n第十条 ") + 1, text.index("\n第十一条 ") + 1
    f.write_text(text[:start] + text[end:], encoding="utf-8")
    r = run("--registry", str(copy), "check", "--docs", str(copy / "none"))
    assert r.returncode == 1 and "Traceback" not in r.stderr
    line = next(i for i, ln in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if ln.startswith("第十一条 "))
    assert f"{f}:{line}: numbering gap: 第十一条 follows 第九条, 第十条 is missing" in r.stderr


def test_a_text_cut_short_differs_from_the_official_count(copy: Path) -> None:
    f = copy / "fanzha@2022-12-01.md"
    text = f.read_text(encoding="utf-8")
    f.write_text(text[:text.index("\n第五十条 ") + 1], encoding="utf-8")
    r = run("--registry", str(copy), "check", str(f), "--docs", str(copy / "none"))
    assert r.returncode == 1, r.stdout
    assert "FAIL" in r.stdout and "49 articles in the text, but provenance.official_article_count is 50" in r.stdout
    assert "1 law file(s) checked, 1 with problems" in r.stdout


def test_a_renumbered_version_without_map_is_reported(copy: Path) -> None:
    (copy / "minshisusong@2024-01-01.map.yaml").unlink()
    r = run("--registry", str(copy), "check", "minshisusong@2024-01-01", "--docs", str(copy / "none"))
    assert r.returncode == 1
    assert "seem to have new numbers here" in r.stdout
    assert "scripts/laws.py map minshisusong@2022-01-01 minshisusong@2024-01-01 --write" in r.stdout


def test_a_stale_review_is_reported(copy: Path) -> None:
    f = copy / "zhian@2026-01-01.map.yaml"
    edit(f, '"49": {to: ["58", "59"]', '"49": {to: ["58"]')
    r = run("--registry", str(copy), "check", "zhian@2026-01-01.md", "--docs", str(copy / "none"))
    assert r.returncode == 1 and "the review of 49 says" in r.stdout and "read the pair again" in r.stdout


def test_map_prints_the_pairs_and_writes_the_file_keeping_reviews(copy: Path) -> None:
    f = copy / "zhian@2026-01-01.map.yaml"
    before = yaml.safe_load(f.read_text(encoding="utf-8"))
    r = run("--registry", str(copy), "map", "zhian@2013-01-01", "zhian@2026-01-01")
    assert r.returncode == 0, r.stderr
    assert "zhian@2013-01-01 -> zhian@2026-01-01: 119 old articles" in r.stdout
    assert "第四十九条 → 第五十八条、第五十九条   reviewed: Split" in r.stdout
    assert "NOT REVIEWED" in r.stdout and "(dry run" in r.stdout
    assert yaml.safe_load(f.read_text(encoding="utf-8")) == before  # a dry run writes nothing
    f.unlink()  # a volunteer deriving the map again from scratch, keeping nothing
    assert run("--registry", str(copy), "map", "zhian@2013-01-01", "zhian@2026-01-01", "--write").returncode == 0
    again = yaml.safe_load(f.read_text(encoding="utf-8"))
    assert again["map"] == before["map"] and again["from"] == "zhian@2013-01-01" and "reviewed" not in again
    # with the reviews put back, writing again keeps them
    f.write_text(f.read_text(encoding="utf-8") + "reviewed:\n" + "".join(
        f"  {json.dumps(k)}: {{to: {json.dumps(v['to'])}, reason: {json.dumps(v['reason'], ensure_ascii=False)}}}\n"
        for k, v in before["reviewed"].items()), encoding="utf-8")
    assert run("--registry", str(copy), "map", "zhian@2013-01-01", "zhian@2026-01-01", "--write").returncode == 0
    assert yaml.safe_load(f.read_text(encoding="utf-8"))["reviewed"] == before["reviewed"]


@pytest.mark.parametrize(("args", "fragment"), [
    (["map", "zhian@2013-01-01", "xingfa@2024-03-01"], "is not the version just before"),
    (["map", "nothing@2020-01-01", "zhian@2026-01-01"], "not a law file"),
    (["check", "no-such-law.md"], "not a law file"),
])
def test_usage_errors_exit_2(copy: Path, args: list[str], fragment: str) -> None:
    before = {p.name: p.read_bytes() for p in copy.iterdir()}
    r = run("--registry", str(copy), *args)
    assert r.returncode == 2 and "Traceback" not in r.stderr and fragment in r.stderr, r.stderr
    assert before == {p.name: p.read_bytes() for p in copy.iterdir()}


def test_check_lists_the_site_citations_a_change_affects(copy: Path) -> None:
    repo = copy.parent.parent
    docs = repo / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(PAGE, encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "registry"], check=True)
    # (one file validated: the comparison of the site's citations covers the whole registry anyway)
    r = run("--registry", str(copy), "check", "fanzha@2022-12-01", "--docs", str(docs))
    assert r.returncode == 0 and "2 with the registry at HEAD, 2 now; 0 changed" in r.stdout, r.stdout
    # take the 2025 revision out: 第五十条 is judged against the 2012 text again, where it says something else
    (copy / "zhian@2026-01-01.md").unlink()
    (copy / "zhian@2026-01-01.map.yaml").unlink()
    r = run("--registry", str(copy), "check", "fanzha@2022-12-01", "--docs", str(docs))
    assert "1 changed" in r.stdout, r.stdout
    assert "page.md:7:1: 《治安管理处罚法》第五十条: ok [2026-01-01]  =>  quote-mismatch [2013-01-01]" in r.stdout


def test_check_without_git_says_so(tmp_path: Path, copy: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(PAGE, encoding="utf-8")
    r = run("--registry", str(copy), "check", "fanzha@2022-12-01", "--docs", str(docs), cwd=tmp_path)
    assert r.returncode == 0 and "site citations: no committed registry to compare with" in r.stdout
