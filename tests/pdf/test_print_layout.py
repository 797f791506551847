"""The PDF handbook prints right: no page less than a third full except the last page of a part (the next
part begins on a new sheet) and the cover; the appendix index is a readable table; nothing marked for the
screen only is printed; every address is printed once; the contents page says which pages hold the guide
without the appendix, with numbers that match where the parts are."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from handbook_pdf import ROOT, squeeze

A4_HEIGHT_PT = 841.89
MARGIN_TOP_PT = 22 / 25.4 * 72     # pdf/styles.scss @page margins: the running header sits above
MARGIN_BOTTOM_PT = 20 / 25.4 * 72  # … and the page number below
MIN_FILL = 1 / 3
ARTIFACTS = ROOT / "test-artifacts"
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@dataclass(frozen=True)
class PageText:
    number: int      # 1-based
    fill: float      # the share of the text area's height between its first and last line
    words: list[tuple[float, float, float, float, str]]

    @property
    def text(self) -> str:
        return "".join(w[4] for w in self.words)


def page_texts(pdf: Path) -> list[PageText]:
    """Each page's words inside the text area (pdftotext -bbox, poppler-utils) and how full it is."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext not found: install poppler-utils (./tasks.sh does)", pytrace=False)
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    top, bottom = MARGIN_TOP_PT, A4_HEIGHT_PT - MARGIN_BOTTOM_PT
    pages = []
    for number, chunk in enumerate(out.split("<page ")[1:], 1):
        words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in WORD.findall(chunk)]
        body = [w for w in words if w[1] >= top - 2 and w[3] <= bottom + 2]
        fill = (max(w[3] for w in body) - min(w[1] for w in body)) / (bottom - top) if body else 0.0
        pages.append(PageText(number, fill, body))
    return pages


@pytest.fixture(scope="module")
def pages(pdf_path: Path) -> list[PageText]:
    return page_texts(pdf_path)


def part_starts(outline: list[tuple[int, str, int]]) -> set[int]:
    """1-based numbers of the pages where a part (a top-level bookmark) begins."""
    return {index + 1 for depth, _title, index in outline if depth == 0}


def test_no_page_is_less_than_a_third_full(pages: list[PageText], outline: list[tuple[int, str, int]]) -> None:
    starts = part_starts(outline) | {1}  # the cover
    # the last page of a part is followed by a part beginning on a new sheet: it may be short
    exempt = starts | {n - 1 for n in starts} | {len(pages)}
    thin = [f"page {p.number}: {p.fill:.0%} full — {p.text[:40]}" for p in pages
            if p.number not in exempt and p.fill < MIN_FILL]
    assert not thin, f"{len(thin)} of {len(pages)} pages are less than a third full:\n  " + "\n  ".join(thin)


def test_nothing_marked_for_the_screen_only_is_printed(pdf_text: str) -> None:
    assert "打印时不会印出这一框" not in pdf_text
    assert pdf_text.count("用前先读") >= 3, "the templates' advice (用前先读) is gone from the handbook"


def test_every_address_is_printed_once(pdf_text: str) -> None:
    doubled = re.findall(r"(https?://[^\s（）]+?)/?（\1/?）", pdf_text)
    assert not doubled, f"addresses printed twice: {sorted(set(doubled))[:5]}"
    assert "https://zxgk.court.gov.cn" in pdf_text


def test_the_appendix_index_is_a_readable_table(pages: list[PageText], reader: PdfReader, pdf_path: Path) -> None:
    index = next((p for p in pages if "本章收录本站引用的每一条法律条文" in p.text), None)
    assert index is not None, "no appendix index page"
    # readable: the law names are not broken into one-character columns, and no address squeezes the table
    assert "中华人民共和国民法典" in index.text and "中华人民共和国治安管理处罚法" in index.text, index.text[:200]
    assert "flk.npc.gov.cn" not in index.text, "the index table prints the official texts' addresses"
    lines = {}
    for x0, y0, _x1, _y1, word in index.words:
        lines.setdefault(round(y0), []).append(word)
    law_line = next(words for words in lines.values() if any("民法典" in w for w in words))
    assert "".join(law_line).find("中华人民共和国民法典") >= 0, f"the 民法典 row is broken: {law_line}"
    assert index.fill >= MIN_FILL, f"the appendix index page (page {index.number}) is {index.fill:.0%} full"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(index.number), "-l", str(index.number),
                        "-singlefile", str(pdf_path), str(ARTIFACTS / "screenshots" / "handbook-appendix-index")],
                       check=True, capture_output=True)


def test_the_contents_page_says_which_pages_hold_the_guide(pages: list[PageText],
                                                          outline: list[tuple[int, str, int]]) -> None:
    contents = next((p for p in pages[:4] if "目录" in p.text), None)
    assert contents is not None, "no contents page among the first pages"
    match = re.search(r"只打印正文（不含法条附录）：第(\d+)–(\d+)页。法条附录：第(\d+)–(\d+)页。", squeeze(contents.text))
    assert match, f"the contents page lacks the line on which pages to print: {contents.text[:200]}"
    guide_first, guide_last, appendix_first, appendix_last = map(int, match.groups())
    starts = sorted(part_starts(outline))
    appendix = next(index + 1 for depth, title, index in outline if depth == 0 and title == "法条附录")
    # the guide: from the first part after the contents to the page before the appendix
    assert guide_first == min(n for n in starts if n > contents.number), (guide_first, starts)
    assert appendix_first == appendix and guide_last == appendix - 1, (guide_last, appendix_first, appendix)
    # the appendix: to the page before the next part (关于)
    after = [n for n in starts if n > appendix]
    assert after and appendix_last == after[0] - 1, f"the appendix ends on page {appendix_last}; next part: {after}"
