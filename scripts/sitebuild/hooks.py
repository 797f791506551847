"""MkDocs hooks: page dates, and the MkDocs glue of the citation layer, the download links, and issue 13's
descriptions, FAQ structured data and Content-Security-Policy (sitebuild.seo, .faq_schema, .csp).

Every page states the day its facts were last checked (front matter `reviewed: YYYY-MM-DD`),
shown as 最后核对 by overrides/main.html. A page without a valid date is a build warning, so
`mkdocs build --strict` fails with the file named.
"""

from __future__ import annotations

import logging
from typing import Any

from lawcite.frontmatter import as_date
from mkdocs.plugins import event_priority

from sitebuild import csp, faq_schema, handout, lawcite_hooks, search_words, seo

log = logging.getLogger("mkdocs.hooks.sitebuild")


def on_startup(*, command: str, dirty: bool) -> None:
    csp.on_startup(command)
    # jieba (Material's search plugin segments Chinese with it) sets its own logger to DEBUG with a
    # stderr handler, so every build printed "Building prefix dict …": keep its warnings only
    logging.getLogger("jieba").setLevel(logging.WARNING)


# --- Citation layer: links to the law appendix, generated appendix pages (logic in
# lawcite.mdext / lawcite.appendix; MkDocs glue in sitebuild.lawcite_hooks) ------------------------


def on_config(config: Any) -> None:
    seo.on_config(config)
    lawcite_hooks.on_config(config)
    try:
        # the words search leaves out of a query (sitebuild.search_words, javascripts/search-query.js)
        search_words.add_to_config(config)
    except search_words.SearchWordsError as err:
        log.warning("%s", err)
        config.extra[search_words.EXTRA_KEY] = []
    if config.extra.get("edition") == "pdf":
        # Paper cannot dial: the PDF handbook keeps phone numbers as plain text (sitebuild.hotlines).
        config.mdx_configs.setdefault("sitebuild.hotlines", {})["link"] = False


def on_files(files: Any, *, config: Any) -> Any:
    return lawcite_hooks.on_files(files, config)


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
    seo.check_description(page)
    return lawcite_hooks.on_page_markdown(markdown, page, date)


# --- The one-page handout, download links, the error-report address (logic in sitebuild.handout,
# sitebuild.downloads, sitebuild.report_error) -------------------------------------------------------


def on_page_content(html: str, *, page: Any, config: Any, files: Any) -> str:
    from sitebuild import downloads, report_error

    lawcite_hooks.on_page_content(page)
    extra = dict(config.extra)
    if page.file.src_uri == handout.HANDOUT_PAGE and not extra.get("edition"):
        _render_handout(html, page, config)
    html = report_error.replace_placeholder(
        html, url=str(extra.get("report_error_url") or ""), page=page.file.src_uri
    )
    return downloads.replace_placeholder(
        html,
        page_dest_uri=page.file.dest_uri,
        extra=extra,
        staging_dir=downloads.STAGING_DIR,
    )


def _render_handout(html: str, page: Any, config: Any) -> None:
    """The web build prints the handout's page to one A4 sheet (PDF and PNG) into build/downloads/."""
    from sitebuild import downloads

    address = f" · {config.site_url}" if seo.is_public(config.site_url) else ""  # not the preview's address
    footer = f"{config.site_name} · {page.title} · 核对于 {page.meta.get('reviewed', '')}{address}"
    try:
        result = handout.render_handout(html, title=f"{page.title} · {config.site_name}", footer=footer,
                                        out_dir=downloads.STAGING_DIR)
    except handout.HandoutError as err:
        log.warning("%s", err)
        return
    log.info("handout: %s and %s (one A4 page)", result.pdf, result.png)


# --- Findable and shareable (issue 13; logic in sitebuild.seo, sitebuild.faq_schema, sitebuild.csp) ------


@event_priority(-100)  # last: the policy hashes the inline scripts of the finished page
def on_post_page(output: str, *, page: Any, config: Any) -> str:
    where = seo.source_path(page)
    if config.extra.get("edition") != "pdf":
        output = faq_schema.add_to_page(output, page, where=where)
    return csp.secure_page(output, where=where, content=page.content or "", config=config)


def on_post_template(output_content: str, *, template_name: str, config: Any) -> str:
    if not template_name.endswith(".html"):
        return output_content
    return csp.secure_page(output_content, where=f"the theme's {template_name}", content="", config=config)


def on_post_build(*, config: Any) -> None:
    seo.write_robots_txt(config)
