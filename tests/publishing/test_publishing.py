"""A publishing build carries the site's address everywhere it must (canonical links, share tags and images,
sitemap, robots.txt, the handout, the handbook, the offline copy, each with a QR code that decodes to it) and
a working error-report link on every page; a local build says it is an unpublished preview instead."""

from __future__ import annotations

import base64
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image
from pypdf import PdfReader

from publishing_build import NAMES, PUBLISHING_ENV, REPO, REPORT_EMAIL, ROOT, SITE_URL, Published, engine_build
from sitebuild.seo import is_public
from sitebuild.site_address import PREVIEW_NOTICE

DATA_URL = re.compile(r"^data:image/png;base64,(?P<data>.+)$")
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def html_pages(site: Path) -> list[Path]:
    """The built documentation pages (not the theme's 404 page, which belongs to no page)."""
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts and p.name != "404.html")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page_url(site: Path, page: Path) -> str:
    """The page's published address: `faq/visit/index.html` (web) and `faq/visit.html` (offline) -> …/faq/visit/."""
    rel = page.relative_to(site).as_posix()
    path = rel.removesuffix("index.html") if rel.endswith("index.html") else rel.removesuffix(".html") + "/"
    return SITE_URL + path


def qr_texts(picture: Image.Image) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(picture.convert("L"))]


def data_url_qr_texts(document: BeautifulSoup) -> list[str]:
    texts = []
    for img in document.select("img.site-address-qr"):
        match = DATA_URL.match(img["src"])
        assert match is not None, img["src"][:60]
        texts += qr_texts(Image.open(io.BytesIO(base64.b64decode(match["data"]))))
    return texts


def pdf_qr_texts(reader: PdfReader, page: int) -> list[str]:
    return [text for image in reader.pages[page].images for text in qr_texts(image.image)]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- the web site's addresses --------------------------------------------------------------------------------


def test_canonical_og_url_and_share_image_use_the_site_url(published: Published) -> None:
    pages = html_pages(published.web)
    assert len(pages) > 30
    for page in pages:
        doc = soup(page)
        url = page_url(published.web, page)
        assert doc.find("link", rel="canonical")["href"] == url, page
        assert doc.find("meta", property="og:url")["content"] == url, page
        image_url = doc.find("meta", property="og:image")["content"]
        assert image_url.startswith(SITE_URL + "assets/share/") and image_url.endswith(".png"), image_url
        assert doc.find("meta", attrs={"name": "twitter:image"})["content"] == image_url
        assert doc.find("meta", property="og:image:width")["content"] == "1200"
        assert doc.find("meta", property="og:image:height")["content"] == "630"
        with Image.open(published.web / image_url.removeprefix(SITE_URL)) as picture:
            assert (picture.format, picture.size) == ("PNG", (1200, 630)), image_url


def test_share_images_differ_per_page(published: Published) -> None:
    images = {(published.web / "assets" / "share" / f).read_bytes() for f in ("index.png", "faq/jail.png", "door.png")}
    assert len(images) == 3


def test_sitemap_locations_and_reviewed_dates(published: Published) -> None:
    tree = ElementTree.parse(published.web / "sitemap.xml")
    entries = tree.findall("s:url", SITEMAP_NS)
    assert len(entries) == len(html_pages(published.web))
    for entry in entries:
        loc = entry.findtext("s:loc", namespaces=SITEMAP_NS) or ""
        assert loc.startswith(SITE_URL), loc
        page = published.web / loc.removeprefix(SITE_URL) / "index.html"
        reviewed = soup(page).select_one(".page-reviewed time")
        assert reviewed is not None, f"{page}: no 最后核对 date"
        assert entry.findtext("s:lastmod", namespaces=SITEMAP_NS) == reviewed["datetime"], loc


