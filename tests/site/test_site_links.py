"""Every internal link of every built page reaches a built file, and every #anchor an id on that page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from site_html import read_page
from site_pages import source_of

BASE = "http://site.invalid/"  # only to resolve relative links; never fetched


def resolve(site: Path, page: str, href: str) -> tuple[Path | None, str, str]:
    """(built file the link reaches or None, its fragment, the site path tried) for an internal `href`."""
    page_url = BASE + (page.removesuffix("index.html") if page.endswith("index.html") else page)
    target = urlsplit(urljoin(page_url, href))
    path = unquote(target.path).removeprefix("/")
    file = site / path
    if path == "" or path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return (file if file.is_file() else None), unquote(target.fragment), path or "/"


def is_internal(href: str) -> bool:
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc


def test_internal_links_resolve(site_dir: Path, page: str) -> None:
    broken = []
    for ref in read_page(site_dir / page).links:
        if not is_internal(ref.url):
            continue
        target, fragment, tried = resolve(site_dir, page, ref.url)
        if target is None:
            hint = " (the PDF and the offline zip are made by ./tasks.sh build)" if tried.startswith("downloads/") else ""
            broken.append(f"  line {ref.line}: {ref.where}={ref.url!r} -> no built file at site/{tried}{hint}")
        elif fragment and fragment not in read_page(target).ids:
            where = target.relative_to(site_dir).as_posix()
            broken.append(f"  line {ref.line}: {ref.where}={ref.url!r} -> site/{where} has no id {fragment!r}")
    assert not broken, (
        f"site/{page}: broken internal links; fix them in {source_of(page)} "
        "(link to the .md file, and to a heading's slug or an id that exists):\n" + "\n".join(broken)
    )
