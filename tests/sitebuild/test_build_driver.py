"""The build driver (sitebuild.build): what makes an edition's inputs, when a build is skipped, in which order
the editions run, and how a failure is reported."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sitebuild import inputs
from sitebuild.build import Driver
from sitebuild.editions import CONFIG_FILES, env_names, load_editions
from sitebuild.errors import BuildError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of everything a build reads (inputs.INPUTS and the configurations), to change at will."""
    for rel in (*inputs.INPUTS, *CONFIG_FILES.values()):
        source = ROOT / rel
        if source.is_dir():
            shutil.copytree(source, tmp_path / rel, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tmp_path / rel)
    return tmp_path


def _digests(root: Path) -> dict[str, str]:
    driver = Driver(root, force=False)
    return {e: driver.digest(e) for e in CONFIG_FILES}


def test_editions_are_read_from_the_configurations() -> None:
    editions = load_editions(ROOT)
    assert editions["web"].site_dir == ROOT / "site"
    assert editions["pdf"].site_dir == ROOT / "build" / "pdf-site" and editions["pdf"].extra["edition"] == "pdf"
    assert [p.name for p in editions["offline"].config_chain] == ["mkdocs.offline.yml", "mkdocs.yml"]
    assert editions["pdf"].downloads == editions["web"].downloads, "the download names are written once, in mkdocs.yml"
    assert env_names('a: !ENV [REPORT_ERROR_URL, ""]\nb: !ENV SITE_URL\nc: !ENV [X, Y, "z"]') == ["REPORT_ERROR_URL", "SITE_URL", "X", "Y"]


def test_a_changed_page_changes_every_edition_and_a_touch_none(project: Path) -> None:
    before = _digests(project)
    page = project / "docs" / "door.md"
    os.utime(page, (time.time() + 60, time.time() + 60))
    assert _digests(project) == before, "a newer date with the same content must not trigger a build"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = _digests(project)
    assert all(after[e] != before[e] for e in CONFIG_FILES), (before, after)


def test_configuration_environment_and_build_date_are_inputs(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _digests(project)
    monkeypatch.setenv("REPORT_ERROR_EMAIL", "someone@example.org")
    with_address = _digests(project)
    assert all(with_address[e] != before[e] for e in CONFIG_FILES)
    monkeypatch.delenv("REPORT_ERROR_EMAIL")
    monkeypatch.setenv("SITE_BUILD_DATE", "2025-08-01")
    assert all(d != before[e] for e, d in _digests(project).items())
    monkeypatch.delenv("SITE_BUILD_DATE")
    pdf_config = project / "mkdocs.pdf.yml"
    pdf_config.write_text(pdf_config.read_text(encoding="utf-8").replace("toc_level: 2", "toc_level: 3"), encoding="utf-8")
    changed = _digests(project)
    assert changed["pdf"] != before["pdf"] and changed["web"] == before["web"] and changed["offline"] == before["offline"]


def test_stamp_holds_only_while_the_outputs_are_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    out.write_bytes(b"%PDF one")
    inputs.write_stamp(tmp_path, "pdf", "abc", [out])
    assert inputs.is_fresh(tmp_path, "pdf", "abc")
    assert not inputs.is_fresh(tmp_path, "pdf", "abd"), "other inputs"
    out.write_bytes(b"%PDF two")
    assert not inputs.is_fresh(tmp_path, "pdf", "abc"), "the output was changed after the build"
    inputs.write_stamp(tmp_path, "pdf", "abc", [out])
    out.unlink()
    assert not inputs.is_fresh(tmp_path, "pdf", "abc"), "the output is gone"


class _Recorder(Driver):
    """The driver's scheduling, with each build replaced by writing its output file (sizes given per run)."""

    def __init__(self, root: Path, sizes: dict[str, int]) -> None:
        super().__init__(root, force=False)
        self.sizes = sizes
        self.log: list[tuple[str, str, dict[str, str]]] = []  # (edition, event, sizes the web pages would state)
        self.lock = threading.Lock()

    def _note(self, edition: str, event: str) -> None:
        from sitebuild.downloads import displayed_sizes

        with self.lock:
            self.log.append((edition, event, displayed_sizes(self.names, self.staging)))

    def _write(self, edition: str, path: Path) -> list[Path]:
        self._note(edition, "start")
        time.sleep(0.2)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * self.sizes[edition])
        self._note(edition, "end")
        return [path]

    def build_pdf(self) -> list[Path]:
        return self._write("pdf", self.staging / self.names.handbook)

    def build_offline(self) -> list[Path]:
        return self._write("offline", self.staging / self.names.offline)

    def build_web(self) -> list[Path]:
        return self._write("web", self.editions["web"].site_dir / "index.html")


