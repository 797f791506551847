"""The PDF handbook: mkdocs.pdf.yml -> build/downloads/<extra.downloads.handbook>.

The CJK font is checked before rendering; the build's whole output is kept in build/pdf-build.log, which
the tests read for missing-glyph warnings. Where the PDF is written (site_dir and the file name) is read
from the configuration (sitebuild.editions).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sitebuild import fonts
from sitebuild.downloads import STAGING_DIR
from sitebuild.editions import Edition
from sitebuild.errors import BuildError
from sitebuild.mkdocs_run import run_mkdocs_build

PDF_BUILD_LOG = Path("build/pdf-build.log")


def build_pdf(root: Path, edition: Edition) -> Path:
    """Build the handbook and stage it; return the staged file."""
    fonts.require_pdf_fonts()
    name = edition.downloads.handbook
    run_mkdocs_build(edition.config_file, root=root, log_path=root / PDF_BUILD_LOG, label=edition.name)
    rendered = edition.site_dir / name
    if not rendered.is_file():
        raise BuildError(f"error: {edition.config_file.name} built without writing {rendered}: is the to-pdf plugin enabled?")
    return stage(rendered, root / STAGING_DIR / name)


def stage(source: Path, target: Path) -> Path:
    """Copy into build/downloads/ in one step: the web build may read its size at any moment."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    shutil.copyfile(source, part)
    os.replace(part, target)
    return target
