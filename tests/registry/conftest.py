"""Shared fixtures for the registry tests: the YAML files (read with PyYAML directly, not through
the lawcite loader) and the statute corpus in ../shared/laws (tests needing it skip with a reason
when it is absent)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_oracle import CorpusFile  # noqa: E402
from registry_files import CORPUS_DIR, REGISTRY_DIR, SYNC_SCRIPT, load_entries  # noqa: E402


@pytest.fixture(scope="session")
def entries() -> dict[str, dict[str, Any]]:
    found = load_entries()
    assert found, f"no registry files in {REGISTRY_DIR}"
    return found


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"statute corpus not found at {CORPUS_DIR}: checks against the official texts skipped")
    return CORPUS_DIR


@pytest.fixture(scope="session")
def corpus(corpus_dir: Path) -> dict[str, CorpusFile]:
    return {p.name: CorpusFile(p) for p in sorted(corpus_dir.glob("*@*.md"))}


@pytest.fixture(scope="session")
def sync_module():
    spec = importlib.util.spec_from_file_location("sync_registry", SYNC_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["sync_registry"] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module
