"""The PDF handbook built by `./tasks.sh build`: A4, fonts, bookmarks, text, links, log."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from handbook_pdf import PDF_BUILD_LOG, ROOT, SITE, squeeze

pytestmark = pytest.mark.pdf

A4_POINTS = (595.28, 841.89)
PILLARS = ("authenticity", "conduct", "legality")
APPENDIX_TITLE = "法条附录"


def page_headings(page: Path, names: tuple[str, ...]) -> list[str]:
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
    assert article is not None, f"{page}: no <article>"
    return [squeeze(h.get_text()) for h in article.find_all(list(names))]


def test_pdf_is_a4_with_pages(reader: PdfReader, pdf_path: Path) -> None:
    assert len(reader.pages) > 3, f"{pdf_path} has only {len(reader.pages)} pages"
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1, f"page {number} is {width}×{height} pt"


def _fonts(reader: PdfReader) -> dict[str, DictionaryObject]:
    """Every font resource of every page (and of form XObjects on it), by object identity."""
    found: dict[str, DictionaryObject] = {}

    def visit(resources: DictionaryObject | None) -> None:
        if not resources:
            return
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            found[str(ref.idnum) if isinstance(ref, IndirectObject) else str(id(font))] = font
        for xobject in (resources.get("/XObject") or {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
    return found


def _descriptor(font: DictionaryObject) -> DictionaryObject | None:
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor.get_object() if descriptor is not None else None


def test_fonts_are_embedded_subset_sc_and_not_type3(reader: PdfReader) -> None:
    fonts = _fonts(reader)
    assert fonts, "the PDF has no fonts at all"
    names = sorted(str(font.get("/BaseFont")) for font in fonts.values())
    type3 = [name for name, font in zip(names, fonts.values()) if font.get("/Subtype") == "/Type3"]
    assert not type3, f"Type 3 (bitmap-like) fonts in the PDF: {type3}"
    cjk = {str(font["/BaseFont"]): font for font in fonts.values() if "CJK" in str(font.get("/BaseFont"))}
    assert cjk, f"no CJK font in the PDF (fonts: {names}); the Chinese text cannot be in it"
    for name, font in cjk.items():
        assert re.search(r"CJK-?SC", name), f"{name}: not the Simplified Chinese face (JP/KR/TC glyph shapes differ)"
        assert re.match(r"/[A-Z]{6}\+", name), f"{name}: not subset (the whole font would be ~20 MB)"
        descriptor = _descriptor(font)
        assert descriptor is not None and any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
        ), f"{name}: not embedded; a reader without the font sees another one or boxes"


def test_outline_has_every_page_and_heading(outline: list[tuple[int, str, int]], site_pages: list[Path]) -> None:
    """Every page's title and section headings (h1, h2 of the web page) is a bookmark, as often as it occurs."""
    bookmarks = Counter(squeeze(title) for _, title, _ in outline)
    wanted: Counter[str] = Counter()
    for page in site_pages:
        wanted.update(page_headings(page, ("h1", "h2")))
    missing = {title: n - bookmarks[title] for title, n in wanted.items() if bookmarks[title] < n}
    assert not missing, (
        f"{sum(missing.values())} headings of the web pages have no bookmark in the PDF (title: how many "
        f"missing): {dict(list(missing.items())[:15])}; if they are the last pages, WeasyPrint stopped early"
    )


def test_text_has_pillar_titles(pdf_text: str) -> None:
    for pillar in PILLARS:
        page = SITE / pillar / "index.html"
        assert page.is_file(), f"{page.relative_to(ROOT)} missing: run ./tasks.sh build"
        title = page_headings(page, ("h1",))[0]
        assert title in pdf_text, f"the PDF text lacks the title of {pillar}/: {title}"


