"""MkDocs glue for the citation layer (called from sitebuild/hooks.py).

The annotation itself is the Markdown extension lawcite.mdext (it also runs without MkDocs). These
hooks add what only MkDocs knows:

- on_config: read the extension's options from mkdocs.yml (registry path, appendix base: the appendix
  folder follows it, `/laws/` -> docs folder laws/) and the build date (lawcite.builddate);
- on_files: load the registry once, scan every page once for citations, generate the appendix pages
  laws/<law_slug>.md (File.generated) and list them in the nav after laws/index.md; from the same
  findings (lawcite.changes): every stale page is a build warning (one line: page, law, versions,
  the citations that change), every citation of an article a coming version changes is listed;
- on_page_markdown: tell the extension the page's path, front-matter line count and `reviewed` date
  (its as-of date), switch it off on the generated appendix pages (they quote statutes, which cite
  other articles), put the law table at `<!-- law-index -->` in laws/index.md, and give a stale page
  its reader's notice (page.meta["lawcite_stale"], shown by overrides/main.html);
- on_page_content: forget the page.

Env LAWCITE_DISABLE=1 turns all of it off (with the extension), for the build-time benchmark.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lawcite import appendix, changes
from lawcite.builddate import BuildDateError, build_date
from lawcite.frontmatter import as_date
from lawcite.links import cached_registry, checked_citations, markdown_body
from lawcite.mdext import PageContext, disabled, set_page_context
from lawcite.registry import Registry, RegistryError

from sitebuild import seo

log = logging.getLogger("mkdocs.plugins.lawcite")

EXTENSION = "lawcite.mdext"
STALE_META = "lawcite_stale"  # page.meta key of a stale page's notice (overrides/main.html shows it)


@dataclass
class _Build:
    enabled: bool = False
    registry_path: str | None = None
    base: str = "/laws/"
    suffix: str = ".md"
    as_of: date | None = None
    today: date = date.min          # the build date
    generated: set[str] = field(default_factory=set)
    index_table: str = ""
    stale_notices: dict[str, str] = field(default_factory=dict)  # src_uri -> the reader's notice

    @property
    def folder(self) -> str:
        """The docs folder of the appendix pages: the extension's base without its slashes (/laws/ -> laws)."""
        return self.base.strip("/")

    @property
    def index_page(self) -> str:
        return f"{self.folder}/index.md"


_build = _Build()


def on_config(config: Any) -> None:
    global _build
    _build = _Build()
    if disabled() or EXTENSION not in config.markdown_extensions:
        return
    opts = config.mdx_configs.get(EXTENSION, {}) or {}
    _build.enabled = True
    _build.registry_path = opts.get("registry") or None
    _build.base = opts.get("base", "/laws/")
    _build.suffix = opts.get("suffix", ".md")
    _build.as_of = as_date(opts.get("as_of"))
    try:
        _build.today = build_date()
    except BuildDateError as e:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"lawcite: {e}") from None


def _registry() -> Registry:
    from mkdocs.exceptions import PluginError

    try:
        return cached_registry(_build.registry_path)
    except RegistryError as e:
        raise PluginError(f"lawcite: cannot load the law registry: {e}") from None


def on_files(files: Any, config: Any) -> Any:
    if not _build.enabled:
        return files
    from mkdocs.structure.files import File

    registry = _registry()
    today = _build.today
    sources = [f for f in files.documentation_pages() if not f.generated_by and f.src_uri.endswith(".md")]
    pages = [(f.src_uri, _with_glossary(f.content_string, config)) for f in sources]
    slugify = (config.mdx_configs.get("toc") or {}).get("slugify")
    cited = appendix.scan_pages(pages, registry, default_as_of=_build.as_of or today, slugify=slugify)
    _report_changes(sources, pages, registry, today)
    index_file = files.get_file_from_path(_build.index_page)
    # Generated pages carry the date of the appendix's index page: the maintainers update it when
    # they re-check the registry; the build date would claim a check that did not happen.
    reviewed = (appendix.reviewed_of(index_file.content_string) if index_file else None) or today
    generated = appendix.appendix_pages(
        registry, cited, today=today, reviewed=reviewed, base=_build.base, suffix=_build.suffix, folder=_build.folder
    )
    for uri, content in generated.items():
        if files.get_file_from_path(uri) is not None:
            log.warning(
                "docs/%s: the appendix page of this law is generated from data/laws; delete the hand-written file",
                uri,
            )
            continue
        files.append(File.generated(config, uri, content=seo.with_description(content, _description(registry, uri))))
        _build.generated.add(uri)
    _build.index_table = appendix.index_table(registry, cited, today=today, base=_build.base, suffix=_build.suffix)
    _add_to_nav(config, registry, [uri for uri in generated if uri in _build.generated])
    return files


