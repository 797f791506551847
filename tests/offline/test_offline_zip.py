"""The offline edition: the zip next to the PDF opens from file://, search works, nothing is fetched."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Route

from browser_harness import new_context, search
from sitebuild.editions import load_edition
from sitebuild.offline import remote_references, unused_files, zip_top_folder

ROOT = Path(__file__).resolve().parents[2]
ZIP_TOP_FOLDER = zip_top_folder(load_edition("web").downloads.offline)
OFFLINE_SCHEMES = {"file", "data", "blob", "about"}


def test_zip_holds_the_site_and_the_local_shim(unpacked: Path) -> None:
    index = unpacked / "index.html"
    assert index.is_file(), f"no {ZIP_TOP_FOLDER}/index.html in the zip"
    html = index.read_text(encoding="utf-8")
    assert "assets/vendor/iframe-worker/shim.js" in html, "the iframe-worker shim is not loaded from the zip"
    assert "unpkg.com" not in html, "the offline plugin added the unpkg.com shim: extra.polyfills is not set"
    assert (unpacked / "assets" / "vendor" / "iframe-worker" / "shim.js").is_file()
    assert (unpacked / "search" / "search_index.js").is_file(), "no inlined search index (offline plugin off?)"
    assert not (unpacked / "downloads").exists(), "the offline zip contains the downloads (a zip in the zip)"


def test_no_page_loads_anything_from_another_host(unpacked: Path) -> None:
    assert remote_references(unpacked) == []


def test_remote_reference_check_finds_one(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<p>\n<script src="https://unpkg.com/iframe-worker/shim"></script>\n<a href="https://x.org">x</a>')
    (tmp_path / "b.css").write_text("p{}\n@import 'https://fonts.googleapis.com/css';\n")
    found = [(r.file, r.line, r.url) for r in remote_references(tmp_path)]
    assert found == [("a.html", 2, "https://unpkg.com/iframe-worker/shim"), ("b.css", 2, "https://fonts.googleapis.com/css")]


@pytest.mark.browser
def test_opens_from_file_and_search_finds_shangmen(chromium: Browser, unpacked: Path) -> None:
    context = new_context(chromium, phone=False)
    requested: list[str] = []
    blocked: list[str] = []

    def only_files(route: Route) -> None:
        url = route.request.url
        requested.append(url)
        if urlsplit(url).scheme in OFFLINE_SCHEMES:
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", only_files)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        index = (unpacked / "index.html").resolve()
        page.goto(index.as_uri(), wait_until="load")
        assert page.title(), "the page did not load from file://"
        results = search(page, "上门", index.parent.as_uri() + "/", timeout_ms=20_000)
        assert results, "searching 上门 in the offline site shows no result"
        first = page.locator(".md-search-result__item a").first
        first.click()
        page.wait_for_load_state("load")
        landed = urlsplit(page.url)
        assert landed.scheme == "file" and landed.path.endswith(".html"), f"a search result led to {page.url}"
        assert page.locator("article h1").count() == 1, f"{page.url}: no page content"
    finally:
        context.close()
    assert any(u.endswith("shim.js") for u in requested), "the iframe-worker shim was not loaded"
    assert not blocked, f"the offline site tried to reach the network: {blocked[:10]}"
    assert not errors, f"JavaScript errors: {errors[:5]}"


@pytest.mark.browser
def test_offline_search_cuts_a_question_into_words(chromium: Browser, unpacked: Path) -> None:
    """From file:// the worker is the iframe-worker shim: search-query.js must reach it there too."""
    context = new_context(chromium, phone=False)
    try:
        page = context.new_page()
        index = (unpacked / "index.html").resolve()
        page.goto(index.as_uri(), wait_until="load")
        results = search(page, "网贷逾期了还不上会坐牢吗", index.parent.as_uri() + "/", timeout_ms=20_000)
        assert any(r in ("faq/jail/", "faq/jail.html") for r in results[:3]), f"offline, the question ranks {results[:3]}"
        marks = page.eval_on_selector_all(".md-search-result mark", "ms => ms.map(m => m.textContent)")
        assert "坐牢" in marks and not {"了", "吗"} & set(marks), f"offline, the question marks {sorted(set(marks))}"
    finally:
        context.close()


# --- offline: the index waits for search, ticks are remembered, the editions stay alike ---------


@pytest.mark.browser
def test_index_waits_until_search_is_opened_offline(chromium: Browser, unpacked: Path) -> None:
    context = new_context(chromium, phone=True)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        page.goto((unpacked / "authenticity" / "index.html").resolve().as_uri(), wait_until="load")
        page.wait_for_timeout(800)
        assert not [u for u in requested if "search_index" in u], "the offline site loads its search index at once"
        page.locator("label.md-header__button[for='__search']").tap()
        page.wait_for_function("() => typeof window.__index !== 'undefined'", timeout=10_000)
        assert [u for u in requested if u.endswith("search/search_index.js")], "opening search did not load the index"
    finally:
        context.close()


