"""What the PDF handbook tests share: where the build puts things, and text normalisation."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
PDF = SITE / "downloads" / "shangmen-cuishou-mingbaizhi.pdf"
PDF_BUILD_LOG = ROOT / "build" / "pdf-build.log"
WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text without any whitespace: PDF text extraction breaks lines wherever the layout did."""
    return WHITESPACE.sub("", text).replace("\u00b6", "")
