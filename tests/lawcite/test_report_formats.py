"""The checker's SARIF 2.1.0 and GitHub Actions output, validated against the vendored SARIF schema."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest

from lawcite_paths import FIXTURES, run_check_refs as run

FIX = ["--registry", str(FIXTURES / "laws"), "--as-of", "2026-11-29"]
SCHEMA = Path(__file__).resolve().parent / "sarif" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"  # as vendored (sarif/SOURCE.md)


@pytest.fixture()
def pages(tmp_path: Path) -> Path:
    d = tmp_path / "docs"
    d.mkdir()
    (d / "good.md").write_text("---\ntitle: t\n---\n\n依照《刑法》第二百三十八条第三款处理。\n", encoding="utf-8")
    (d / "bad.md").write_text(
        "见《合同法》第二百零六条。\n\n依据《治安管理处罚法》第42条公然侮辱他人或捏造事实诽谤他人的处五日以下拘留或五百元以下罚款。\n\n"
        "《人民民法典》第674条\n\n原《合同法》第二百零六条规定：“借款人应当按照约定的期限返还借款。”\n", encoding="utf-8")
    return d


def test_the_vendored_schema_is_the_official_one() -> None:
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert json.loads(SCHEMA.read_text(encoding="utf-8"))["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")


def test_sarif_validates_and_has_one_result_per_finding(pages: Path) -> None:
    r = run(str(pages), "--format", "sarif", *FIX)
    assert r.returncode == 1, r.stderr
    log = json.loads(r.stdout)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    as_json = json.loads(run(str(pages), "--format", "json", *FIX).stdout)
    problems = [c for c in as_json["citations"] if c["severity"] != "ok"]
    (run_,) = log["runs"]
    results = run_["results"]
    assert run_["columnKind"] == "unicodeCodePoints"
    assert [(x["ruleId"], x["level"]) for x in results] == [(c["status"], c["severity"]) for c in problems]
    rules = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    for x, c in zip(results, problems):
        assert rules[x["ruleIndex"]] == x["ruleId"]
        loc = x["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"].endswith(Path(c["path"]).name)
        region = loc["region"]
        assert (region["startLine"], region["startColumn"], region["snippet"]["text"]) == (c["line"], c["column"], c["text"])
        assert region["endColumn"] == c["column"] + len(c["text"])
        assert x["message"]["text"] == c["message"]
        assert ("fixes" in x) == (c["suggestion"] is not None)


def test_sarif_fixes_replace_what_the_suggestion_names(pages: Path) -> None:
    log = json.loads(run(str(pages / "bad.md"), "--format", "sarif", *FIX).stdout)
    fixes = {x["ruleId"]: x["fixes"][0] for x in log["runs"][0]["results"] if "fixes" in x}
    # a title: only the law's name is replaced; an article: the whole citation
    title = fixes["unknown-law"]["artifactChanges"][0]["replacements"][0]
    assert title["insertedContent"]["text"] == "《中华人民共和国民法典》"
    assert (title["deletedRegion"]["startColumn"], title["deletedRegion"]["endColumn"]) == (1, 1 + len("《人民民法典》"))
    article = fixes["superseded"]["artifactChanges"][0]["replacements"][0]
    assert article["insertedContent"]["text"] == "《中华人民共和国治安管理处罚法》第五十条"
    assert article["deletedRegion"]["endColumn"] - article["deletedRegion"]["startColumn"] == len("《治安管理处罚法》第42条")
    assert fixes["superseded"]["description"]["text"] == "改为 《中华人民共和国治安管理处罚法》第五十条"


def test_github_workflow_commands(pages: Path, tmp_path: Path) -> None:
    odd = tmp_path / "a,b:c.md"  # commas and colons in a path are escaped in a property
    odd.write_text("见《合同法》第二百零六条。\n", encoding="utf-8")
    r = run(str(pages), str(odd), "--format", "github", *FIX)
    lines = r.stdout.strip().splitlines()
    assert lines[-1] == "3 files, 6 citations: 4 errors, 1 warning"
    commands = lines[:-1]
    assert len(commands) == 5
    assert commands[0].startswith(f"::error file={pages / 'bad.md'},line=1,col=2,endLine=1,endColumn=13,title=lawcite repealed::")
    assert "（建议：《中华人民共和国民法典》）" in commands[0]
    assert any(c.startswith("::warning ") and "title=lawcite quote-unchecked" in c for c in commands)
    assert commands[-1].startswith("::error file=") and "a%2Cb%3Ac.md" in commands[-1]


def test_formats_leave_the_exit_status_and_stderr_alone(pages: Path) -> None:
    for fmt in ("text", "json", "sarif", "github"):
        r = run(str(pages / "good.md"), "--format", fmt, *FIX)
        assert (r.returncode, r.stderr) == (0, ""), fmt
