"""mkdocs-to-pdf theme handler (theme_handler_path in mkdocs.pdf.yml): Material's print styles,
without the "PDF" button the stock handler adds to every HTML page. The PDF build's HTML pages
are thrown away, and injecting the button re-parses each page twice.
"""

from __future__ import annotations

from logging import Logger
from typing import Any

from mkdocs_to_pdf.themes import material


def get_stylesheet(debug_html: bool) -> str:
    return material.get_stylesheet(debug_html)


def get_script_sources() -> list[str]:
    return material.get_script_sources()


def inject_link(html: str, href: str, page: Any, logger: Logger) -> str:
    return html
