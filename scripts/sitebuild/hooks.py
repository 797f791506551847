"""MkDocs hooks: page dates, and the MkDocs glue of the citation layer, the 更新记录 list, the download links,
and descriptions, FAQ structured data and Content-Security-Policy (sitebuild.seo, .faq_schema, .csp).

One hooks list serves the three editions (mkdocs.yml); what differs per edition is read from extra.edition
here (and in pdf_hooks.py). Every page states the day its facts were last checked (front matter
`reviewed: YYYY-MM-DD`), shown as 最后核对 by overrides/main.html. A page without a valid date is a build
warning, so `mkdocs build --strict` fails with the file named.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from lawcite.builddate import BuildDateError, build_date
from lawcite.frontmatter import as_date

from sitebuild import (
    critical_css, csp, faq_schema, handout, law_texts, lawcite_hooks, message_claims, report_error, search_words, seo,
    share_image, site_address, site_script, updates, webserver,
)
from sitebuild.editions import download_names

log = logging.getLogger("mkdocs.hooks.sitebuild")


def on_startup(*, command: str, dirty: bool) -> None:
    csp.on_startup(command)
    # jieba (Material's search plugin segments Chinese with it) sets its own logger to DEBUG with a
    # stderr handler, so every build printed "Building prefix dict …": keep its warnings only
    logging.getLogger("jieba").setLevel(logging.WARNING)


# --- Citation layer: links to the law appendix, generated appendix pages (logic in
# lawcite.mdext / lawcite.appendix; MkDocs glue in sitebuild.lawcite_hooks) ------------------------


def on_config(config: Any) -> None:
    from mkdocs.exceptions import PluginError

    site_address.on_config(config)  # before seo, which drops the file editions' site URL
    try:
        report_error.on_config(config, publishing=bool(config.extra[site_address.ADDRESS_KEY]))
    except report_error.ReportAddressError as err:
        raise PluginError(str(err)) from None
    seo.on_config(config)
    lawcite_hooks.on_config(config)
    try:
        # the words search leaves out of a query (sitebuild.search_words, javascripts/search-query.js)
        search_words.add_to_config(config)
    except search_words.SearchWordsError as err:
        log.warning("%s", err)
        config.extra[search_words.EXTRA_KEY] = []
        config.extra[search_words.SYNONYMS_KEY] = {}
    try:
        # the site's own scripts as one deferred file (sitebuild.site_script)
        site_script.on_config(config)
    except site_script.SiteScriptError as err:
        raise PluginError(str(err)) from None
    try:
        day = build_date()
    except BuildDateError as err:
        raise PluginError(str(err)) from None
    # printed on the PDF's cover and in the editions' notes (sitebuild.downloads)
    config.extra.setdefault("handbook_version", _project_version())
    config.extra.setdefault("handbook_date", day.isoformat())
    edition = config.extra.get("edition")
    if edition == "pdf":
        # Paper cannot dial: the PDF handbook keeps phone numbers as plain text (sitebuild.hotlines).
        config.mdx_configs.setdefault("sitebuild.hotlines", {})["link"] = False
    if edition == "offline":
        # From file://, Material loads the search index only when search is opened, except that
        # search.highlight asks for it on every page load: the offline edition goes without it.
        config.theme["features"] = [f for f in config.theme.get("features", []) if f != "search.highlight"]


def _project_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("lawcite")  # pyproject.toml's distribution (the project's one version)
    except PackageNotFoundError:  # not installed (pip install -e .): a checkout used as it is
        return "dev"


def on_files(files: Any, *, config: Any) -> Any:
    # the claims' table is written into its pages first: the law appendix collects their citations too
    files = _add_message_claims(files, config)
    return site_script.on_files(lawcite_hooks.on_files(files, config), config)


# --- 看懂催收短信: the claims of collection messages (logic in sitebuild.message_claims) -------------

def _add_message_claims(files: Any, config: Any) -> Any:
    """Read data/message_claims.yaml once per build; add the reader's data as a generated script and fill
    the placeholders of the pages that show the claims (sitebuild.message_claims)."""
    from mkdocs.structure.files import File

    root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    if not (root / message_claims.CLAIMS_FILE).is_file():  # a site without a message reader
        return files
    try:
        claims = message_claims.load(root / message_claims.CLAIMS_FILE)
    except message_claims.MessageClaimsError as err:
        log.warning("%s", err)
        return files
    pages = {f.src_uri for f in files.documentation_pages()}
    for kind in message_claims.missing_pages(claims, pages):
        log.warning("%s: kind %s: its answer page %s is not in the site: write it or correct href",
                    message_claims.CLAIMS_FILE, kind.id, kind.href)
    files.append(File.generated(config, message_claims.SCRIPT_URI, content=message_claims.to_script(claims)))
    edition = str(config.extra.get("edition") or "")
    for file in files.documentation_pages():
        text = file.content_string
        if message_claims.has_placeholder(text):
            file.content_string = message_claims.render(text, claims=claims, page_dir=file.src_uri.rpartition("/")[0],
                                                        existing=pages, edition=edition)
    return files


def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    date = as_date(page.meta.get("reviewed"))
    if date is None:
        log.warning(
            "%s: front matter needs `reviewed: YYYY-MM-DD` (the day its facts were last checked); found %r",
            page.file.src_uri,
            page.meta.get("reviewed"),
        )
    else:
        page.meta["reviewed"] = date.isoformat()
        page.update_date = page.meta["reviewed"]  # sitemap.xml's lastmod: the day the facts were checked
    seo.check_description(page)
    _check_phone_numbers(markdown, page, config)
    markdown = lawcite_hooks.on_page_markdown(markdown, page, date)
    if lawcite_hooks.enabled():
        markdown = law_texts.fill_law_texts(markdown, lawcite_hooks.registry(), lawcite_hooks.appendix_href)
    return updates.replace_placeholder(markdown, lambda: _update_events(files), _today())


def _check_phone_numbers(markdown: str, page: Any, config: Any) -> None:
    """A phone number typed on a page that data/hotlines.yaml does not list is a build warning (so --strict
    fails): every number a reader sees must come with its source and date."""
    from sitebuild import hotlines

    options = config.mdx_configs.get("sitebuild.hotlines")
    if options is None or page.file.generated_by:  # the appendix quotes statutes and their official links
        return
    try:
        listed = {h.number for h in hotlines.load_hotlines(options.get("data", "data/hotlines.yaml"))}
    except hotlines.HotlineError as err:
        log.warning("%s", err)
        return
    source = page.file.content_string
    offset = source[: len(source) - len(markdown)].count("\n") if source.endswith(markdown) else 0
    for line, number in hotlines.unlisted_numbers(markdown, listed):
        log.warning(
            "docs/%s:%d: the phone number %s is not in data/hotlines.yaml: add it there with who answers, its "
            "source and the date you checked it, or take it off the page",
            page.file.src_uri, line + offset, number,
        )


def _today() -> Any:
    return lawcite_hooks.build_day() if lawcite_hooks.enabled() else build_date()


def _update_events(files: Any) -> list[updates.Event]:
    """更新记录: every page's reviewed date, every law version's effective date (sitebuild.updates)."""
    sources = [(f.src_uri, f.content_string) for f in files.documentation_pages()
               if not f.generated_by and f.src_uri.endswith(".md")]
    events = updates.page_events(updates.page_dates(sources))
    if lawcite_hooks.enabled():
        events += updates.law_events(lawcite_hooks.registry(), _today(), lawcite_hooks.appendix_href)
    return events


# --- The one-page handout, download links, the error-report address (logic in sitebuild.handout,
# sitebuild.downloads, sitebuild.report_error) -------------------------------------------------------


def on_page_content(html: str, *, page: Any, config: Any, files: Any) -> str:
    lawcite_hooks.on_page_content(page)
    html = _add_address_and_report_links(html, page, config)
    if page.file.src_uri == handout.HANDOUT_PAGE and not config.extra.get("edition"):
        _render_handout(html, page, config)
    return html


def _add_address_and_report_links(html: str, page: Any, config: Any) -> str:
    """The site's address (or the preview notice) and the error-report links (sitebuild.site_address,
    sitebuild.report_error); the page's share image (sitebuild.share_image)."""
    title = report_error.page_title(page, html)
    report_error.add_to_page(page, title, config)
    share_image.add_to_page(page, (page.is_homepage and config.site_description) or title or config.site_name, config)
    html = site_address.replace_placeholder(html, config.extra)
    return report_error.replace_placeholder(html, page=page, extra=config.extra)


