"""No built page loads anything from another host: scripts, styles, images, frames, CSS url() and @import."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_html import css_urls, is_offsite, read_page
from site_pages import source_of


def test_page_loads_nothing_offsite(site_dir: Path, page: str) -> None:
    offsite = [ref for ref in read_page(site_dir / page).resources if is_offsite(ref.url)]
    assert not offsite, (
        f"site/{page} ({source_of(page)}) loads from another host — the site must work offline and leak no visit; "
        "copy the file into docs/ and link it relatively, or remove it:\n"
        + "\n".join(f"  line {ref.line}: {ref.where} = {ref.url}" for ref in offsite)
    )


def stylesheets(site: Path) -> list[Path]:
    return sorted(site.rglob("*.css"))


def test_stylesheets_load_nothing_offsite(site_dir: Path) -> None:
    sheets = stylesheets(site_dir)
    if not sheets:
        pytest.fail(f"no .css file in {site_dir}: the build is incomplete", pytrace=False)
    problems = []
    for sheet in sheets:
        for number, line in enumerate(sheet.read_text(encoding="utf-8").splitlines(), start=1):
            problems += [
                f"  {sheet.relative_to(site_dir)} line {number}: {url}" for url in css_urls(line) if is_offsite(url)
            ]
    assert not problems, (
        "a stylesheet fetches from another host (web fonts? check `theme.font: false` and docs/stylesheets/):\n"
        + "\n".join(problems)
    )
