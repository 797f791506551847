"""Session fixtures: the fixture site and the real site, each built once with `mkdocs build --strict`."""
from __future__ import annotations

from pathlib import Path

import pytest

from lawcite import Registry, load_registry
from site_builds import FIXTURE, REPO, Build, mkdocs_build


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
def real_site(site_dir: Path) -> Path:
    """The project's own site, built once per session by tests/conftest.py (strict)."""
    return site_dir


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(REPO / "data" / "laws")
