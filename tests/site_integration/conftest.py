"""Session fixtures: the fixture site and the real site, each built once with `mkdocs build --strict`."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixture"
HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))


@dataclass
class Build:
    returncode: int
    output: str
    site: Path


def mkdocs_build(config: Path, site: Path, *, disable: bool = False) -> Build:
    """Run `mkdocs build --strict` from the project root (where data/laws resolves)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("LAWCITE_DISABLE", None)
    if disable:
        env["LAWCITE_DISABLE"] = "1"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site)],
        cwd=REPO, env=env, capture_output=True, text=True, encoding="utf-8", check=False,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


def copy_fixture(dest: Path) -> Path:
    """A copy of the fixture site in `dest`, its hooks path made absolute; returns its mkdocs.yml."""
    shutil.copytree(FIXTURE, dest)
    config = dest / "mkdocs.yml"
    hooks = (REPO / "scripts" / "sitebuild" / "hooks.py").as_posix()
    text = config.read_text(encoding="utf-8").replace("../../../scripts/sitebuild/hooks.py", hooks)
    config.write_text(text, encoding="utf-8")
    return config


def _built(build: Build) -> Path:
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {build.returncode}):\n{build.output[-4000:]}")
    return build.site


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(mkdocs_build(FIXTURE / "mkdocs.yml", tmp_path_factory.mktemp("fixture") / "site"))


@pytest.fixture(scope="session")
def fixture_site_disabled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(mkdocs_build(FIXTURE / "mkdocs.yml", tmp_path_factory.mktemp("disabled") / "site", disable=True))


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(mkdocs_build(REPO / "mkdocs.yml", tmp_path_factory.mktemp("real") / "site"))


@pytest.fixture(scope="session")
def registry():  # noqa: ANN201 - lawcite.Registry
    from lawcite import load_registry

    return load_registry(REPO / "data" / "laws")
