"""The build passes: `python -m sitebuild.build` builds the web site, the PDF and the offline edition with
`--strict` (no broken link, missing page date, stale page or other warning) and skips an edition only when its
inputs are those of its last passing build."""

from __future__ import annotations

import subprocess
from pathlib import Path


def test_strict_build_passes(strict_build: subprocess.CompletedProcess[str], site_dir: Path) -> None:
    log = (strict_build.stdout + strict_build.stderr).strip()
    assert strict_build.returncode == 0, (
        "`python -m sitebuild.build` failed: every WARNING below aborts a strict build; fix each in the file it "
        "names (the whole output of each build is in build/<edition>-build.log).\n" + log[-6000:]
    )
    assert (site_dir / "index.html").is_file(), "the build exited 0 but wrote no index.html"
