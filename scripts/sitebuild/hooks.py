"""MkDocs hooks: page dates, and the MkDocs glue of the citation layer and the download links.

Every page states the day its facts were last checked (front matter `reviewed: YYYY-MM-DD`),
shown as 最后核对 by overrides/main.html. A page without a valid date is a build warning, so
`mkdocs build --strict` fails with the file named.
"""

from __future__ import annotations

import logging
from typing import Any

from lawcite.frontmatter import as_date

from sitebuild import lawcite_hooks

log = logging.getLogger("mkdocs.hooks.sitebuild")


def on_startup(*, command: str, dirty: bool) -> None:
    # jieba (Material's search plugin segments Chinese with it) sets its own logger to DEBUG with a
    # stderr handler, so every build printed "Building prefix dict …": keep its warnings only
    logging.getLogger("jieba").setLevel(logging.WARNING)


# --- Citation layer: links to the law appendix, generated appendix pages (logic in
# lawcite.mdext / lawcite.appendix; MkDocs glue in sitebuild.lawcite_hooks) ------------------------


def on_config(config: Any) -> None:
    lawcite_hooks.on_config(config)


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
    return lawcite_hooks.on_page_markdown(markdown, page, date)


# --- Download links on the 关于 page (issue 5; logic in sitebuild.downloads) --------------------


def on_page_content(html: str, *, page: Any, config: Any, files: Any) -> str:
    from sitebuild import downloads

    lawcite_hooks.on_page_content(page)

    return downloads.replace_placeholder(
        html,
        page_dest_uri=page.file.dest_uri,
        extra=dict(config.extra),
        staging_dir=downloads.STAGING_DIR,
    )
