"""Paths the citation-library tests share (a module of its own: test files import it by this unique name;
two folders with a conftest each would clash on `from conftest import`)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "scripts"

# A small registry: symbolic links to some of the project's own law files (no second copy of a text).
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The official texts the project carries: data/laws/<law_slug>@<effective>.md.
LAWS = REPO / "data" / "laws"


def law_text(version_id: str) -> str:
    """The whole law file (front matter + official text) of one version, e.g. "minfadian@2021-01-01"."""
    return (LAWS / f"{version_id}.md").read_text(encoding="utf-8")


CHECK_REFS = SCRIPTS / "check_refs.py"


def run_check_refs(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """scripts/check_refs.py with these arguments, in a fresh interpreter."""
    return subprocess.run([sys.executable, str(CHECK_REFS), *args], capture_output=True, text=True, cwd=cwd,
                          timeout=60)
