"""Every built page declares Chinese, has a title and shows the day its facts were last checked (最后核对)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from site_html import read_page
from site_pages import source_of

# The theme's 404 page has no facts to date.
UNDATED_PAGES = {"404.html"}


def test_lang_is_chinese(site_dir: Path, page: str) -> None:
    lang = read_page(site_dir / page).lang
    assert lang is not None and lang.lower().startswith("zh"), (
        f"site/{page}: <html lang={lang!r}>; expected lang=\"zh…\" — set `theme.language: zh` in mkdocs.yml"
    )


def test_has_title(site_dir: Path, page: str) -> None:
    title = read_page(site_dir / page).title
    assert title, f"site/{page}: empty <title>; give {source_of(page)} a `# heading` or a `title:` in front matter"


def test_shows_reviewed_date(site_dir: Path, page: str) -> None:
    if page in UNDATED_PAGES:
        pytest.skip(f"{page} is the theme's error page: no facts to date")
    built = read_page(site_dir / page)
    fix = f"add `reviewed: YYYY-MM-DD` to the front matter of {source_of(page)}"
    assert "最后核对" in built.reviewed_text, f"site/{page}: no 最后核对 line (<p class=\"page-reviewed\">); {fix}"
    assert len(built.reviewed) == 1, f"site/{page}: expected one <time> in the 最后核对 line, found {built.reviewed}"
    try:
        date = dt.date.fromisoformat(built.reviewed[0])
    except ValueError:
        pytest.fail(f"site/{page}: 最后核对 date {built.reviewed[0]!r} is not YYYY-MM-DD; {fix}", pytrace=False)
    assert date <= dt.date.today(), f"site/{page}: 最后核对 {date} is in the future; correct it in {source_of(page)}"