@pytest.mark.browser
def test_checklist_remembers_ticks_offline(chromium: Browser, unpacked: Path) -> None:
    context = new_context(chromium, phone=True)
    try:
        page = context.new_page()
        page.goto((unpacked / "authenticity" / "verify.html").resolve().as_uri(), wait_until="load")
        page.locator(".md-content .task-list-item input[type=checkbox]").nth(1).tap()
        page.reload(wait_until="load")
        ticks = page.eval_on_selector_all(".md-content .task-list-item input", "bs => bs.map(b => b.checked)")
        assert ticks[1] and not ticks[0], f"from file:// the ticks are not remembered: {ticks[:4]}"
    finally:
        context.close()


def test_offline_edition_searches_and_looks_like_the_web_site() -> None:
    """mkdocs.offline.yml repeats nothing from mkdocs.yml: as loaded by MkDocs, it has the same search settings,
    hooks and features; its hooks take search.highlight out (it would load the search index on every page)."""
    from mkdocs.config import load_config

    web = load_config(str(ROOT / "mkdocs.yml"))
    offline = load_config(str(ROOT / "mkdocs.offline.yml"))
    assert dict(offline.plugins["material/search"].config) == dict(web.plugins["material/search"].config)
    assert "material/offline" in offline.plugins and "material/offline" not in web.plugins
    assert [h for h in offline.hooks] == [h for h in web.hooks]
    offline.plugins.on_config(offline)
    assert set(web.theme["features"]) - set(offline.theme["features"]) == {"search.highlight"}, (
        "the offline edition's features should be mkdocs.yml's without search.highlight"
    )


def test_built_offline_pages_have_no_search_highlight(unpacked: Path) -> None:
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                       (unpacked / "index.html").read_text(encoding="utf-8"), re.S)
    assert config is not None and '"search.suggest"' in config.group(1)
    assert '"search.highlight"' not in config.group(1)


def test_editions_repeat_no_list_of_mkdocs_yml() -> None:
    """INHERIT merges mappings and replaces lists: the PDF and offline configurations give no list that
    mkdocs.yml has (hooks, plugins as a list, theme features, extra_javascript …)."""
    import yaml

    def keys_with_lists(data: object, path: str = "") -> set[str]:
        found: set[str] = set()
        if isinstance(data, dict):
            for key, value in data.items():
                found |= keys_with_lists(value, f"{path}.{key}" if path else str(key))
        elif isinstance(data, list):
            found.add(path)
        return found

    def load(name: str) -> dict:
        class Loader(yaml.SafeLoader):
            pass

        Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
        Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
        return yaml.load((ROOT / name).read_text(encoding="utf-8"), Loader=Loader)

    web_lists = keys_with_lists(load("mkdocs.yml"))
    assert "plugins" not in web_lists, "mkdocs.yml gives plugins as a list: INHERIT cannot merge it"
    for name in ("mkdocs.pdf.yml", "mkdocs.offline.yml"):
        repeated = keys_with_lists(load(name)) & web_lists
        assert not repeated, f"{name} repeats lists of mkdocs.yml: {sorted(repeated)}"


# --- the zip holds only what the offline site uses -------------------------------------------------------


def test_zip_leaves_out_what_the_offline_site_never_uses(unpacked: Path) -> None:
    """No source maps, no JSON search index (file:// loads search_index.js), no other language's search files;
    the Chinese search files the worker imports are there (the browser tests above search with them)."""
    files = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    maps = sorted(f for f in files if f.endswith(".map"))
    assert not maps, f"source maps in the offline zip: {maps[:5]}"
    assert "search/search_index.json" not in files and "search/search_index.js" in files
    lunr = sorted(f.rsplit("/", 1)[1] for f in files if f.startswith("assets/javascripts/lunr/"))
    assert lunr == ["lunr.stemmer.support.min.js", "lunr.zh.min.js"], f"search language files in the zip: {lunr}"


def test_unused_files_keeps_what_each_language_needs(tmp_path: Path) -> None:
    lunr = tmp_path / "assets" / "javascripts" / "lunr"
    for name in ("min/lunr.stemmer.support.min.js", "min/lunr.zh.min.js", "min/lunr.ja.min.js",
                 "min/lunr.multi.min.js", "tinyseg.js", "wordcut.js"):
        (lunr / name).parent.mkdir(parents=True, exist_ok=True)
        (lunr / name).write_text("x")
    (tmp_path / "page.js.map").write_text("{}")
    names = lambda langs: sorted(p.name for p in unused_files(tmp_path, langs))  # noqa: E731
    assert names(["zh"]) == ["lunr.ja.min.js", "lunr.multi.min.js", "page.js.map", "tinyseg.js", "wordcut.js"]
    assert names(["zh", "ja"]) == ["page.js.map", "wordcut.js"]
