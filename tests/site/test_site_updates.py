"""更新记录 (about/updates/): generated at build time from the pages' front matter and the law registry,
newest first, linked from 关于."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

from lawcite import load_registry
from lawcite.frontmatter import reviewed_date

ROOT = Path(__file__).resolve().parents[2]
ENTRY = re.compile(r"<li><strong>(\d{4}-\d{2}-\d{2})</strong>(?:（尚未到来）)?：(.*?)(?=<li><strong>|</ul>\s*<h2)", re.S)


def _entries(site_dir: Path) -> list[tuple[date, str]]:
    html = (site_dir / "about" / "updates" / "index.html").read_text(encoding="utf-8")
    assert "<!-- updates -->" not in html, "the marker was not replaced"
    return [(date.fromisoformat(day), body) for day, body in ENTRY.findall(html)]


def test_updates_page_is_linked_from_about(site_dir: Path) -> None:
    about = (site_dir / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="updates/"' in about, "关于 does not link the 更新记录 page"


def test_updates_are_newest_first(site_dir: Path) -> None:
    days = [day for day, _ in _entries(site_dir)]
    assert days and days == sorted(days, reverse=True)


def test_every_page_is_listed_under_its_reviewed_date(site_dir: Path) -> None:
    listed: dict[str, date] = {}  # site address (MkDocs' directory URLs: faq/jail/) -> the date it is listed under
    for day, body in _entries(site_dir):
        for href in re.findall(r'<a href="([^"]+)"', body):
            listed[urljoin("https://site/about/updates/", href).removeprefix("https://site/")] = day
    for source in sorted((ROOT / "docs").rglob("*.md")):
        rel = source.relative_to(ROOT / "docs").as_posix()
        reviewed = reviewed_date(source.read_text(encoding="utf-8"))
        address = rel.removesuffix("index.md").removesuffix(".md")
        address = address + "/" if address and not address.endswith("/") else address
        assert listed.get(address) == reviewed, f"docs/{rel} (reviewed {reviewed}) is listed under {listed.get(address)}"


def test_every_law_version_is_listed_on_its_effective_date(site_dir: Path) -> None:
    entries = _entries(site_dir)
    registry = load_registry(ROOT / "data" / "laws")
    for versions in registry.laws.values():
        title = versions[-1].title.replace("《", "〈").replace("》", "〉")
        for v in versions:
            if v.effective is None:
                continue
            assert any(day == v.effective and f"《{title}》" in body for day, body in entries), (
                f"{v.id}: no entry on {v.effective} naming 《{title}》"
            )
        last = versions[-1]
        if last.end_reason == "repealed" and last.ends is not None:
            assert any(day == last.ends and "废止" in body and f"《{title}》" in body for day, body in entries), last.id
