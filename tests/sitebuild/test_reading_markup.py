"""The build steps on real Markdown and real data: table labels, tel: links, letter blanks, diagram
style, the error-report address, the download lines, and the lists they read (hotlines, glossary)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import markdown
import pytest
import yaml

from lawcite import check_citations, find_citations, load_registry
from sitebuild import diagrams, downloads, hotlines, report_error
from sitebuild.editions import download_names, load_edition

ROOT = Path(__file__).resolve().parents[2]
HOTLINES = ROOT / "data" / "hotlines.yaml"
GLOSSARY = ROOT / "data" / "glossary.yaml"
REVIEWED = "2026-11-29"  # the day the glossary's law texts are judged (the 术语表 page's reviewed date)


def render(text: str, *extensions: object) -> str:
    return markdown.markdown(text, extensions=["tables", "md_in_html", "attr_list", *extensions])


# --- tables as cards ---------------------------------------------------------------------------------

TABLE = """
| 遇到的事 | 先找 | 电话或网址 |
|---|---|---|
| 被骗了 | **公安机关** | 110 |
|  |  |  |
"""


def test_every_cell_is_labelled_with_its_column() -> None:
    html = render(TABLE, "sitebuild.tables")
    assert '<table data-cards="">' in html
    assert '<td data-label="遇到的事">被骗了</td>' in html
    assert '<td data-label="先找"><strong>公安机关</strong></td>' in html
    assert '<td data-label="电话或网址">110</td>' in html
    assert re.search(r'<tr data-blank="">\s*<td data-label="遇到的事"></td>', html), html


def test_two_columns_stay_a_table() -> None:
    html = render("| 条文 | 讲什么 |\n|---|---|\n| 第一条 | 目的 |\n", "sitebuild.tables")
    assert "data-cards" not in html and 'data-label="讲什么"' in html


# --- tap to call -------------------------------------------------------------------------------------


def test_every_listed_number_has_a_source_and_a_date() -> None:
    entries = hotlines.load_hotlines(HOTLINES)
    assert {"110", "12378", "12363", "12368"} <= {h.number for h in entries}
    for entry in entries:
        assert len(entry.source) >= 8, f"{entry.number}: the source {entry.source!r} does not name where it is from"
    assert [h.number for h in entries if h.handout], "no number is marked for the handout"


def test_numbers_become_tel_links_and_quantities_do_not() -> None:
    ext = hotlines.HotlineExtension(data=str(HOTLINES))
    html = render("有危险先报警（110）。罚款 110 元，共 1100 条，2110 年。拨打 12378 或 96110。", ext)
    assert re.findall(r'href="tel:(\d+)"', html) == ["110", "12378", "96110"], html
    html = render("[打 12378](https://example.org) 和 `12363`。\n\n## 拨打 12321\n", ext)
    assert html.count("tel:") == 0, html


def test_pdf_edition_keeps_numbers_as_text() -> None:
    html = render("拨打 12378。", hotlines.HotlineExtension(data=str(HOTLINES), link=False))
    assert "tel:" not in html and "12378" in html


def test_handout_table_and_sources_come_from_the_list() -> None:
    ext = hotlines.HotlineExtension(data=str(HOTLINES), link=False)
    html = render("<!-- hotlines -->\n\n## 来源\n\n<!-- hotline-sources -->\n", ext)
    listed = [h for h in hotlines.load_hotlines(HOTLINES) if h.handout]
    assert html.count("<tr>") == len(listed) + 1
    for entry in listed:
        assert f"<td>{entry.number}</td>" in html and entry.source in html


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('- number: "110"\n  who: 公安\n  when: 危险\n  checked: 2026-11-29\n', ":1: the entry needs source"),
        ('- number: "110a"\n  who: a\n  when: b\n  source: c\n  checked: 2026-11-29\n', ":1: number '110a' must be digits"),
        ('- number: "1"\n  who: a\n  when: b\n  source: c\n  checked: soon\n', ":1: checked must be a date"),
        ('- number: "1"\n  who: a\n  when: b\n  source: c\n  checked: 2026-01-01\n'
         '- number: "1"\n  who: a\n  when: b\n  source: c\n  checked: 2026-01-01\n', "listed 2 times"),
        ("- number: [\n", "invalid YAML"),
    ],
)
def test_a_bad_list_of_numbers_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "hotlines.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(hotlines.HotlineError) as err:
        hotlines.load_hotlines(path)
    assert str(path) in str(err.value) and message in str(err.value), str(err.value)


# --- letters -------------------------------------------------------------------------------------------


def test_placeholders_in_a_letter_become_lines_to_write_on() -> None:
    html = render('【不在信里】\n\n<div class="letter" markdown>\n\n投诉人：【姓名】，电话【手机号】\n\n</div>\n',
                  "sitebuild.letters")
    assert '<span class="blank">【姓名】</span>，电话<span class="blank">【手机号】</span>' in html
    assert "<p>【不在信里】</p>" in html


# --- diagrams ------------------------------------------------------------------------------------------


def test_site_style_raises_small_labels_and_drops_diamonds() -> None:
    styled = diagrams.in_site_style('digraph { a [shape=diamond, fontsize=9]; b [fontsize="14"]; }')
    assert "shape=box" in styled and "diamond" not in styled
    assert "fontsize=12" in styled and "fontsize=14" in styled


def test_diagram_scales_with_the_column_and_carries_no_graphviz_names() -> None:
    source = '// 两步\ndigraph { start [label="收到通知"]; verify [label="核实"]; start -> verify; }'
    html = diagrams.format_dot(source, "dot", "diagram", {}, None)
    assert html.startswith('<figure class="diagram" data-search-exclude><svg role="img" aria-label="两步"')
    assert "viewBox=" in html and 'width="' not in html.split(">", 2)[1] and "style=" not in html
    assert "收到通知" in html and "<title>" not in html and "start" not in html and "verify" not in html


def test_too_wide_diagram_is_a_build_warning(caplog: pytest.LogCaptureFixture) -> None:
    wide = "// 一排框\ndigraph { " + " ".join(f'n{i} [label="第{i}个很长的框"];' for i in range(8)) + " }"
    with caplog.at_level(logging.WARNING, logger="mkdocs.sitebuild.diagrams"):
        diagrams.format_dot(wide, "dot", "diagram", {}, None)
    assert any("too wide for a phone" in r.getMessage() and "一排框" in r.getMessage() for r in caplog.records)


# --- report an error -------------------------------------------------------------------------------------


def test_mailto_link_carries_title_and_address_encoded() -> None:
    from urllib.parse import parse_qs, urlsplit

    href = report_error.mailto_href("fix@example.org", title="会坐牢吗？&#", address="https://example.org/faq/jail/")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and parts.path == "fix@example.org"
    assert " " not in href and "&#" not in href and "会" not in href  # every character encoded
    query = parse_qs(parts.query)
    assert query["subject"] == ["报告错误：会坐牢吗？&#"]
    body = query["body"][0]
    assert body.startswith("页面：会坐牢吗？&#\r\nhttps://example.org/faq/jail/\r\n")
    assert "哪里不对：" in body and "依据/来源" in body


def test_report_address_checked_one_line_each() -> None:
    assert report_error.check_config({"report_error_email": "mailto:fix@example.org"}, publishing=True) == "fix@example.org"
    assert report_error.check_config({"report_error_email": ""}, publishing=False) == ""
    for value, publishing in (("", True), ("not an address", False), ("a@b", True)):
        with pytest.raises(report_error.ReportAddressError) as err:
            report_error.check_config({"report_error_email": value}, publishing=publishing)
        message = str(err.value)
        assert "\n" not in message and report_error.ENV_VAR in message, message


# --- download lines --------------------------------------------------------------------------------------


def test_handout_and_handbook_lines_per_edition(tmp_path: Path) -> None:
    extra = dict(load_edition("web").extra)
    names = download_names(extra)
    (tmp_path / "downloads").mkdir()
    (tmp_path / "downloads" / names.handout_png).write_bytes(b"x" * 150_000)
    page = "<!-- handbook-download --> <!-- handout-downloads -->"
    web = downloads.replace_placeholder(page, page_dest_uri="mingbaizhi/index.html", extra=extra, site_dir=tmp_path)
    assert f'href="../downloads/{names.handbook}" download' in web
    assert f'href="../downloads/{names.handout_pdf}" download' in web
    assert f'href="../downloads/{names.handout_png}" download' in web and "150 KB" in web
    for edition in ("pdf", "offline"):
        other = downloads.replace_placeholder(page, page_dest_uri="index.html", extra={**extra, "edition": edition},
                                              site_dir=tmp_path)
        assert "<a " not in other and "<!--" not in other, (edition, other)


# --- glossary ----------------------------------------------------------------------------------------------

REQUIRED_TERMS = ["送达", "委托书", "债权人", "执行", "支付令", "失信被执行人", "限制消费", "管辖", "缺席判决", "呆账",
                  "恶意透支", "展期", "代偿", "紧急联系人"]


def glossary_entries() -> list[tuple[int, dict[str, object]]]:
    """Each entry with its line in data/glossary.yaml."""
    root = yaml.compose(GLOSSARY.read_text(encoding="utf-8"))
    assert isinstance(root, yaml.SequenceNode)
    return [(node.start_mark.line + 1, yaml.safe_load(yaml.serialize(node))) for node in root.value]


def test_glossary_has_the_terms_a_reader_meets() -> None:
    names = {str(entry["term"]) for _, entry in glossary_entries()}
    names |= {str(a) for _, entry in glossary_entries() for a in entry.get("aliases") or []}  # type: ignore[union-attr]
    missing = [term for term in REQUIRED_TERMS + ["限高"] if term not in names]
    assert not missing, f"data/glossary.yaml lacks {missing}"


def test_glossary_citations_are_right_at_the_pages_date() -> None:
    import datetime as dt

    registry = load_registry(ROOT / "data" / "laws")
    as_of = dt.date.fromisoformat(REVIEWED)
    wrong = []
    cited = 0
    for line, entry in glossary_entries():
        text = f"{entry['definition']}\n\n{entry.get('source') or ''}"
        findings = check_citations(find_citations(text, registry), registry, as_of, text=text)
        cited += len(findings)
        wrong += [f"data/glossary.yaml:{line} ({entry['term']}): {f.citation.text} → {f.status} {f.message}"
                  for f in findings if f.severity == "error"]
    assert cited >= 20, f"only {cited} citations in the glossary: is the checker reading it?"
    assert not wrong, "\n".join(wrong)
