"""The parts of the PDF build that can be checked without building: font check, glyph reports, links."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import downloads, fonts, pdf_hooks
from sitebuild.editions import download_names, load_edition
from sitebuild.errors import BuildError
from sitebuild.pdf import build_pdf

ROOT = Path(__file__).resolve().parents[2]
MESSAGE = (
    "error: the PDF needs the font Noto Sans CJK SC: install the Debian package fonts-noto-cjk "
    "(sudo apt-get install fonts-noto-cjk)"
)


@pytest.fixture
def no_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A fontconfig that knows no font at all: a machine without fonts-noto-cjk, as fc-list sees it."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"<?xml version='1.0'?>\n<fontconfig><cachedir>{tmp_path}/cache</cachedir></fontconfig>\n")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def test_fc_list_lines_with_several_names() -> None:
    output = "Noto Sans CJK SC,Noto Sans CJK SC Regular\nNoto Sans CJK JP\n\n"
    assert fonts.parse_fc_list_families(output) == {"Noto Sans CJK SC", "Noto Sans CJK SC Regular", "Noto Sans CJK JP"}


def test_installed_fonts_are_found() -> None:
    assert fonts.missing_families(fonts.PDF_FONT_FAMILIES, fonts.installed_zh_cn_families()) == []


def test_jp_face_alone_is_not_enough() -> None:
    assert fonts.missing_families(fonts.PDF_FONT_FAMILIES, {"Noto Sans CJK JP"}) == list(fonts.PDF_FONT_FAMILIES)


def test_missing_font_stops_the_pdf_before_rendering(no_fonts: dict[str, str], tmp_path: Path) -> None:
    with pytest.raises(BuildError) as raised:
        build_pdf(tmp_path, load_edition("pdf"))
    assert str(raised.value) == MESSAGE
    assert not (tmp_path / "build").exists(), "something was built although the font is missing"


def test_missing_font_message_from_the_command_line(no_fonts: dict[str, str]) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "sitebuild.fonts"], env=no_fonts, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == MESSAGE
    assert "Traceback" not in proc.stderr


def test_weasyprint_missing_glyph_becomes_a_build_warning(caplog: pytest.LogCaptureFixture) -> None:
    """A character no installed font has (an Egyptian hieroglyph) is reported by name, as a warning."""
    from weasyprint import HTML

    handler = pdf_hooks.WeasyPrintToMkDocs()
    weasyprint_log = logging.getLogger("weasyprint")
    old_level = weasyprint_log.level
    weasyprint_log.addHandler(handler)
    weasyprint_log.setLevel(logging.WARNING)
    try:
        with caplog.at_level(logging.DEBUG, logger="mkdocs.hooks.sitebuild.pdf"):
            HTML(string="<p style='font-family: \"Noto Sans CJK SC\"'>中文 \U00013000</p>").write_pdf()
    finally:
        weasyprint_log.removeHandler(handler)
        weasyprint_log.setLevel(old_level)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("missing glyph" in m and "U+13000" in m for m in warnings), warnings
    assert not any("U+4E2D" in m for m in warnings), "中 was reported missing although Noto Sans CJK SC has it"


WEB_EXTRA = dict(load_edition("web").extra)


def test_download_links_on_the_web_site(tmp_path: Path) -> None:
    (tmp_path / "downloads").mkdir()
    (tmp_path / "downloads" / "shangmen-cuishou-mingbaizhi.pdf").write_bytes(b"x" * 1_450_000)
    html = downloads.replace_placeholder(
        "<h2>离线阅读</h2>\n<!-- downloads -->\n", page_dest_uri="about/index.html", extra=WEB_EXTRA, site_dir=tmp_path
    )
    assert '<a href="../downloads/shangmen-cuishou-mingbaizhi.pdf" download>' in html
    assert "1.4 MB" in html  # 1.45 MB, rounded down by the format
    assert '<a href="../downloads/shangmen-cuishou-mingbaizhi-offline.zip" download>' in html
    assert downloads.PLACEHOLDER not in html


def test_no_download_links_inside_the_downloads(tmp_path: Path) -> None:
    for edition in ("pdf", "offline"):
        html = downloads.replace_placeholder(
            "<!-- downloads -->", page_dest_uri="about/index.html",
            extra={**WEB_EXTRA, "edition": edition, "handbook_version": "1.2.3"}, site_dir=tmp_path,
        )
        assert "<a " not in html and "版本 1.2.3" in html, (edition, html)


def test_page_without_placeholder_is_unchanged(tmp_path: Path) -> None:
    assert downloads.replace_placeholder("<p>x</p>", page_dest_uri="index.html", extra=WEB_EXTRA, site_dir=tmp_path) == "<p>x</p>"


def test_download_names_come_from_the_configuration() -> None:
    with pytest.raises(BuildError, match=r"mkdocs.yml: extra.downloads is missing"):
        downloads.replace_placeholder("<!-- downloads -->", page_dest_uri="index.html", extra={}, site_dir=Path("."))
    bad = {**WEB_EXTRA, "downloads": {**WEB_EXTRA["downloads"], "handbook": "sub/x.pdf"}}
    with pytest.raises(BuildError, match=r"extra.downloads.handbook must be a file or folder name"):
        download_names(bad)


def test_section_index_title_is_not_repeated() -> None:
    from types import SimpleNamespace

    section = SimpleNamespace(title="合法性", children=[])
    index = SimpleNamespace(parent=section, is_index=True)
    other = SimpleNamespace(parent=section, is_index=False)
    section.children.extend([index, other])
    page = '<article><p>x</p><h1 id="合法性">合法性<a class="headerlink" href="#合法性">&para;</a></h1><h2>a</h2></article>'
    assert pdf_hooks.drop_repeated_section_title(page, index) == "<article><p>x</p><h2>a</h2></article>"
    assert pdf_hooks.drop_repeated_section_title(page, other) == page
    different = page.replace(">合法性<a", ">合法性：三条底线<a")
    assert pdf_hooks.drop_repeated_section_title(different, index) == different
