"""The content rules, asserted on the pages and the built site.

- every seed question has an answer (a heading on one of the FAQ pages, grouped by need, with a body under it);
- each pillar page has at least 5 distinct citations, all ok at the page's reviewed date;
- every page has a reviewed date and a 来源 section;
- each template page exists and prints without the navigation (a real Chromium, print media).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from lawcite import check_citations, find_citations, load_registry
from seed_quotes import SEED_ANSWERED_BY, SEED_QUESTIONS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PILLARS = ["authenticity/index.md", "conduct/index.md", "legality/index.md"]
TEMPLATES = [
    "guide/templates/repayment-request.md",
    "guide/templates/conduct-notice.md",
    "guide/templates/complaint-letters.md",
    "guide/templates/contact-log.md",
]
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def front_matter(path: Path) -> dict:
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    return yaml.safe_load(match.group(1)) if match else {}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def faq_sections() -> dict[str, tuple[str, str]]:
    """Every `## ` section of the FAQ pages (docs/faq/*.md, grouped by need): squeezed heading -> (page, body)."""
    found: dict[str, tuple[str, str]] = {}
    for path in sorted((DOCS / "faq").glob("*.md")):
        for section in re.split(r"^## ", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
            heading, _, body = section.partition("\n")
            found[squeeze(heading)] = (path.relative_to(DOCS).as_posix(), body)
    return found


@pytest.mark.parametrize("question", SEED_QUESTIONS)
def test_each_seed_question_has_an_answer(question: str) -> None:
    assert question in SEED_ANSWERED_BY, f"tests/data/seed.yaml: answered_by names no FAQ heading for {question}"
    page, heading = SEED_ANSWERED_BY[question]
    sections = faq_sections()
    assert squeeze(heading) in sections, f"no FAQ page (docs/faq/*.md) has a `## {heading}` section (answers {question})"
    found_page, body = sections[squeeze(heading)]
    assert found_page == page, f"`## {heading}` is on {found_page}, not {page} as tests/data/seed.yaml says"
    answer = squeeze(re.sub(r"[#>*|\-]", "", body))
    assert len(answer) >= 80, f"{page}: the answer to {question} is too short to answer it: {answer!r}"


@pytest.fixture(scope="module")
def registry():
    return load_registry()


@pytest.mark.parametrize("pillar", PILLARS)
def test_pillar_page_has_five_distinct_checked_citations(pillar: str, registry) -> None:
    page = pillar
    path = DOCS / page
    text = path.read_text(encoding="utf-8")
    as_of = dt.date.fromisoformat(str(front_matter(path)["reviewed"]))
    citations = find_citations(text, registry)
    findings = check_citations(citations, registry, as_of, text=text)
    bad = [f"{f.citation.line}:{f.citation.column} {f.status} {f.citation.text}" for f in findings if f.severity != "ok"]
    assert not bad, f"{page}: citations that do not check out: {bad}"
    distinct = {(f.law, f.citation.article, f.citation.article_sub) for f in findings}
    assert len(distinct) >= 5, f"{page}: only {len(distinct)} distinct checked citations: {sorted(distinct)}"


@pytest.mark.parametrize("path", pages(), ids=lambda p: p.relative_to(DOCS).as_posix())
def test_page_has_reviewed_date_and_sources(path: Path) -> None:
    meta = front_matter(path)
    reviewed = meta.get("reviewed")
    assert isinstance(reviewed, dt.date), f"{path}: front matter needs `reviewed: YYYY-MM-DD`, found {reviewed!r}"
    assert reviewed <= dt.date.today(), f"{path}: reviewed date {reviewed} lies in the future"
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^## 来源\s*\n(.+?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"{path}: no `## 来源` section"
    assert squeeze(match.group(1)), f"{path}: the 来源 section is empty"
    assert "待补充" not in text and "待写" not in text, f"{path}: still a stub"


@pytest.mark.parametrize("template", TEMPLATES)
def test_template_exists_with_placeholders_and_no_navigation(template: str) -> None:
    path = DOCS / template
    assert path.is_file(), f"{template} is missing"
    meta = front_matter(path)
    assert "navigation" in (meta.get("hide") or []), f"{template}: front matter should hide the navigation"
    assert re.search(r"【[^】]+】", path.read_text(encoding="utf-8")), f"{template}: no 【…】 placeholder to fill in"


@pytest.mark.browser
@pytest.mark.parametrize("template", TEMPLATES)
def test_template_prints_without_navigation(template: str, desktop, site_url: str) -> None:
    tab = desktop.new_page()
    try:
        tab.goto(site_url + template.removesuffix(".md") + "/")
        tab.emulate_media(media="print")
        for selector in [".md-header", ".md-sidebar--primary", ".md-tabs", ".md-search", ".md-footer"]:
            for element in tab.query_selector_all(selector):
                assert not element.is_visible(), f"{template}: {selector} is visible when printing"
        article = tab.query_selector("article")
        assert article is not None and article.is_visible()
        assert "【" in article.inner_text()
    finally:
        tab.close()


def test_door_page_comes_first_in_nav_after_home() -> None:
    """有人在门口: one tap from the home page, and the first entry of the navigation after 首页."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nnav:\n" in text, "mkdocs.yml has no `nav:`"
    top_level = re.findall(r"^  - (.+)$", text.split("\nnav:\n", 1)[1], flags=re.M)
    assert top_level[:2] == ["首页: index.md", "有人在门口: door.md"], (
        f"mkdocs.yml nav starts {top_level[:2]}; put `- 有人在门口: door.md` right after `- 首页: index.md`"
    )
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    first_link = re.search(r"\]\(([^)]+)\)", home)
    assert first_link and first_link.group(1) == "door.md", "docs/index.md: the first link must go to door.md"
