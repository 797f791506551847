"""Where the registry tests find things, and the registry read with PyYAML directly (not through
the lawcite loader). A module of its own, not conftest.py: several conftest modules exist in tests/
and importing from "conftest" could pick up another one."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
REGISTRY_DIR = REPO_ROOT / "data" / "laws"
SHARED_DIR = REPO_ROOT.parent / "shared"
CORPUS_DIR = SHARED_DIR / "laws"
SYNC_SCRIPT = REPO_ROOT / "scripts" / "sync_registry.py"


def load_entries() -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    for path in sorted(REGISTRY_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["_file"] = path.name
        entries.setdefault(data["id"], data)
    return entries
