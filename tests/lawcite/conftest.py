"""Shared fixtures: a small registry built from real statute text, the project registry, ../shared."""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from lawcite_paths import FIXTURES, LAWS, REPO  # noqa: E402  (also puts scripts/ on sys.path)

from lawcite import Registry, load_registry  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _private_registry_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests' registries are cached in a temporary folder, not in the user's cache."""
    old = os.environ.get("LAWCITE_CACHE_DIR")
    os.environ["LAWCITE_CACHE_DIR"] = str(tmp_path_factory.mktemp("lawcite-cache"))
    yield
    if old is None:
        del os.environ["LAWCITE_CACHE_DIR"]
    else:
        os.environ["LAWCITE_CACHE_DIR"] = old


@pytest.fixture(scope="session")
def reg() -> Registry:
    """tests/lawcite/fixtures/laws: 民法典, 刑法, 治安管理处罚法 (2013 + 2026), 反电信网络诈骗法, 合同法."""
    return load_registry(FIXTURES / "laws")


@pytest.fixture(scope="session")
def project_registry() -> Registry:
    if not (REPO / "data" / "laws").is_dir():
        pytest.skip("data/laws is absent: the project registry has not been written yet")
    return load_registry()


@pytest.fixture(scope="session")
def shared_laws() -> Path:
    if not LAWS.is_dir():
        pytest.skip(f"{LAWS} is absent: the statute corpus (../shared/laws) is needed for this test")
    return LAWS
