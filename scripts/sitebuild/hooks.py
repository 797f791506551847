"""MkDocs hooks: page dates.

Every page states the day its facts were last checked (front matter `reviewed: YYYY-MM-DD`),
shown as 最后核对 by overrides/main.html. A page without a valid date is a build warning, so
`mkdocs build --strict` fails with the file named.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

log = logging.getLogger("mkdocs.hooks.sitebuild")


def reviewed_date(meta: dict[str, Any]) -> dt.date | None:
    value = meta.get("reviewed")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    date = reviewed_date(page.meta)
    if date is None:
        log.warning(
            "%s: front matter needs `reviewed: YYYY-MM-DD` (the day its facts were last checked); found %r",
            page.file.src_uri,
            page.meta.get("reviewed"),
        )
    else:
        page.meta["reviewed"] = date.isoformat()
    return markdown
