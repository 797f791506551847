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


def mkdocs_build(
    config: Path, site: Path, *, disable: bool = False, env: dict[str, str] | None = None, strict: bool = True
) -> Build:
    """Run `mkdocs build --strict` (or --no-strict) from the project root (where data/laws resolves)."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    environ.pop("LAWCITE_DISABLE", None)
    if disable:
        environ["LAWCITE_DISABLE"] = "1"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict" if strict else "--no-strict", "-f", str(config), "-d", str(site)],
        cwd=REPO, env=environ, capture_output=True, text=True, encoding="utf-8", check=False,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


def copy_fixture(dest: Path) -> Path:
    """A copy of the fixture site in `dest`, its paths into the project made absolute; returns its mkdocs.yml."""
    shutil.copytree(FIXTURE, dest)
    config = dest / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("../../../", REPO.as_posix() + "/")
    config.write_text(text, encoding="utf-8")
    return config
