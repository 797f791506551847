"""scripts/sync_registry.py: --check is clean on the repository, finds and repairs a change in a
copy, --add works, and bad input gives a message and exit status 2, never a traceback."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, strategies as st

from registry_files import REGISTRY_DIR, SYNC_SCRIPT
from corpus_oracle import int_to_cn


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SYNC_SCRIPT), *args], capture_output=True, text=True, timeout=300)


@pytest.fixture()
def registry_copy(tmp_path: Path) -> Path:
    target = tmp_path / "laws"
    shutil.copytree(REGISTRY_DIR, target)
    return target


def assert_usage_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr


def test_check_is_clean(corpus_dir) -> None:
    result = run("--check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 difference(s)" in result.stdout


def test_check_reports_a_changed_text_and_sync_repairs_it(corpus_dir, registry_copy: Path) -> None:
    path = registry_copy / "zhian-2026.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("一千元以下罚款；情节较重的", "五百元以下罚款；情节较重的", 1), encoding="utf-8")
    result = run("--check", "--registry", str(registry_copy))
    assert result.returncode == 1 and "zhian-2026.yaml" in result.stdout and "articles" in result.stdout
    assert path.read_text(encoding="utf-8") != original, "--check must not write"
    assert run("--registry", str(registry_copy)).returncode == 0
    assert path.read_text(encoding="utf-8") == original


def test_check_reports_a_wrong_count_and_map_row(corpus_dir, registry_copy: Path) -> None:
    path = registry_copy / "zhian-2026.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("article_count: 144", "article_count: 143").replace('  "42": "50"', '  "42": "49"'),
                    encoding="utf-8")
    out = run("--check", "--registry", str(registry_copy)).stdout
    assert "article_count: registry has 143, corpus gives 144" in out
    assert "article_map: differs for 42" in out


def test_sync_keeps_hand_written_keys(corpus_dir, registry_copy: Path) -> None:
    path = registry_copy / "minfadian.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(path.read_text(encoding="utf-8").replace("structure:", "structure: {}\nold_structure:", 1),
                    encoding="utf-8")  # corrupt only a generated part
    assert run("--registry", str(registry_copy)).returncode == 0
    again = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert again.pop("old_structure")  # unknown hand key kept
    assert again == data and list(again) == list(data)


def test_add_article(corpus_dir, registry_copy: Path) -> None:
    assert run("--registry", str(registry_copy), "--add", "xingfa", "234", "120-1").returncode == 0
    articles = yaml.safe_load((registry_copy / "xingfa.yaml").read_text(encoding="utf-8"))["articles"]
    assert articles["234"].startswith("故意伤害他人身体的")
    assert "120-1" in articles and list(articles).index("120-1") < list(articles).index("196")


@pytest.mark.parametrize(("args", "fragments"), [
    (["--add", "no-such-law", "1"], ["unknown registry id 'no-such-law'"]),
    (["--add", "xingfa", "453"], ["article 453 does not exist", "1..452"]),
    (["--add", "xingfa", "第一条"], ["write it as digits"]),
    (["--add", "hetongfa", "1"], ["no corpus_file"]),
    (["--add", "xingfa"], ["needs a registry id and at least one article"]),
    (["--corpus", "/nonexistent/shared/laws"], ["statute corpus not found"]),
])
def test_bad_input(corpus_dir, registry_copy: Path, args: list[str], fragments: list[str]) -> None:
    before = {p.name: p.read_text(encoding="utf-8") for p in registry_copy.iterdir()}
    assert_usage_error(run("--registry", str(registry_copy), *args), *fragments)
    assert before == {p.name: p.read_text(encoding="utf-8") for p in registry_copy.iterdir()}


def test_broken_yaml_is_reported_with_file_and_line(corpus_dir, registry_copy: Path) -> None:
    path = registry_copy / "fanzha.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: 法律", "kind: [法律", 1), encoding="utf-8")
    result = run("--check", "--registry", str(registry_copy))
    assert_usage_error(result, "fanzha.yaml:")
    assert any(ch.isdigit() for ch in result.stderr.split("fanzha.yaml:")[1][:4])


def test_article_that_vanished_from_the_corpus_is_reported(corpus_dir, registry_copy: Path) -> None:
    path = registry_copy / "zhengxin.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('  "16": |-', '  "99": |-', 1), encoding="utf-8")
    assert_usage_error(run("--check", "--registry", str(registry_copy)), "articles 99 do not exist")


@given(st.integers(min_value=1, max_value=9999))
def test_numeral_parser_inverts_statute_numerals(sync_module, n: int) -> None:
    assert sync_module.cn_to_int(int_to_cn(n)) == n