def _cited_articles() -> list[tuple[Path, str]]:
    """(appendix page, article id) of each citation link in the pillar pages."""
    found = []
    for pillar in PILLARS:
        soup = BeautifulSoup((SITE / pillar / "index.html").read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("article a[href]"):
            href = unquote(link["href"])
            match = re.search(r"(?:^|/)laws/([^/#]+)/(?:index\.html)?#(.+)$", href)
            if match:
                found.append((SITE / "laws" / match.group(1) / "index.html", match.group(2)))
    return found


def test_text_has_a_cited_article(pdf_text: str) -> None:
    cited = _cited_articles()
    assert cited, "no pillar page links a citation to the appendix (laws/<law>/#<article>)"
    appendix_page, anchor = cited[0]
    soup = BeautifulSoup(appendix_page.read_text(encoding="utf-8"), "html.parser")
    target = soup.find(id=anchor)
    assert target is not None, f"{appendix_page.relative_to(ROOT)} has no #{anchor}"
    # The article is the element with the id, or (for a heading) the heading and what follows it.
    text = squeeze(target.get_text())
    if target.name in {"h2", "h3", "h4"}:
        sibling = target.find_next_sibling()
        text += squeeze(sibling.get_text()) if sibling is not None else ""
    assert len(text) > 10, f"#{anchor} on {appendix_page} has almost no text: {text!r}"
    assert text in pdf_text, f"the PDF text lacks the cited article {appendix_page.parent.name}#{anchor}: {text[:80]}"


def _appendix_pages(outline: list[tuple[int, str, int]], page_count: int) -> range:
    top = [(title, page) for depth, title, page in outline if depth == 0]
    starts = [page for title, page in top if squeeze(title) == APPENDIX_TITLE]
    assert starts, f"no top-level bookmark {APPENDIX_TITLE}; top level: {[t for t, _ in top]}"
    start = starts[0]
    after = [page for _, page in top if page > start]
    return range(start, min(after) if after else page_count)


def test_citation_links_land_in_the_appendix(reader: PdfReader, outline: list[tuple[int, str, int]]) -> None:
    appendix = _appendix_pages(outline, len(reader.pages))
    destinations = reader.named_destinations
    links = []
    for number, page in enumerate(reader.pages):
        if number in appendix:
            continue
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            dest = annot.get("/Dest")
            if dest is None and "/A" in annot:
                dest = annot["/A"].get_object().get("/D")
            if isinstance(dest, str) and re.match(r"laws/[^:]+/:.+", dest):
                links.append((number, str(dest)))
    assert links, "no link in the chapters points to an article in the appendix (named destination laws/<law>/:<id>)"
    for number, dest in links:
        assert dest in destinations, f"page {number + 1}: link to {dest}, which is not in the PDF"
        landing = reader.get_destination_page_number(destinations[dest])
        assert landing in appendix, (
            f"page {number + 1}: link to {dest} lands on page {landing + 1}, outside the appendix "
            f"(pages {appendix.start + 1}–{appendix.stop})"
        )


def test_build_log_has_no_missing_glyph() -> None:
    if not PDF_BUILD_LOG.is_file():
        pytest.fail(f"{PDF_BUILD_LOG.relative_to(ROOT)} not found: run ./tasks.sh build first", pytrace=False)
    log = PDF_BUILD_LOG.read_text(encoding="utf-8")
    assert "Rendering for PDF" in log, "the log is not a PDF build's log"
    glyphs = [line for line in log.splitlines() if "missing glyph" in line or ".notdef" in line]
    assert not glyphs, "characters without a font (empty boxes in the PDF):\n" + "\n".join(glyphs[:20])


def test_about_page_links_both_downloads() -> None:
    about = SITE / "about" / "index.html"
    soup = BeautifulSoup(about.read_text(encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in soup.select("article a[href]") if "/downloads/" in a["href"]]
    names = sorted(Path(h).name for h in hrefs)
    assert names == ["shangmen-cuishou-mingbaizhi-offline.zip", "shangmen-cuishou-mingbaizhi.pdf",
                     "shangmen-cuishou-yiye-shouji.png", "shangmen-cuishou-yiye.pdf", "shangmen-cuishou-yiye.png"], (
        f"{about.relative_to(ROOT)}: download links {hrefs} (the page needs a line <!-- downloads -->)"
    )
    for href in hrefs:
        assert (about.parent / href).resolve().is_file(), f"{href} on the 关于 page leads nowhere"
    assert "MB" in soup.get_text() or "KB" in soup.get_text(), "the 关于 page does not say how big the downloads are"


def test_no_phone_number_is_a_link_in_the_handbook(reader: PdfReader, pdf_text: str) -> None:
    """Paper cannot dial: the web site's tel: links (sitebuild.hotlines) are switched off in the PDF."""
    uris = [str(annot.get_object().get("/A", {}).get("/URI", "")) for page in reader.pages
            for annot in page.get("/Annots") or []]
    assert uris, "the handbook has no link annotations at all: are links still exported?"
    assert not [u for u in uris if u.startswith("tel:")], "the PDF handbook carries tel: links"
    assert "12378" in pdf_text, "the handbook no longer names 12378"
