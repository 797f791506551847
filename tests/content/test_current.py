"""Every page is current: no law it cites has a version that took effect after the page's reviewed date
(up to the build date, lawcite.builddate). A law update cannot land without the pages that cite it being
re-reviewed: this test names each stale page, the law, its versions and the citations that change."""
from __future__ import annotations

from pathlib import Path

import pytest

from lawcite import load_registry
from lawcite.builddate import build_date
from lawcite.changes import page_staleness, stale_line
from lawcite.frontmatter import reviewed_date
from lawcite.links import checked_citations, markdown_body
from sitebuild import glossary

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "docs").rglob("*.md"))


def _as_the_site_reads_it(path: Path) -> str:
    """The page's text, with the 术语表 page's glossary placeholder expanded as the build does."""
    text = path.read_text(encoding="utf-8")
    if glossary.PLACEHOLDER in text:
        terms = glossary.load_terms(str(ROOT / "data" / "glossary.yaml"))
        text = "\n".join(glossary.expand_placeholder(text.split("\n"), terms))
    return text


@pytest.mark.parametrize("path", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_page_is_not_stale(path: Path) -> None:
    registry = load_registry(ROOT / "data" / "laws")
    text = _as_the_site_reads_it(path)
    reviewed = reviewed_date(text)
    assert reviewed is not None, f"{path.relative_to(ROOT)}: no reviewed date"
    body, offset = markdown_body(text)
    staleness = page_staleness(checked_citations(body, registry, reviewed), registry, reviewed, build_date())
    assert staleness is None, stale_line(str(path.relative_to(ROOT)), offset, staleness)
