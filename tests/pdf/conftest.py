"""Fixtures for the PDF handbook tests: the PDF and the web pages built with it by `./tasks.sh build`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import Destination

from handbook_pdf import PDF, ROOT, SITE, squeeze


@pytest.fixture(scope="session")
def pdf_path(site_dir: Path) -> Path:
    """The handbook next to the site (the site_dir fixture runs the build driver, which makes it)."""
    if not PDF.is_file():
        pytest.fail(f"{PDF.relative_to(ROOT)} not found: run ./tasks.sh build first", pytrace=False)
    return PDF


@pytest.fixture(scope="session")
def reader(pdf_path: Path) -> PdfReader:
    return PdfReader(pdf_path)


def flatten_outline(reader: PdfReader) -> Iterator[tuple[int, Destination]]:
    """Every bookmark with its depth (0 = top level), in document order."""

    def walk(items: list, depth: int) -> Iterator[tuple[int, Destination]]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, item

    yield from walk(reader.outline, 0)


@pytest.fixture(scope="session")
def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, 0-based page index) of every bookmark."""
    return [(depth, item.title, reader.get_destination_page_number(item)) for depth, item in flatten_outline(reader)]


@pytest.fixture(scope="session")
def pdf_text(reader: PdfReader) -> str:
    return squeeze("".join(page.extract_text() or "" for page in reader.pages))


@pytest.fixture(scope="session")
def site_pages(pdf_path: Path) -> list[Path]:
    """The web pages built together with the PDF (everything but 404.html and the search page)."""
    pages = [p for p in SITE.rglob("*.html") if p.relative_to(SITE).parts[0] not in {"assets", "search", "downloads"}]
    pages = [p for p in pages if p.name != "404.html"]
    if not pages:
        pytest.fail("site/ has no pages: run ./tasks.sh build first", pytrace=False)
    return sorted(pages)