def test_robots_points_at_the_published_sitemap(published: Published) -> None:
    robots = (published.web / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()


# --- the address on what leaves the site ---------------------------------------------------------------------


def test_handout_pdf_has_the_address_and_a_qr_code_of_it(published: Published) -> None:
    reader = PdfReader(published.handout_pdf)
    assert len(reader.pages) == 1
    assert SITE_URL in squeeze(reader.pages[0].extract_text())
    assert SITE_URL in pdf_qr_texts(reader, 0)


def test_handout_picture_has_a_qr_code_of_the_address(published: Published) -> None:
    with Image.open(published.web / NAMES.folder / NAMES.handout_png) as picture:
        assert SITE_URL in qr_texts(picture)


def test_handbook_cover_and_footer_carry_the_address(published: Published) -> None:
    reader = PdfReader(published.handbook)
    cover = squeeze(reader.pages[0].extract_text())
    assert SITE_URL in cover and REPORT_EMAIL in cover
    assert SITE_URL in pdf_qr_texts(reader, 0)
    links = [a.get_object()["/A"].get("/URI", "") for a in reader.pages[0].get("/Annots", [])]
    assert any(str(uri).startswith(f"mailto:{REPORT_EMAIL}?subject=") for uri in links), links
    later = [squeeze(reader.pages[i].extract_text()) for i in (3, len(reader.pages) // 2, len(reader.pages) - 1)]
    assert all(SITE_URL in text for text in later), "a page footer lacks the site's address"


@pytest.mark.parametrize("name", ["about/index.html", "mingbaizhi.html"])
def test_offline_about_and_handout_page_give_the_address_with_a_qr(published: Published, name: str) -> None:
    doc = soup(published.offline / name)
    block = doc.select_one(".site-address")
    assert block is not None and SITE_URL in block.get_text()
    assert data_url_qr_texts(doc) == [SITE_URL]


# --- error reports -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["web", "offline"])
def test_every_page_has_a_mailto_link_with_its_own_title_and_address(published: Published, edition: str) -> None:
    site = published.web if edition == "web" else published.offline
    for page in html_pages(site):
        doc = soup(page)
        links = doc.select("a.report-error-link")
        assert len(links) == 1, f"{page}: {len(links)} report links"
        href = urlsplit(links[0]["href"])
        assert (href.scheme, href.path) == ("mailto", REPORT_EMAIL), href
        query = parse_qs(href.query, strict_parsing=True)
        h1 = doc.select_one("article h1")
        title = h1.get_text().replace("¶", "").strip() if h1 else ""
        assert query["subject"] == [f"报告错误：{title}"], (page, query["subject"])
        body = query["body"][0]
        assert body.startswith(f"页面：{title}\r\n{page_url(site, page)}\r\n"), (page, body[:120])
        assert "哪里不对：" in body and "依据/来源" in body


def test_about_links_the_issue_form(published: Published) -> None:
    hrefs = [a["href"] for a in soup(published.web / "about/index.html").select(".report-error-issue a")]
    assert hrefs == [f"{REPO}/issues/new?template=report-error.yml"]


def test_publishing_without_a_report_address_fails_in_one_line(tmp_path: Path) -> None:
    env = {**PUBLISHING_ENV, "REPORT_ERROR_EMAIL": ""}
    proc = engine_build("mkdocs.yml", tmp_path / "site", env)
    output, _ = proc.communicate()
    assert proc.returncode != 0
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if "REPORT_ERROR_EMAIL" in line]
    assert len(lines) == 1 and "set REPORT_ERROR_EMAIL" in lines[0], output


def test_build_driver_stops_before_building_in_one_line() -> None:
    """`./tasks.sh build` (python -m sitebuild.build): one line on stderr, before any edition is built."""
    env = {**os.environ, **PUBLISHING_ENV, "REPORT_ERROR_EMAIL": ""}
    proc = subprocess.run([sys.executable, "-m", "sitebuild.build"], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", check=False, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [proc.stderr.strip()] and "set REPORT_ERROR_EMAIL" in proc.stderr, proc.stderr
    assert proc.stdout == "" and "Traceback" not in proc.stderr


# --- a local build: a preview (the site the other tests use, built without SITE_URL) -------------------------

local_only = pytest.mark.skipif(is_public(os.environ.get("SITE_URL")), reason="SITE_URL is set: not a local build")


@local_only
@pytest.mark.parametrize("name", ["about/index.html", "mingbaizhi/index.html"])
def test_local_build_says_it_is_a_preview_with_no_qr(site_dir: Path, name: str) -> None:
    doc = soup(site_dir / name)
    notice = doc.select_one(".site-address-preview")
    assert notice is not None and PREVIEW_NOTICE in notice.get_text()
    assert not doc.select("img.site-address-qr")
    assert not doc.select("a.report-error-link")
    if not os.environ.get("REPORT_ERROR_EMAIL"):
        assert "还不能报告错误" in notice.get_text()


@local_only
@pytest.mark.parametrize("name", [NAMES.handout_pdf, NAMES.handbook])
def test_local_handout_and_handbook_say_it_is_a_preview(site_dir: Path, name: str) -> None:
    reader = PdfReader(site_dir / NAMES.folder / name)
    assert PREVIEW_NOTICE in squeeze(reader.pages[0].extract_text())
    assert pdf_qr_texts(reader, 0) == []
    if name == NAMES.handbook:
        assert PREVIEW_NOTICE in squeeze(reader.pages[len(reader.pages) // 2].extract_text()), "no notice in the footer"
