"""The command line on the inputs of other people's repositories: stale pages, suppression markers and
levels, files that cannot be read, folders it must not walk into, byte-order marks, odd file names,
long lists and output that cannot be written. Each case gave a wrong or silent result before."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from lawcite import find_citations, load_registry
from lawcite.changes import page_staleness, stale_line
from lawcite.check import check_citations
from lawcite.files import SUFFIXES, collect
from lawcite_paths import CHECK_REFS, LAWS, REPO, run_check_refs as run

AS_OF = ["--as-of", "2026-11-29"]
SCHEMA = Path(__file__).resolve().parent / "sarif" / "sarif-schema-2.1.0.json"
STALE_PAGE = "---\nreviewed: 2020-06-01\n---\n\n借款人应当按期还款（《合同法》第二百零六条）。\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def as_json(r: subprocess.CompletedProcess[str]) -> dict:  # type: ignore[type-arg]
    assert "Traceback" not in r.stderr, r.stderr
    return json.loads(r.stdout)


# --- stale pages ---------------------------------------------------------------------------------

def test_a_stale_page_is_a_finding_and_an_error_under_strict(tmp_path: Path) -> None:
    page = write(tmp_path / "old.md", STALE_PAGE)
    lenient = run(str(page), *AS_OF)
    assert lenient.returncode == 0  # the citation itself is right on the page's reviewed date
    assert f"{page}:2:1: warning: stale-page: reviewed 2020-06-01, but 《合同法》 (repealed on 2021-01-01" in lenient.stdout
    strict = run(str(page), "--strict", *AS_OF)
    assert strict.returncode == 1 and f"{page}:2:1: error: stale-page:" in strict.stdout
    (problem,) = as_json(run(str(page), "--strict", "--format", "json", *AS_OF))["problems"]
    assert (problem["code"], problem["severity"], problem["line"]) == ("stale-page", "error", 2)
    # judged at a date before the repeal, the page is not stale
    assert "stale-page" not in run(str(page), "--as-of", "2020-12-31").stdout


def test_the_site_build_and_the_command_line_say_the_same(tmp_path: Path) -> None:
    # one rule (lawcite.changes): the MkDocs hook logs stale_line, the command line reports its message
    page = write(tmp_path / "old.md", STALE_PAGE)
    registry = load_registry(LAWS)
    from datetime import date

    findings = check_citations(find_citations(STALE_PAGE, registry), registry, date(2020, 6, 1))
    staleness = page_staleness(findings, registry, date(2020, 6, 1), date(2026, 11, 29))
    assert staleness is not None
    (problem,) = as_json(run(str(page), "--format", "json", *AS_OF))["problems"]
    assert stale_line(str(page), 0, staleness) == f"{page}: stale: {problem['message']}"


# --- suppression and levels ------------------------------------------------------------------------

def test_an_inline_marker_suppresses_a_finding_on_its_line(tmp_path: Path) -> None:
    page = write(tmp_path / "p.md", (
        "依照《劳动合同法》第三十八条。<!-- lawcite: ignore[unregistered-law] -->\n\n"
        "依照《劳动合同法》第三十九条。\n\n"
        "见《人民民法典》第十条。<!-- lawcite: ignore[unregistered-law] -->\n\n"
        "见《人民民法典》第十一条。<!-- lawcite: ignore -->\n"))
    data = as_json(run(str(page), "--format", "json", *AS_OF))
    assert [(c["line"], c["status"], c["severity"], c.get("suppressed", False)) for c in data["citations"]] == [
        (1, "unregistered-law", "ok", True), (3, "unregistered-law", "warning", False),
        (5, "unknown-law", "error", False),  # another code than the one named is still reported
        (7, "unknown-law", "ok", True)]
    stale = write(tmp_path / "stale.md", STALE_PAGE.replace("reviewed: 2020-06-01", "reviewed: 2020-06-01  # lawcite: ignore[stale-page]"))
    assert run(str(stale), "--strict", *AS_OF).returncode == 0


def test_levels_and_fail_on(tmp_path: Path) -> None:
    page = write(tmp_path / "p.md", "依照《劳动合同法》第三十八条。\n")
    assert run(str(page), *AS_OF).returncode == 0
    assert run(str(page), "--fail-on", "warning", *AS_OF).returncode == 1
    assert run(str(page), "--level", "unregistered-law=error", *AS_OF).returncode == 1
    off = run(str(page), "--level", "unregistered-law=off", "--strict", *AS_OF)
    assert (off.returncode, off.stdout) == (0, "1 file, 1 citation: 0 errors, 0 warnings\n")
    bad = write(tmp_path / "bad.md", "见《人民民法典》第十条。\n")
    assert run(str(bad), "--fail-on", "never", *AS_OF).returncode == 0
    wrong = run(str(bad), "--level", "no-such-status=off")
    assert wrong.returncode == 2 and "CODE=LEVEL" in wrong.stderr and "Traceback" not in wrong.stderr


# --- files that cannot be read, and the run goes on -------------------------------------------------

def test_problems_are_per_file_and_the_run_goes_on(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    write(docs / "a.md", "见《人民民法典》第十条。\n")
    (docs / "b.md").write_bytes("见《合同法》第二百零六条。\n".encode("gb18030"))  # not UTF-8
    (docs / "c.md").symlink_to(docs / "missing.md")                               # cannot be read
    write(docs / "d.md", "见《民法典》第一千三百条。\n")
    r = run(str(docs), "--format", "sarif", *AS_OF)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    log = json.loads(r.stdout)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    found = sorted((x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].rsplit("/", 1)[-1], x["ruleId"])
                   for x in log["runs"][0]["results"])
    assert found == [("a.md", "unknown-law"), ("b.md", "not-utf8"), ("c.md", "unreadable"), ("d.md", "no-such-article")]
    text = run(str(docs), *AS_OF).stdout
    assert f"{docs / 'b.md'}:1:1: error: not-utf8: not UTF-8 (byte 0): save the file as UTF-8" in text
    assert text.endswith("4 files, 2 citations: 4 errors, 0 warnings\n")


def test_an_unreadable_folder_is_an_error_not_zero_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the tests may run as root, who can read any folder: the refusal is the operating system's answer, faked
    locked = tmp_path / "docs" / "locked"
    write(locked / "x.md", "x")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    files, problems = collect([str(tmp_path / "docs")])
    assert files == [] and [(p.path, p.code) for p in problems] == [(str(locked), "unreadable")]
    assert "Permission denied" in problems[0].message


def test_a_byte_order_mark_hides_nothing(tmp_path: Path) -> None:
    page = tmp_path / "bom.md"
    page.write_bytes(b"\xef\xbb\xbf" + STALE_PAGE.replace("\n\n", "\n\n《人民民法典》第十条\n\n").encode("utf-8"))
    data = as_json(run(str(page), "--format", "json", *AS_OF))
    assert [(c["line"], c["column"], c["status"]) for c in data["citations"]][0] == (5, 1, "unknown-law")
    assert [p["code"] for p in data["problems"]] == ["stale-page"]  # the reviewed: date was read


@pytest.mark.parametrize("suffix", [".markdown", ".mdown", ".mkd"])
def test_every_markdown_suffix_is_read_as_markdown(suffix: str, tmp_path: Path) -> None:
    page = write(tmp_path / f"page{suffix}", "```\n《民法典》第一千三百条\n```\n\n《民法典》第一千零三十二条\n")
    data = as_json(run(str(tmp_path), "--format", "json", *AS_OF))
    assert [(c["line"], c["status"]) for c in data["citations"]] == [(5, "ok")], page


def test_the_pre_commit_hook_passes_every_suffix() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert all(re.search(hook["files"], f"docs/page{s}") for s in SUFFIXES)


def test_default_excludes_and_exclude(tmp_path: Path) -> None:
    bad = "见《人民民法典》第十条。\n"
    for folder in (".venv/lib", "venv", "node_modules/pkg", ".git", ".cache", "docs/drafts"):
        write(tmp_path / folder / "README.md", bad)
    write(tmp_path / "docs" / "page.md", bad)
    r = subprocess.run([sys.executable, str(CHECK_REFS), ".", "--exclude", "drafts", *AS_OF],
                       capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert r.stdout.splitlines() == [
        "docs/page.md:1:2: error: unknown-law: 《人民民法典》不在法规登记表（lawcite 自带的登记表）中；是否指《中华人民共和国民法典》？ "
        "(suggestion: 《中华人民共和国民法典》)",
        "1 file, 1 citation: 1 error, 0 warnings"]  # paths relative to where it ran; no install path
    named = run(str(tmp_path / "node_modules"), *AS_OF)  # a folder named on the command line is read
    assert named.stdout.endswith("1 file, 1 citation: 1 error, 0 warnings\n")


def test_a_file_name_that_is_not_utf8_does_not_crash_sarif(tmp_path: Path) -> None:
    name = os.fsdecode(b"p\xe9.md")  # Latin-1 é
    write(tmp_path / name, "见《人民民法典》第十条。\n")
    r = run(str(tmp_path), "--format", "sarif", *AS_OF)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    (result,) = json.loads(r.stdout)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("/p%E9.md")
    for fmt in ("text", "json", "github"):
        out = run(str(tmp_path), "--format", fmt, *AS_OF)
        assert out.returncode == 1 and "p\ufffd.md" in out.stdout and "Traceback" not in out.stderr, fmt


def test_a_list_longer_than_the_extractor_reads_is_a_warning(tmp_path: Path) -> None:
    page = write(tmp_path / "long.md", "《民法典》" + "、".join(f"第{i}条" for i in range(1, 71)) + "。\n")
    data = as_json(run(str(page), "--format", "json", *AS_OF))
    assert len(data["citations"]) == 61
    (problem,) = data["problems"]
    assert (problem["code"], problem["severity"]) == ("list-cut", "warning") and "第61条" in problem["message"]


# --- output -------------------------------------------------------------------------------------

def test_a_full_disk_is_one_line_and_exit_2(tmp_path: Path) -> None:
    page = write(tmp_path / "p.md", "见《人民民法典》第十条。\n")
    with open("/dev/full", "w") as full:
        r = subprocess.run([sys.executable, str(CHECK_REFS), str(page)], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert r.returncode == 2 and r.stderr == "check_refs.py: cannot write the report: No space left on device\n"


def test_a_closed_pipe_is_one_line_and_exit_2(tmp_path: Path) -> None:
    page = write(tmp_path / "p.md", "见《人民民法典》第十条。\n\n" * 3000)  # far more than a pipe buffers
    p = subprocess.Popen([sys.executable, str(CHECK_REFS), str(page)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert p.stdout is not None and p.stderr is not None
    p.stdout.close()
    err = p.stderr.read().decode()
    assert p.wait(timeout=60) == 2 and err == "check_refs.py: cannot write the report: Broken pipe\n"


def test_help_lists_the_exit_codes() -> None:
    for cmd in ([sys.executable, str(CHECK_REFS), "--help"], [sys.executable, "-m", "lawcite.cli", "check", "--help"]):
        r = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO / "scripts", timeout=60)
        assert r.returncode == 0 and "exit status:" in r.stdout
        assert all(re.search(rf"^  {n}  ", r.stdout, re.MULTILINE) for n in (0, 1, 2)), r.stdout
