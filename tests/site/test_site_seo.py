"""On the built site: every page has its own description and share tags, sitemap.xml lists every page
at the configured site URL, robots.txt points at it, the question pages carry FAQPage JSON-LD, and every
page has a Content-Security-Policy meta whose hashes are exactly those of its inline scripts."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import autocorrect_py
import yaml

from seo_html import directives, head_tags, sha256_source
from site_pages import DOCS, source_of

ROOT = Path(__file__).resolve().parents[2]
DESCRIPTION_LIMIT = 120
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# pages under docs/faq/ whose h2 are readers' questions: all but the hub and those with `faq: false`
QUESTION_FOLDER = "faq/"


def built_pages(site_dir: Path) -> list[str]:
    """Every built page, as tests/conftest.py parametrizes `page` (a conftest is not imported by name here)."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html") if p.relative_to(site_dir).parts[0] != "assets")


def page_url_path(page: str) -> str:
    return page.removesuffix("index.html")


def mkdocs_config() -> dict[str, object]:
    from mkdocs.config import load_config

    return dict(load_config(str(ROOT / "mkdocs.yml")))


def configured_site_url() -> str:
    url = str(mkdocs_config()["site_url"] or "")
    assert url, "mkdocs.yml has no site_url (SITE_URL empty?): sitemap.xml and the canonical links need one"
    return url


def front_matter(source: Path) -> dict[str, object]:
    text = source.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{source}: no front matter"
    return yaml.safe_load(text[4: text.index("\n---", 4)]) or {}


def source_file(page: str) -> Path | None:
    """The docs/*.md a built page comes from, or None for the theme's 404 page and generated pages."""
    src = source_of(page)
    return ROOT / src if src.startswith("docs/") else None


def description(site_dir: Path, page: str) -> str:
    found = head_tags(site_dir / page).meta("name", "description")
    assert len(found) == 1, f"site/{page}: {len(found)} <meta name=description>, expected one"
    return found[0]


# --- descriptions ------------------------------------------------------------------------------------


def test_page_has_its_own_description(site_dir: Path, page: str) -> None:
    text = description(site_dir, page)
    assert text.strip(), f"site/{page}: empty description; give {source_of(page)} `description:` in its front matter"
    assert len(text) <= DESCRIPTION_LIMIT, f"site/{page}: description has {len(text)} characters (> {DESCRIPTION_LIMIT})"
    source = source_file(page)
    if page == "404.html":
        assert text == mkdocs_config()["site_description"], "404.html should show the site's description"
    elif source is not None:
        assert text == front_matter(source).get("description"), f"site/{page}: not the description in {source_of(page)}"
    else:
        assert page.startswith("laws/"), f"site/{page}: a generated page outside the law appendix"
        assert text.startswith("本站引用的《") and "条文原文" in text, f"site/{page}: {text!r} does not say which law it holds"


def test_descriptions_differ_from_page_to_page(site_dir: Path) -> None:
    seen: dict[str, list[str]] = {}
    for page in built_pages(site_dir):
        seen.setdefault(description(site_dir, page), []).append(page)
    shared = {text: pages for text, pages in seen.items() if len(pages) > 1}
    assert not shared, "pages sharing one description (each needs its own):\n" + "\n".join(
        f"  {pages}: {text}" for text, pages in shared.items()
    )


def test_every_docs_page_states_its_description_in_front_matter() -> None:
    missing = [p.relative_to(ROOT).as_posix() for p in sorted(DOCS.rglob("*.md")) if not front_matter(p).get("description")]
    assert not missing, f"pages without `description:` in their front matter: {missing}"


def test_generated_descriptions_follow_copywriting_conventions(site_dir: Path) -> None:
    """The docs' front matter is linted with the pages (tests/content); the generated appendix pages' here."""
    problems = []
    for page in built_pages(site_dir):
        if source_file(page) is None and page != "404.html":
            text = description(site_dir, page)
            problems += [f"site/{page}: {r.old.strip()!r} -> {r.new.strip()!r}" for r in autocorrect_py.lint_for(text, "d.md").lines]
    assert not problems, "\n".join(problems)


def test_appendix_description_names_the_law_and_its_version(site_dir: Path) -> None:
    text = description(site_dir, "laws/minshisusong/index.html")
    assert text.startswith("本站引用的《中华人民共和国民事诉讼法》条文原文（最新文本 2024-01-01 起施行，"), text


# --- share tags --------------------------------------------------------------------------------------


def test_share_tags(site_dir: Path, page: str) -> None:
    tags = head_tags(site_dir / page)
    config = mkdocs_config()
    site_name = str(config["site_name"])

    def one(key: str, name: str) -> str:
        found = tags.meta(key, name)
        assert len(found) == 1, f"site/{page}: {len(found)} <meta {key}={name}>, expected one"
        return found[0]

    home = page == "index.html"
    expected_title = site_name if home or page == "404.html" else tags.title.removesuffix(f" - {site_name}")
    assert one("property", "og:title") == expected_title
    assert one("property", "og:description") == description(site_dir, page)
    assert one("property", "og:type") == ("website" if home else "article")
    assert one("property", "og:site_name") == site_name
    assert one("property", "og:locale") == "zh_CN"
    if page == "404.html":
        assert one("name", "twitter:card") == "summary"
        assert tags.meta("property", "og:url") == [], "the 404 page has no address of its own"
        return
    # every page's share image (sitebuild.share_image), at the site's address; tests/publishing checks its size
    assert one("name", "twitter:card") == "summary_large_image"
    image = one("property", "og:image")
    assert image.startswith(configured_site_url() + "assets/share/") and image == one("name", "twitter:image")
    assert (site_dir / image.removeprefix(configured_site_url())).is_file(), image
    expected_url = configured_site_url() + page_url_path(page)
    assert one("property", "og:url") == expected_url
    assert tags.canonical == [expected_url], f"site/{page}: canonical link {tags.canonical}, expected {expected_url}"


