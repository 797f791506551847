"""On the built site (no browser): every number a reader may call is a tel: link, every table cell
knows its column, diagrams keep no fixed size and stay out of the search index, the handout is one A4 page
with its picture, the home page links it and the handbook, and 关于 › 报告错误 says where to report."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString
from pypdf import PdfReader

from sitebuild import handout, hotlines
from sitebuild.editions import load_edition
from site_pages import source_of

ROOT = Path(__file__).resolve().parents[2]
NOT_RUNNING_TEXT = {"a", "code", "pre", "kbd", "h1", "h2", "h3", "h4", "h5", "h6", "svg", "script", "style", "abbr",
                    "title", "textarea"}
NUMBERS = hotlines.number_pattern(tuple(h.number for h in hotlines.load_hotlines(ROOT / "data" / "hotlines.yaml")))


def article(site_dir: Path, page: str) -> BeautifulSoup:
    soup = BeautifulSoup((site_dir / page).read_text(encoding="utf-8"), "html.parser")
    found = soup.select_one("article")
    if found is None:
        pytest.skip(f"site/{page} has no article")
    return found


def test_every_number_to_call_is_a_tel_link(site_dir: Path, page: str) -> None:
    bare = []
    for text in article(site_dir, page).find_all(string=True):
        if not isinstance(text, NavigableString) or any(p.name in NOT_RUNNING_TEXT for p in text.parents):
            continue
        if any("diagram" in (p.get("class") or []) for p in text.parents):
            continue
        bare += [m.group(0) for m in NUMBERS.finditer(str(text))]
    assert not bare, (
        f"site/{page}: the numbers {bare} are plain text; data/hotlines.yaml lists them, so sitebuild.hotlines "
        f"should have made them tel: links (is `sitebuild.hotlines` in mkdocs.yml? source: {source_of(page)})"
    )


def test_the_complaint_channels_can_be_called(site_dir: Path) -> None:
    links = {a["href"] for a in article(site_dir, "conduct/complaints/index.html").select('a[href^="tel:"]')}
    assert {"tel:110", "tel:96110", "tel:12378", "tel:12363", "tel:12321", "tel:12348"} <= links, links


def test_every_table_cell_knows_its_column(site_dir: Path, page: str) -> None:
    for table in article(site_dir, page).select("table"):
        heads = [th.get_text(" ", strip=True) for th in table.select("thead th")]
        if not heads:
            continue
        for row in table.select("tbody tr"):
            for column, cell in enumerate(row.find_all("td")):
                assert cell.get("data-label") == heads[column], (
                    f"site/{page}: a cell in column {heads[column]!r} has data-label={cell.get('data-label')!r} "
                    "(sitebuild.tables labels cells; CSS shows them as cards on a phone)"
                )
        assert ("data-cards" in table.attrs) == (len(heads) >= 3), f"site/{page}: table {heads} data-cards"


def test_diagrams_have_a_viewbox_and_no_fixed_size(site_dir: Path, page: str) -> None:
    for svg in article(site_dir, page).select("figure.diagram > svg"):
        assert svg.get("viewbox") or svg.get("viewBox"), f"site/{page}: a diagram without viewBox cannot scale"
        fixed = {name: svg.get(name) for name in ("width", "height", "style") if svg.get(name)}
        assert not fixed, f"site/{page}: a diagram has a fixed size {fixed}; CSS sizes it to the column"
        assert not svg.find("title"), f"site/{page}: a diagram keeps Graphviz's node names (<title>)"


def test_search_index_holds_no_diagram_text(site_dir: Path) -> None:
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = "".join(d["title"] + d["text"] for d in index["docs"]).replace("\u200b", "")
    assert "-&gt;" not in text and "->" not in text, "the search index holds Graphviz edges (a->b)"
    text_of_page: dict[str, str] = {}
    for doc in index["docs"]:
        where = doc["location"].split("#")[0]
        text_of_page[where] = text_of_page.get(where, "") + re.sub(r"\s+", "", doc["title"] + doc["text"])
    checked = 0
    for html in site_dir.rglob("index.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        figures = soup.select("figure.diagram")
        if not figures:
            continue
        body = soup.select_one("article")
        assert body is not None
        for figure in figures:
            figure.extract()
        page_text = re.sub(r"\s+", "", body.get_text())
        for figure in figures:
            for label in {re.sub(r"\s+", "", t.get_text()) for t in figure.select("text")}:
                if len(label) >= 4 and label not in page_text:
                    checked += 1
                    indexed = text_of_page.get(html.relative_to(site_dir).as_posix().removesuffix("index.html"), "")
                    assert label not in indexed.replace("\u200b", ""), (
                        f"{html.relative_to(site_dir)}: the diagram's label {label!r} is in the search index "
                        "(figure.diagram should carry data-search-exclude)"
                    )
    assert checked, "no diagram label to check: are there still diagrams?"


# --- the one-page handout ------------------------------------------------------------------------------

NAMES = load_edition("web").downloads
A4_POINTS = (595.28, 841.89)


def built(site_dir: Path, name: str) -> Path:
    path = site_dir / NAMES.folder / name
    if not path.is_file():
        pytest.fail(f"{path} not found: the web build makes it (see its log, build/web-build.log)", pytrace=False)
    return path


def test_handout_is_one_a4_page_in_the_sc_font(site_dir: Path) -> None:
    reader = PdfReader(built(site_dir, NAMES.handout_pdf))
    assert len(reader.pages) == 1, f"the handout has {len(reader.pages)} pages; it must fit on one A4 sheet"
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9), f"not A4: {box}"
    fonts = {str(f["/BaseFont"]) for f in _fonts(reader)}
    assert fonts and all("Noto-Sans-CJK-SC" in f for f in fonts), f"fonts: {fonts}"
    text = re.sub(r"\s+", "", reader.pages[0].extract_text())
    for must in ("有人说要上门", "12378", "《中华人民共和国民法典》第六百七十五条", "短信里常见的说法"):
        assert must in text, f"the handout does not say {must!r}"


def _fonts(reader: PdfReader) -> list:
    resources = reader.pages[0]["/Resources"]
    return [font.get_object() for font in resources["/Font"].values()]


def test_handout_picture_is_the_page_at_150_dpi(site_dir: Path) -> None:
    data = built(site_dir, NAMES.handout_png).read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    expected = tuple(math.ceil(points / 72 * handout.PNG_DPI) for points in A4_POINTS)
    assert (width, height) == expected, f"the handout's picture is {width}×{height}, expected {expected}"
    assert len(data) < 400_000, f"the picture is {len(data)} bytes: too heavy to forward on a prepaid plan"


def test_home_page_links_the_handout_and_the_handbook(site_dir: Path) -> None:
    home = article(site_dir, "index.html")
    line = home.select_one(".print-downloads")
    assert line is not None and "打印" in line.get_text() and "下载" in line.get_text()
    hrefs = [a["href"] for a in line.select("a[href]")]
    assert "mingbaizhi/" in hrefs and f"downloads/{NAMES.handbook}" in hrefs, hrefs
    handout_page = article(site_dir, "mingbaizhi/index.html")
    files = [a["href"] for a in handout_page.select("a[download]")]
    assert files == [f"../downloads/{NAMES.handout_pdf}", f"../downloads/{NAMES.handout_png}",
                     f"../downloads/{handout.phone_png_name(NAMES.handout_png)}"], files


def test_report_error_section_says_where(site_dir: Path) -> None:
    about = article(site_dir, "about/index.html")
    heading = about.find("h2", id="报告错误")
    assert heading is not None, "关于 has no 报告错误 section"
    section = heading.find_next_sibling("p")
    assert section is not None and "report-error" in (section.get("class") or []), (
        "the 报告错误 section lacks the line sitebuild.report_error renders (<!-- report-error -->)"
    )
    link = section.find("a")
    assert link is not None or "还没有收取错误报告的地址" in section.get_text()
    if link is not None:
        assert link["href"].startswith(("mailto:", "https://")), link["href"]
