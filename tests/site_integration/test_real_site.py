"""The citation layer on the project's own site (mkdocs.yml, docs/, data/laws), built once with --strict."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from html_links import read_page, resolve


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html") if "laws" not in p.relative_to(site).parts[:1])


def test_every_citation_link_lands_on_an_appendix_article(real_site: Path, registry) -> None:  # noqa: ANN001
    shorts = {v.short for v in registry.versions.values()}
    count = 0
    for path in _pages(real_site):
        page = read_page(path)
        for link in page.citations():
            count += 1
            target, fragment = resolve(real_site, path, link.href)
            assert target.parent.parent == (real_site / "laws").resolve(), f"{path}: {link.href}"
            assert re.fullmatch(r"(v\d{4}-)?art-\d+(-\d+)?", fragment), f"{path}: {link.href}"
            assert fragment in read_page(target).ids, f"{path}: {link.text} -> {link.href}: no such anchor"
            m = re.match(r"《([^》]+)》第", link.attrs.get("title", ""))
            assert m and m.group(1) in shorts, f"{path}: {link.text}: title {link.attrs.get('title')!r}"
            assert not {"code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"} & set(link.ancestors)
    if count == 0:
        pytest.skip("no page of the site cites a law yet")


def test_every_appendix_article_has_text_and_working_backlinks(real_site: Path) -> None:
    laws = real_site / "laws"
    pages = [p for p in sorted(laws.glob("*/index.html"))]
    if not pages:
        pytest.skip("no appendix page: the site cites no law yet")
    for path in pages:
        page = read_page(path)
        articles = [i for i in page.ids if re.fullmatch(r"(v\d{4}-)?art-\d+(-\d+)?", i)]
        assert articles, f"{path}: an appendix page without articles"
        for anchor in articles:
            section = page.section_text(anchor)
            assert "本站引用" in section and "版本" in section, f"{path}#{anchor}"
        backlinks = [a for a in page.links if a.href.startswith("../../") and "laws" not in a.href
                     and "md-" not in a.attrs.get("class", "")]
        assert backlinks, f"{path}: no 本站引用 links"
        for a in backlinks:
            target, fragment = resolve(real_site, path, a.href)
            assert target.is_file(), f"{path}: {a.href}"
            if fragment:
                assert fragment in read_page(target).ids, f"{path}: {a.href}: no such section"


def test_law_index_lists_every_registered_law(real_site: Path, registry) -> None:  # noqa: ANN001
    html = read_page(real_site / "laws" / "index.html").html
    assert "<!-- law-index -->" not in html
    text = re.sub(r"<[^>]+>", "", html)  # a glossary term inside a title is wrapped in <abbr>
    for slug in registry.laws:
        assert registry.latest(slug).title in text, slug


def test_checking_the_built_html_finds_what_checking_the_pages_finds(real_site: Path) -> None:
    """README: `check_refs.py site/` works too. The built pages link each member of a list on its own
    (`第八十八条</a>、<a …>第九十一条`); read as separate chains, members got false `superseded` errors."""
    import json
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[2]
    script = repo / "scripts" / "check_refs.py"

    def summary(path: Path) -> dict[str, int]:
        r = subprocess.run([sys.executable, str(script), str(path), "--format", "json"], capture_output=True,
                           text=True, cwd=repo, timeout=120)
        assert "Traceback" not in r.stderr, r.stderr
        data = json.loads(r.stdout)
        bad = [c for c in data["citations"] if c["severity"] != "ok"]
        assert not bad, [(c["path"], c["line"], c["status"], c["text"]) for c in bad[:5]]
        return data["summary"]

    assert summary(repo / "docs")["errors"] == 0
    assert summary(real_site)["errors"] == 0
