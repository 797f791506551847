"""Findable and shareable: the site URL, each page's description, robots.txt.

- Site URL: `site_url` in mkdocs.yml reads the environment variable SITE_URL; its default is the local
  preview's address (`./tasks.sh build --serve`). The build says in one line which URL it used. The PDF and
  the offline edition have none: their pages are files, linked relatively, and a canonical link to a
  preview address would mean nothing there (and the offline build refuses absolute links in <link>).
- Descriptions: every page has `description:` in its front matter (one or two sentences, at most
  DESCRIPTION_LIMIT characters, its own); Material puts it into <meta name="description">, and
  overrides/main.html into the share tags. A page without one, or with one another page has, is a build
  warning naming the file and line, so `mkdocs build --strict` fails.
- robots.txt: written next to sitemap.xml, pointing at it.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

log = logging.getLogger("mkdocs.hooks.sitebuild.seo")

ENV_VAR = "SITE_URL"
DESCRIPTION_LIMIT = 120
FILE_EDITIONS = ("pdf", "offline")  # config.extra.edition values whose pages are files, not addresses
_DESCRIPTION_LINE = re.compile(r"^description[ \t]*:", re.MULTILINE)

_seen: dict[str, str] = {}  # description -> the page that has it (one build)


def on_config(config: Any) -> None:
    """Say which site URL this build uses; the file editions use none."""
    _seen.clear()
    edition = config.extra.get("edition")
    if edition in FILE_EDITIONS:
        config.site_url = None
        log.info("site URL: none in the %s edition (its pages are files linked relatively)", edition)
        return
    url = config.site_url or ""
    if not url:
        log.info(
            "site URL: none (%s is empty): sitemap.xml, robots.txt, canonical links and og:url are left out; "
            "set %s to the address the site is published at, e.g. %s=https://example.org/ ./tasks.sh build",
            ENV_VAR, ENV_VAR, ENV_VAR,
        )
        return
    source = f"from {ENV_VAR}" if os.environ.get(ENV_VAR) else f"the local preview's default; set {ENV_VAR} for a deployment"
    log.info("site URL: %s (%s)", url, source)


def is_public(url: str | None) -> bool:
    """False for no URL and for a loopback or private address (the local preview): nothing to print or share."""
    if not url:
        return False
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True
    return not (address.is_loopback or address.is_private or address.is_unspecified)


# --- descriptions ------------------------------------------------------------------------------------


def source_path(page: Any) -> str:
    """`docs/faq/visit.md` for a page written by hand, the generated page's path otherwise."""
    return os.path.relpath(page.file.abs_src_path) if page.file.abs_src_path else page.file.src_uri


def description_line(source: str) -> int:
    """The line of `description:` in the page's source (1 when there is none: the front matter's start)."""
    match = _DESCRIPTION_LINE.search(source)
    return source.count("\n", 0, match.start()) + 1 if match else 1


def description_problem(value: Any) -> str | None:
    """What is wrong with a front-matter description, or None when it will do."""
    if value is None:
        return (
            "front matter needs `description: …`: one or two plain sentences saying what the reader learns here, "
            f"at most {DESCRIPTION_LIMIT} characters (search results and shared links show it)"
        )
    if not isinstance(value, str) or not value.strip():
        return f"`description:` must be text, found {value!r}"
    if "\n" in value.strip():
        return "`description:` must be one line (search results show it as one)"
    if '"' in value or "<" in value:
        return "`description:` goes into an HTML attribute as it is: write “” quotation marks and no <"
    if len(value.strip()) > DESCRIPTION_LIMIT:
        return f"`description:` has {len(value.strip())} characters; shorten it to at most {DESCRIPTION_LIMIT}"
    return None


def check_description(page: Any) -> None:
    """Warn (strict builds fail) when the page's description is missing, malformed or another page's."""
    value = page.meta.get("description")
    where = f"{source_path(page)}:{description_line(page.file.content_string)}"
    problem = description_problem(value)
    if problem is not None:
        log.warning("%s: %s", where, problem)
        return
    text = value.strip()
    page.meta["description"] = text
    other = _seen.setdefault(text, page.file.src_uri)
    if other != page.file.src_uri:
        log.warning("%s: the same description as docs/%s: write one that says what this page is about", where, other)


def with_description(markdown: str, description: str) -> str:
    """A generated page's Markdown with `description:` added to its front matter (made if it has none)."""
    line = f"description: {json.dumps(description, ensure_ascii=False)}"
    if markdown.startswith("---\n"):
        return f"---\n{line}\n{markdown[4:]}"
    return f"---\n{line}\n---\n\n{markdown}"


# --- robots.txt --------------------------------------------------------------------------------------


def robots_txt(site_url: str) -> str:
    return f"User-agent: *\nDisallow:\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"


def write_robots_txt(config: Any) -> None:
    """robots.txt next to sitemap.xml (the web edition only: it needs the site URL)."""
    if not config.site_url or config.extra.get("edition") in FILE_EDITIONS:
        return
    if urlsplit(config.site_url).path not in ("", "/"):
        log.info(
            "robots.txt: the site is not at its host's root (%s): crawlers read robots.txt only from the root, "
            "so copy site/robots.txt there", config.site_url,
        )
    Path(config.site_dir, "robots.txt").write_text(robots_txt(config.site_url), encoding="utf-8")
