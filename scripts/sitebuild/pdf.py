"""Step 2 of the build: the PDF handbook (mkdocs.pdf.yml → build/downloads/<PDF_NAME>).

The CJK font is checked before rendering; the build's whole output is kept in build/pdf-build.log,
which the tests read for missing-glyph warnings.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sitebuild import downloads, fonts
from sitebuild.mkdocs_run import run_mkdocs_build

PDF_CONFIG = "mkdocs.pdf.yml"
PDF_SITE_DIR = Path("build/pdf-site")  # must match site_dir in mkdocs.pdf.yml
PDF_BUILD_LOG = Path("build/pdf-build.log")
CHINA_TIME = dt.timezone(dt.timedelta(hours=8))


@dataclass(frozen=True)
class PdfResult:
    path: Path
    seconds: float
    size: int


def project_version(root: Path) -> str:
    with (root / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def build_date() -> str:
    """Today in China, or SOURCE_DATE_EPOCH's day for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), CHINA_TIME) if epoch else dt.datetime.now(CHINA_TIME)
    return moment.date().isoformat()


def edition_stamp(root: Path) -> dict[str, str]:
    """The version and date printed on the cover (read by mkdocs.pdf.yml / mkdocs.offline.yml)."""
    return {"HANDBOOK_VERSION": project_version(root), "HANDBOOK_DATE": build_date()}


def build_pdf(root: Path, env_extra: dict[str, str] | None = None) -> PdfResult:
    fonts.require_pdf_fonts()
    env = env_extra if env_extra is not None else edition_stamp(root)
    seconds = run_mkdocs_build(PDF_CONFIG, root=root, log_path=root / PDF_BUILD_LOG, env_extra=env)
    rendered = root / PDF_SITE_DIR / downloads.PDF_NAME
    if not rendered.is_file():
        raise SystemExit(f"error: {PDF_CONFIG} built without writing {rendered}; check the to-pdf plugin's output_path")
    target = root / downloads.STAGING_DIR / downloads.PDF_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(rendered, target)
    return PdfResult(path=target, seconds=seconds, size=target.stat().st_size)
