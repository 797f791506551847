"""Shared fixtures: a small registry of real statute texts (fixtures/laws) and the project registry (data/laws)."""
from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from lawcite import Registry, load_registry
from lawcite_paths import FIXTURES, LAWS


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
    """tests/lawcite/fixtures/laws: 民法典, 刑法, 治安管理处罚法 (2013 + 2026, with the map), 反电信网络诈骗法,
    合同法 (by name only) — links to the files in data/laws."""
    return load_registry(FIXTURES / "laws")


@pytest.fixture(scope="session")
def project_registry() -> Registry:
    return load_registry(LAWS)
