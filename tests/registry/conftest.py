"""Shared fixtures for the registry tests: the law files and map files of data/laws, read with PyYAML
directly (not through the lawcite loader), an independent reader of the texts (corpus_oracle), and
the registry as the lawcite loader builds it — so the tests compare two readings of the same texts."""
from __future__ import annotations

from typing import Any

import pytest

from corpus_oracle import CorpusFile
from lawcite import Registry, load_registry
from registry_files import REGISTRY_DIR, load_entries, load_maps


@pytest.fixture(scope="session")
def entries() -> dict[str, dict[str, Any]]:
    found = load_entries()
    assert found, f"no law files in {REGISTRY_DIR}"
    return found


@pytest.fixture(scope="session")
def maps() -> dict[str, dict[str, Any]]:
    return load_maps()


@pytest.fixture(scope="session")
def corpus() -> dict[str, CorpusFile]:
    """Every law file with a text, read by the oracle: {file stem: CorpusFile}."""
    files = [CorpusFile(p) for p in sorted(REGISTRY_DIR.glob("*.md"))]
    return {f.path.stem: f for f in files if f.has_body}


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(REGISTRY_DIR)
