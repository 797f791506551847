"""`lawcite` as a tool other projects install: the console command, how it finds a registry, the
wheel `pip install .` builds (grammar and laws inside it) and that wheel's command run from elsewhere,
and the pre-commit hook definition."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from lawcite_paths import FIXTURES, LAWS, REPO

VENV_BIN = Path(sys.executable).parent


def lawcite_command() -> Path:
    found = shutil.which("lawcite", path=str(VENV_BIN))
    assert found, "no `lawcite` command in the virtualenv: run ./tasks.sh test (it runs pip install -e .)"
    return Path(found)


def run(cmd: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "LAWCITE_REGISTRY"} | env
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=environment, timeout=120)


@pytest.fixture()
def citing_page(tmp_path: Path) -> Path:
    p = tmp_path / "page.md"
    p.write_text("---\nreviewed: 2026-11-29\n---\n\n见《合同法》第二百零六条。《民法典》第六百七十五条。\n", encoding="utf-8")
    return p


def test_the_console_command_gives_what_check_refs_gives(citing_page: Path) -> None:
    for fmt in ("text", "json", "sarif", "github"):
        installed = run([str(lawcite_command()), "check", str(citing_page), "--format", fmt], REPO)
        script = run([sys.executable, str(REPO / "scripts" / "check_refs.py"), str(citing_page), "--format", fmt], REPO)
        assert (installed.returncode, installed.stdout) == (script.returncode, script.stdout), fmt
        assert installed.returncode == 1


def test_the_command_line_and_its_usage_errors(citing_page: Path) -> None:
    r = run([str(lawcite_command()), "--version"], REPO)
    assert r.returncode == 0 and r.stdout.startswith("lawcite ")
    for args in ([], ["chek", str(citing_page)], ["check", str(citing_page), "--format", "xml"], ["check", "/no/such.md"]):
        r = run([str(lawcite_command()), *args], REPO)
        assert r.returncode == 2 and r.stderr.strip() and "Traceback" not in r.stderr and r.stdout == "", args


def test_how_the_registry_is_found(citing_page: Path, tmp_path: Path) -> None:
    cmd = [str(lawcite_command()), "check", str(citing_page), "--format", "json"]
    # from a folder with no registry: the one that comes with lawcite (here: this repository's, lawcite runs from its source)
    assert '"law": "中华人民共和国民法典"' in run(cmd, tmp_path).stdout
    # $LAWCITE_REGISTRY names another one: an empty folder is a registry error naming it
    empty = tmp_path / "laws"
    empty.mkdir()
    r = run(cmd, tmp_path, LAWCITE_REGISTRY=str(empty))
    assert r.returncode == 2 and str(empty) in r.stderr and "no law files" in r.stderr
    # an unrelated ./data/laws in the folder the command runs in is not taken by itself ...
    project = tmp_path / "project"
    shutil.copytree(FIXTURES / "laws", project / "data" / "laws")
    (project / "data" / "laws" / "minfadian@2021-01-01.md").unlink()
    (project / "data" / "laws" / "hetongfa.md").unlink()
    assert '"law": "中华人民共和国民法典"' in run(cmd, project).stdout
    # ... only when named: --registry-only with it, or .lawcite.yaml naming it (added to the built-in one)
    alone = run([*cmd, "--registry-only", "--registry", "data/laws"], project).stdout
    assert '"law": null' in alone and '"status": "unknown-law"' not in alone  # 合同法 is now a law it does not hold
    (project / ".lawcite.yaml").write_text("registry: data/laws\n", encoding="utf-8")
    assert '"law": "中华人民共和国民法典"' in run(cmd, project).stdout


def test_registry_adds_a_folder_to_the_built_in_one(tmp_path: Path) -> None:
    """--registry DIR with one law of the project's own: that law is checked, and so are the built-in ones."""
    own = tmp_path / "laws"
    own.mkdir()
    (own / "laodongfa@2018-12-29.md").write_text(
        "---\ntitle: 中华人民共和国劳动法\nshort: 劳动法\nkind: 法律\nissuer: 全国人民代表大会常务委员会\n"
        "adopted: 2018-12-29\neffective: 2018-12-29\nsource: null\nchecked: 2026-11-29\nchecked_against: a test fixture\nnote: a test fixture, not the official text\n"
        "provenance:\n  text: test\n  cross_checked: [\"nothing: a test fixture\"]\n  official_article_count: 2\n  normalised: none\n---\n\n"
        "第一条 为了保护劳动者的合法权益，制定本法。\n\n第二条 在中华人民共和国境内的企业适用本法。\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("《劳动法》第二条，《劳动法》第三条，《民法典》第六百七十五条，《公司法》第三条。\n", encoding="utf-8")
    r = run([str(lawcite_command()), "check", str(page), "--format", "json", "--as-of", "2026-11-29", "--registry", str(own)], tmp_path)
    import json

    statuses = [(c["text"], c["status"]) for c in json.loads(r.stdout)["citations"]]
    assert statuses == [("《劳动法》第二条", "ok"), ("《劳动法》第三条", "no-such-article"),
                        ("《民法典》第六百七十五条", "ok"), ("《公司法》第三条", "unregistered-law")], r.stderr


def _unpacked_archive(tmp_path: Path) -> Path:
    """The repository as `git archive --format=zip` gives it (what a download of a tag is), unpacked."""
    from test_integrator_guide import repository_zip

    archive = repository_zip(tmp_path)
    source = tmp_path / "source"
    zipfile.ZipFile(archive).extractall(source)
    return source


def _wheel(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
                           "-w", str(out), "-q"], capture_output=True, text=True, timeout=300)


