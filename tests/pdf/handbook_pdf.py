"""What the PDF handbook tests share: where the build puts things, and text normalisation."""

from __future__ import annotations

import re
from pathlib import Path

from sitebuild.editions import load_edition
from sitebuild.pdf import PDF_BUILD_LOG as BUILD_LOG

ROOT = Path(__file__).resolve().parents[2]
_WEB = load_edition("web")
SITE = _WEB.site_dir
PDF = SITE / _WEB.downloads.folder / _WEB.downloads.handbook
PDF_BUILD_LOG = ROOT / BUILD_LOG
WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text without any whitespace: PDF text extraction breaks lines wherever the layout did."""
    return WHITESPACE.sub("", text).replace("\u00b6", "")