def _events(driver: _Recorder, edition: str) -> list[str]:
    return [event for e, event, _ in driver.log if e == edition]


def test_first_build_waits_for_the_sizes_then_nothing_to_do(project: Path) -> None:
    first = _Recorder(project, {"pdf": 2_700_000, "offline": 1_500_000, "web": 10})
    outcomes = {o.edition: o for o in first.build_all(jobs=2)}
    assert all(o.built for o in outcomes.values())
    web_start = first.log.index(next(entry for entry in first.log if entry[:2] == ("web", "start")))
    assert web_start == 4 and first.log[web_start][2] == {first.names.handbook: "2.7 MB", first.names.offline: "1.5 MB"}
    again = _Recorder(project, {"pdf": 2_700_000, "offline": 1_500_000, "web": 10})
    assert [o.note for o in again.build_all(jobs=2)] == ["skipped: inputs unchanged"] * 3 and again.log == []


def test_changed_page_web_runs_alongside_and_again_only_if_a_size_changes(project: Path) -> None:
    _Recorder(project, {"pdf": 2_700_000, "offline": 1_500_000, "web": 10}).build_all(jobs=2)
    page = project / "docs" / "door.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    same_size = _Recorder(project, {"pdf": 2_710_000, "offline": 1_500_000, "web": 10})
    outcomes = {o.edition: o for o in same_size.build_all(jobs=2)}
    assert _events(same_size, "web") == ["start", "end"] and outcomes["web"].built and not outcomes["web"].note
    assert same_size.log[:2] == [("pdf", "start", same_size.log[0][2]), ("web", "start", same_size.log[1][2])], same_size.log
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    bigger = _Recorder(project, {"pdf": 3_100_000, "offline": 1_500_000, "web": 10})
    outcomes = {o.edition: o for o in bigger.build_all(jobs=2)}
    assert _events(bigger, "web") == ["start", "end", "start", "end"], bigger.log
    assert bigger.log[-2][2][bigger.names.handbook] == "3.1 MB" and outcomes["web"].note == "built twice: a size it states changed"


def test_a_failed_download_is_not_left_to_be_linked(project: Path) -> None:
    class Failing(_Recorder):
        def build_pdf(self) -> list[Path]:
            raise BuildError("error: the PDF failed")

    _Recorder(project, {"pdf": 2_700_000, "offline": 1_500_000, "web": 10}).build_all(jobs=2)
    (project / "docs" / "door.md").write_text("changed\n", encoding="utf-8")
    failing = Failing(project, {"pdf": 1, "offline": 1_500_000, "web": 10})
    outcomes = {o.edition: o for o in failing.build_all(jobs=2)}
    assert str(outcomes["pdf"].error) == "error: the PDF failed"
    assert not (failing.staging / failing.names.handbook).exists(), "the PDF of the last build would be linked as current"
    assert not inputs.stamp_path(project, "pdf").exists() and not inputs.stamp_path(project, "web").exists()


def test_bad_build_date_is_one_line_and_no_build(tmp_path: Path) -> None:
    env = {**os.environ, "SITE_BUILD_DATE": "2025-13-01"}
    proc = subprocess.run([sys.executable, "-m", "sitebuild.build"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip() == "error: SITE_BUILD_DATE='2025-13-01' is not a date: write YYYY-MM-DD (e.g. SITE_BUILD_DATE=2025-08-01), or unset it for today"
    assert "build: " not in proc.stdout


def test_second_run_skips_every_edition(strict_build: subprocess.CompletedProcess[str]) -> None:
    """After the session's build, nothing changed: the driver skips all three editions."""
    assert strict_build.returncode == 0, strict_build.stderr[-2000:]
    proc = subprocess.run([sys.executable, "-m", "sitebuild.build"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    for edition in ("web", "pdf", "offline"):
        assert f"build: {edition:8} skipped: inputs unchanged" in proc.stdout, proc.stdout