def test_the_wheel_holds_lawcite_alone_with_its_laws_and_licence(tmp_path: Path, citing_page: Path) -> None:
    """The wheel of a zip archive (no symlinks): lawcite only, the laws copied in, the licence and a command
    that checks a page from a folder with no registry of its own. setuptools builds out of the tree: a stale
    build/lib (a module deleted since) does not ship, and the project's build/ is not written."""
    source = _unpacked_archive(tmp_path)
    stale = source / "build" / "lib" / "lawcite" / "deleted_module.py"
    stale.parent.mkdir(parents=True)
    stale.write_text("raise ImportError\n", encoding="utf-8")
    before = sorted(p.relative_to(source) for p in source.rglob("*"))
    r = _wheel(source, tmp_path / "dist")
    assert r.returncode == 0, r.stderr
    assert sorted(p.relative_to(source) for p in source.rglob("*")) == before  # nothing written into the source
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names} == {"lawcite", wheel.name.split("-")[0] + "-" + wheel.name.split("-")[1] + ".dist-info"}
    assert "lawcite/grammar.yaml" in names and "lawcite/law_names.yaml" in names
    assert "lawcite/deleted_module.py" not in names and not any(n.startswith("sitebuild/") for n in names)
    laws = sorted(n.removeprefix("lawcite/laws/") for n in names if n.startswith("lawcite/laws/"))
    assert laws == sorted(f.name for f in LAWS.iterdir() if f.suffix in (".md", ".yaml"))
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("/METADATA"))).decode()
    assert "License-Expression: MIT" in metadata and "著作权法" in metadata  # the law texts' status, in the description
    assert any(n.endswith("/licenses/LICENSE") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "lawcite = lawcite.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    target = tmp_path / "site-packages"
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(target),
                        str(wheel), "-q"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    installed = run([str(target / "bin" / "lawcite"), "check", str(citing_page), "--format", "json"], elsewhere,
                    PYTHONPATH=str(target), LAWCITE_CACHE_DIR="off")
    assert installed.returncode == 1, installed.stderr
    assert '"status": "repealed"' in installed.stdout and '"law": "中华人民共和国民法典"' in installed.stdout
    assert str(target) in run([sys.executable, "-c", "import lawcite.registry as r; print(r.default_registry_path())"],
                              elsewhere, PYTHONPATH=str(target)).stdout


def test_building_without_law_files_fails(tmp_path: Path) -> None:
    source = _unpacked_archive(tmp_path)
    for f in (source / "data" / "laws").iterdir():
        f.unlink()
    r = _wheel(source, tmp_path / "dist")
    assert r.returncode != 0 and "no law files" in r.stdout + r.stderr
    assert not list((tmp_path / "dist").glob("*.whl")) if (tmp_path / "dist").exists() else True


def test_sitebuild_stays_importable_in_the_project_venv() -> None:
    r = subprocess.run([sys.executable, "-c", "import sitebuild.build, lawcite; print(lawcite.__file__)"],
                       capture_output=True, text=True, cwd="/", timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(REPO / "scripts" / "lawcite" / "__init__.py")


def test_the_pre_commit_hook_runs_the_command() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert (hook["id"], hook["entry"], hook["language"]) == ("lawcite", "lawcite check", "python")
    import re
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["lawcite"] == "lawcite.cli:main"
    assert all(re.search(hook["files"], name) for name in ("docs/a.md", "page.html", "notes.txt"))
    assert not any(re.search(hook["files"], name) for name in ("scripts/x.py", "data/laws/x.map.yaml"))