# --- sitemap and robots.txt --------------------------------------------------------------------------


def test_sitemap_lists_every_page_at_the_site_url(site_dir: Path) -> None:
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    listed = [loc.text for loc in root.iter(f"{SITEMAP_NS}loc")]
    base = configured_site_url()
    expected = {base + page_url_path(p) for p in built_pages(site_dir) if p != "404.html"}
    assert len(listed) == len(set(listed)), "sitemap.xml lists a page twice"
    assert set(listed) == expected, (
        f"sitemap.xml misses {sorted(expected - set(listed))[:5]}; lists pages that are not built: "
        f"{sorted(set(listed) - expected)[:5]}"
    )


def test_robots_txt_points_at_the_sitemap(site_dir: Path) -> None:
    lines = (site_dir / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {configured_site_url()}sitemap.xml" in lines
    assert "User-agent: *" in lines and not [ln for ln in lines if ln.startswith("Disallow:") and ln != "Disallow:"], (
        "robots.txt shuts crawlers out of a page"
    )


# --- FAQPage JSON-LD ---------------------------------------------------------------------------------


def is_question_page(page: str) -> bool:
    source = source_file(page)
    return (
        source is not None
        and page.startswith(QUESTION_FOLDER)
        and page != f"{QUESTION_FOLDER}index.html"
        and front_matter(source).get("faq", True) is not False
    )


def test_question_pages_have_faq_json_ld_and_no_other_page_has(site_dir: Path, page: str) -> None:
    tags = head_tags(site_dir / page)
    if not is_question_page(page):
        assert tags.json_ld == [], f"site/{page}: structured data on a page that is not a question page"
        return
    assert len(tags.json_ld) == 1, f"site/{page}: {len(tags.json_ld)} JSON-LD blocks, expected one FAQPage"
    data = json.loads(tags.json_ld[0])
    assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
    questions = [h for h in tags.h2 if h != "来源"]
    assert [q["name"] for q in data["mainEntity"]] == questions, f"site/{page}: JSON-LD questions are not the page's h2"
    for entry in data["mainEntity"]:
        assert entry["@type"] == "Question" and entry["acceptedAnswer"]["@type"] == "Answer"
        answer = entry["acceptedAnswer"]["text"]
        assert answer and "<" not in answer and "简单说" not in answer[:4], f"site/{page}: answer {answer[:40]!r}"


def test_the_claims_page_and_the_hub_are_no_question_pages() -> None:
    assert not is_question_page("faq/claims/index.html") and not is_question_page("faq/index.html")
    assert is_question_page("faq/visit/index.html")


# --- Content-Security-Policy -------------------------------------------------------------------------


def test_page_has_a_strict_content_security_policy(site_dir: Path, page: str) -> None:
    tags = head_tags(site_dir / page)
    policies = tags.meta("http-equiv", "Content-Security-Policy")
    assert len(policies) == 1, f"site/{page}: {len(policies)} Content-Security-Policy metas, expected one"
    assert tags.head_order[:2] == ["meta charset", "meta http-equiv"], (
        f"site/{page}: the policy must come right after <meta charset> (it governs only what follows it): "
        f"{tags.head_order[:4]}"
    )
    found = directives(policies[0])
    assert found["default-src"] == ["'self'"]
    assert found["img-src"] == ["'self'", "data:"]
    # the page's critical styles (sitebuild.critical_css): one <style> in <head>, allowed by its hash alone
    style_src = found["style-src"]
    styles = re.findall(r"<style\b[^>]*>(.*?)</style\s*>", (site_dir / page).read_text(encoding="utf-8"), re.DOTALL)
    assert style_src == ["'self'", *sorted({sha256_source(s) for s in styles})], (
        f"site/{page}: style-src should be 'self' and the hash of each <style> of the page, found {style_src}"
    )
    assert len(styles) <= 1, f"site/{page}: {len(styles)} <style> elements, expected the critical styles only"
    assert found["object-src"] == ["'none'"]
    for name in ("connect-src", "font-src", "frame-src", "worker-src"):
        assert name not in found, f"{name} is left to default-src 'self'"
    script_src = found["script-src"]
    assert script_src[0] == "'self'" and all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", s) for s in script_src[1:]), (
        f"site/{page}: script-src allows more than the site and hashes: {script_src}"
    )
    expected = {sha256_source(s) for s in tags.inline_scripts}
    assert set(script_src[1:]) == expected, (
        f"site/{page}: script-src hashes {sorted(script_src[1:])} are not those of its inline scripts {sorted(expected)}"
    )
    assert len(expected) >= 2, f"site/{page}: Material's inline scripts (__md_scope, palette) were not found"


def test_policy_text_has_no_other_host_or_wildcard(site_dir: Path) -> None:
    policies = {head_tags(site_dir / p).meta("http-equiv", "Content-Security-Policy")[0] for p in built_pages(site_dir)}
    for policy in policies:
        # a hash's base64 may hold "//" or "+": only what is not a hash is looked at
        sources = re.sub(r"'sha256-[A-Za-z0-9+/]+=*'", "", policy)
        assert not re.search(r"https?:|\*|'unsafe-|blob:|//", sources), f"policy allows too much: {policy}"
