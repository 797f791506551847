"""Shared fixtures for the registry tests: the law files and map files of data/laws, read with PyYAML
directly (not through the lawcite loader), an independent reader of the texts (corpus_oracle), and
the registry as the lawcite loader builds it — so the tests compare two readings of the same texts."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_oracle import CorpusFile  # noqa: E402
from registry_files import REGISTRY_DIR, SCRIPTS, load_entries, load_maps  # noqa: E402

if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))


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
def registry():  # noqa: ANN201 - lawcite.Registry
    from lawcite import load_registry

    return load_registry(REGISTRY_DIR)
