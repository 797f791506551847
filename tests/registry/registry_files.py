"""Where the registry tests find things, and the law files read with PyYAML directly (not through the
lawcite loader). A module of its own, not conftest.py: several conftest modules exist in tests/ and
importing from "conftest" could pick up another one."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
REGISTRY_DIR = REPO_ROOT / "data" / "laws"
SCRIPTS = REPO_ROOT / "scripts"
LAWS_SCRIPT = SCRIPTS / "laws.py"


def load_entries() -> dict[str, dict[str, Any]]:
    """{file stem: front matter + "_file" + "_body"} for every law file, read independently of lawcite."""
    entries: dict[str, dict[str, Any]] = {}
    for path in sorted(REGISTRY_DIR.glob("*.md")):
        raw = path.read_text(encoding="utf-8")
        _, front, body = raw.split("---\n", 2)
        data = yaml.safe_load(front)
        data["_file"] = path.name
        data["_body"] = body
        entries[path.stem] = data
    return entries


def load_maps() -> dict[str, dict[str, Any]]:
    """{id of the version mapped to: the map file's data} for every *.map.yaml."""
    return {p.name.removesuffix(".map.yaml"): yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(REGISTRY_DIR.glob("*.map.yaml"))}
