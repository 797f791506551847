"""What the publishing tests share: the three editions built with SITE_URL, REPORT_ERROR_EMAIL and REPO_URL set, each into
a temporary folder (side by side: the PDF takes longest), for the tests in this folder (conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from sitebuild.editions import CONFIG_FILES, load_edition

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = "https://example.org/guide/"
REPORT_EMAIL = "errors@example.org"
REPO = "https://github.com/example/guide"
PUBLISHING_ENV = {"SITE_URL": SITE_URL, "REPORT_ERROR_EMAIL": REPORT_EMAIL, "REPO_URL": REPO}
NAMES = load_edition("web", ROOT).downloads


def engine_build(config: str, site_dir: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--config-file", config,
           "--site-dir", str(site_dir)]
    return subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")


@dataclass(frozen=True)
class Published:
    web: Path
    offline: Path
    pdf_site: Path

    @property
    def handbook(self) -> Path:
        return self.pdf_site / NAMES.handbook

    @property
    def handout_pdf(self) -> Path:
        return self.web / NAMES.folder / NAMES.handout_pdf


