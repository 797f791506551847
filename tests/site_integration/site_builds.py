"""Building the fixture site (a module of its own: test files import it by this unique name)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixture"


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
