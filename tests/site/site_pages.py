"""Where a built page comes from, for messages that tell the reader which file to fix."""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def source_of(page: str) -> str:
    """`guide/negotiate/index.html` -> `docs/guide/negotiate.md` (or the index.md it was built from)."""
    if page == "404.html":
        return "the theme's 404 page (overrides/)"
    stem = page.removesuffix("index.html").removesuffix(".html").rstrip("/")
    candidates = [DOCS / f"{stem}.md", DOCS / stem / "index.md"] if stem else [DOCS / "index.md"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate.relative_to(DOCS.parent).as_posix()
    return f"a generated page (no docs/{stem or 'index'}.md)"