def _description(registry: Registry, uri: str) -> str:
    """The generated page's description (sitebuild.seo): the law's title and the version it holds."""
    versions = registry.laws[uri[len(_build.folder) + 1:].removesuffix(_build.suffix)]
    latest = versions[-1]
    dates = []
    if latest.effective:
        dates.append(f"{latest.effective.isoformat()} 起施行")
    if latest.ends:
        dates.append(f"{latest.ends.isoformat()} 起失效")
    when = "，".join(dates)
    if len(versions) > 1:
        when = f"最新文本 {when}，另列 {len(versions) - 1} 个旧版本" if when else f"共 {len(versions)} 个版本"
    return f"本站引用的《{latest.title}》条文原文" + (f"（{when}）" if when else "") + "，以及引用每一条的页面。"


def _report_changes(sources: list[Any], pages: list[tuple[str, str]], registry: Registry, today: date) -> None:
    """Stale pages (a build warning each, and the page's notice) and coming changes (listed), from the
    findings the scan above made: checked_citations is memoised, so this reads no page a second time."""
    for file, (src_uri, text) in zip(sources, pages):
        reviewed = appendix.reviewed_of(text)
        if reviewed is None:
            continue  # sitebuild.hooks warns about the missing date
        body, offset = markdown_body(text)
        findings = checked_citations(body, registry, reviewed)
        path = _display_path(file, src_uri)
        staleness = changes.page_staleness(findings, registry, reviewed, today)
        if staleness is not None:
            log.warning(changes.stale_line(path, offset, staleness))
            _build.stale_notices[src_uri] = changes.stale_notice(staleness)
        for item in changes.coming_changes(findings, registry, today):
            log.info(changes.coming_line(path, offset, item))


def _display_path(file: Any, src_uri: str) -> str:
    return os.path.relpath(file.abs_src_path) if file.abs_src_path else src_uri


def _with_glossary(text: str, config: Any) -> str:
    """The page as the citation layer sees it: the 术语表 page's `<!-- glossary -->` line expanded into the
    glossary (sitebuild.glossary), so the articles its definitions cite list that page among their backlinks."""
    from sitebuild import glossary

    data = (config.mdx_configs.get("sitebuild.glossary") or {}).get("data")
    if not data or glossary.PLACEHOLDER not in text:
        return text
    return "\n".join(glossary.expand_placeholder(text.split("\n"), glossary.load_terms(data)))


def _add_to_nav(config: Any, registry: Registry, uris: list[str]) -> None:
    """Insert the generated pages after laws/index.md in mkdocs.yml's nav (before MkDocs builds it)."""
    if not config.nav or not uris:
        return
    index_page = _build.index_page
    section = _find_list_with(config.nav, index_page)
    if section is None:
        log.warning("lawcite: no nav entry %s: add it to the nav (法条附录) so the appendix pages are listed", index_page)
        return
    present = {_nav_path(item) for item in section}
    at = next(i for i, item in enumerate(section) if _nav_path(item) == index_page) + 1
    for uri in uris:
        if uri in present:
            continue
        slug = uri[len(_build.folder) + 1:-3]
        section.insert(at, {registry.latest(slug).short: uri})
        at += 1


def _nav_path(item: Any) -> Any:
    if isinstance(item, dict) and len(item) == 1:
        return next(iter(item.values()))
    return item


def _find_list_with(nav: Any, path: str) -> list[Any] | None:
    if isinstance(nav, list):
        if any(_nav_path(item) == path for item in nav):
            return nav
        for item in nav:
            found = _find_list_with(_nav_path(item), path)
            if found is not None:
                return found
    return None


def on_page_markdown(markdown: str, page: Any, reviewed: date | None) -> str:
    if not _build.enabled:
        return markdown
    src_uri = page.file.src_uri
    if src_uri in _build.generated:
        set_page_context(PageContext(path=f"docs/{src_uri}", enabled=False))
        return markdown
    source = page.file.content_string
    # MkDocs strips the front matter (and the blank lines after it) before the hooks see the page.
    offset = source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
    path = _display_path(page.file, src_uri)
    set_page_context(PageContext(path=path, line_offset=offset, as_of=reviewed or _build.as_of))
    if src_uri in _build.stale_notices:
        page.meta[STALE_META] = _build.stale_notices[src_uri]
    if src_uri == _build.index_page:
        # Lines below the marker move down by the table's length: keep citations above it.
        lines = markdown.split("\n")
        if appendix.INDEX_MARKER in (ln.strip() for ln in lines):
            markdown = "\n".join(_build.index_table if ln.strip() == appendix.INDEX_MARKER else ln for ln in lines)
        else:
            log.info("lawcite: %s has no %s line; the law table is not shown", src_uri, appendix.INDEX_MARKER)
    return markdown


def on_page_content(page: Any) -> None:
    set_page_context(None)


# --- what other build steps read (sitebuild.updates) ---------------------------------------------

def enabled() -> bool:
    return _build.enabled


def build_day() -> date:
    """The build date (lawcite.builddate), read once per build in on_config."""
    return _build.today


def registry() -> Registry:
    return _registry()


def appendix_href(slug: str) -> str | None:
    """/laws/<slug>.md when the build generated that law's appendix page (the law is cited), else None."""
    uri = f"{_build.folder}/{slug}{_build.suffix}"
    return f"/{uri}" if uri in _build.generated else None
