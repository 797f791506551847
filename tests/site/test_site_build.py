"""`mkdocs build --strict` passes: no broken link, missing page date or other warning in the build."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path


def test_strict_build_passes(
    tmp_path: Path, strict_build: Callable[[Path], subprocess.CompletedProcess[str]]
) -> None:
    proc = strict_build(tmp_path / "site")
    log = (proc.stdout + proc.stderr).strip()
    assert proc.returncode == 0, (
        "`mkdocs build --strict` failed: every WARNING below aborts the build; fix each in the file it names.\n"
        + log[-6000:]
    )
    assert (tmp_path / "site" / "index.html").is_file(), "the build exited 0 but wrote no index.html"