# Before the search plugin indexes the page (priority 0). MkDocs converts every page (on_page_content) before
# it renders any template, so by now the handout has been made and every download's size can be stated.
@event_priority(50)
def on_page_context(context: Any, *, page: Any, config: Any, nav: Any) -> Any:
    from sitebuild import downloads

    page.content = downloads.replace_placeholder(
        page.content or "", page_dest_uri=page.file.dest_uri, extra=config.extra, site_dir=Path(config.site_dir)
    )
    return context


def _render_handout(html: str, page: Any, config: Any) -> None:
    """The web build prints the handout's page to one A4 sheet (PDF and PNG) into its own downloads folder."""
    address = f" · {config.site_url}" if seo.is_public(config.site_url) else ""  # not the preview's address
    footer = f"{config.site_name} · {page.title} · 核对于 {page.meta.get('reviewed', '')}{address}"
    names = download_names(config.extra)
    folder = Path(config.site_dir) / names.folder
    try:
        result = handout.render_handout(html, title=f"{page.title} · {config.site_name}", footer=footer,
                                        pdf=folder / names.handout_pdf, png=folder / names.handout_png)
    except handout.HandoutError as err:
        log.warning("%s", err)
        return
    log.info("handout: %s and %s (one A4 page)", result.pdf, result.png)


# --- Findable and shareable (logic in sitebuild.seo, sitebuild.faq_schema, sitebuild.csp) ------


@event_priority(-100)  # last: the policy hashes the inline scripts of the finished page
def on_post_page(output: str, *, page: Any, config: Any) -> str:
    where = seo.source_path(page)
    if config.extra.get("edition") != "pdf":
        output = faq_schema.add_to_page(output, page, where=where)
    output = site_script.defer_theme_bundle(output)
    output = critical_css.on_post_page(output, page_url=page.url, config=config)
    return csp.secure_page(output, where=where, content=page.content or "", config=config)


def on_post_template(output_content: str, *, template_name: str, config: Any) -> str:
    if not template_name.endswith(".html"):
        return output_content
    output_content = site_script.defer_theme_bundle(output_content)
    return csp.secure_page(output_content, where=f"the theme's {template_name}", content="", config=config)


@event_priority(-100)  # last: the .gz copies are made from the finished files (the search index too)
def on_post_build(*, config: Any) -> None:
    seo.write_robots_txt(config)
    if not config.extra.get("edition") and not csp.serving():
        # the web site only: what a web server needs beside the pages (deploy/nginx/site.conf)
        webserver.write_server_files(Path(config.site_dir))
