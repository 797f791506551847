"""scripts/check_refs.py as a subprocess: exit codes, JSON shape, text format, read-only."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lawcite_paths import FIXTURES, run_check_refs as run
from seed_quotes import SEED_SENTENCES

FIX = ["--registry", str(FIXTURES / "laws")]


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    (d / "good.md").write_text("---\ntitle: t\n---\n\n依照《刑法》第二百三十八条第三款处理。\n", encoding="utf-8")
    (d / "bad.md").write_text("见《合同法》第二百零六条。\n\n还有《刑法》第二百四十六条。\n", encoding="utf-8")
    (d / "page.html").write_text('<p title="《合同法》第1条">《民法典》第一千零二十四条</p>', encoding="utf-8")
    return d


def test_exit_0_when_clean(pages: Path) -> None:
    r = run(str(pages / "good.md"), "--as-of", "2026-11-29", *FIX)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "1 file, 1 citation: 0 errors, 0 warnings"


def test_exit_1_and_text_format(pages: Path) -> None:
    r = run(str(pages), "--as-of", "2026-11-29", *FIX)
    assert r.returncode == 1
    lines = r.stdout.strip().splitlines()
    assert lines[0] == (f"{pages / 'bad.md'}:1:2: error: repealed: 《中华人民共和国合同法》已于 2021-01-01 废止，"
                        "由《中华人民共和国民法典》取代 (suggestion: 《中华人民共和国民法典》)")
    assert lines[-1] == "3 files, 4 citations: 1 error, 0 warnings"


def test_json_shape(pages: Path) -> None:
    r = run(str(pages), "--format", "json", "--as-of", "2026-11-29", *FIX)
    data = json.loads(r.stdout)
    assert set(data) == {"version", "as_of", "citations", "summary"}
    assert data["version"] == 1 and data["as_of"] == "2026-11-29"
    assert data["summary"] == {"files": 3, "citations": 4, "errors": 1, "warnings": 0}
    spec_keys = {"path", "line", "column", "text", "law_as_written", "law", "version", "article", "article_sub",
                 "paragraph", "item", "through", "status", "severity", "message", "suggestion"}
    for c in data["citations"]:
        assert spec_keys <= set(c)
    html = [c for c in data["citations"] if c["path"].endswith("page.html")]
    source = (pages / "page.html").read_text(encoding="utf-8")
    col = source.index("《民法典》") + 1
    assert [(c["text"], c["column"], c["status"]) for c in html] == [("《民法典》第一千零二十四条", col, "ok")]


def test_front_matter_reviewed_date_wins(pages: Path) -> None:
    page = pages / "dated.md"
    page.write_text("---\nreviewed: 2020-06-01\n---\n\n《合同法》第二百零六条\n", encoding="utf-8")
    r = run(str(page), "--as-of", "2026-11-29", "--format", "json", *FIX)
    assert r.returncode == 0
    assert json.loads(r.stdout)["citations"][0]["status"] == "ok"


def test_never_modifies_files(pages: Path) -> None:
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in pages.iterdir()}
    run(str(pages), *FIX)
    run(str(pages), "--format", "json", *FIX)
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in pages.iterdir()} == before


@pytest.mark.parametrize(
    "args",
    [["--as-of", "2026-13-40"], ["--format", "xml"], ["/no/such/file.md"], ["--bogus"]],
)
def test_usage_errors_exit_2_without_traceback(args: list[str], pages: Path) -> None:
    r = run(str(pages), *args, *FIX)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and r.stderr.strip()
    assert r.stdout == ""


def test_broken_registry_exit_2_with_file_and_line(tmp_path: Path, pages: Path) -> None:
    laws = tmp_path / "laws"
    shutil.copytree(FIXTURES / "laws", laws)
    f = laws / "hetongfa.md"
    f.write_text(f.read_text(encoding="utf-8").replace("successor: minfadian", "successor: nowhere"), encoding="utf-8")
    r = run(str(pages), "--registry", str(laws))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    line = next(i for i, ln in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if ln.startswith("successor:"))
    assert f"{f}:{line}:" in r.stderr and "nowhere" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


def test_seed_acceptance(tmp_path: Path) -> None:
    """The seed article's citing sentences through the command: exit 1, the two findings with their suggestions."""
    seed = tmp_path / "seed.txt"
    seed.write_text("\n\n".join(SEED_SENTENCES) + "\n", encoding="utf-8")
    r = run(str(seed), "--as-of", "2026-11-29")
    assert r.returncode == 1
    out = r.stdout
    assert "unknown-law" in out and "《人民民法典》" in out and "民法典》)" in out
    assert "superseded" in out and "(suggestion: 《中华人民共和国治安管理处罚法》第五十条)" in out