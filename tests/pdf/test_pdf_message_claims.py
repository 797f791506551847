"""看懂催收短信 in the PDF handbook: the section 「短信里这样说，是什么意思」 with every kind's title from
data/message_claims.yaml, and no textarea (paper cannot take a pasted message)."""

from __future__ import annotations

from pathlib import Path

import yaml

from handbook_pdf import squeeze

CLAIMS = Path(__file__).resolve().parents[2] / "data" / "message_claims.yaml"


def test_the_handbook_has_the_claims_table_and_no_reader(pdf_text: str) -> None:
    assert squeeze("短信里这样说，是什么意思") in pdf_text
    kinds = yaml.safe_load(CLAIMS.read_text(encoding="utf-8"))["kinds"]
    missing = [kind["id"] for kind in kinds if squeeze(kind["title"])[:12] not in pdf_text]
    assert not missing, f"kinds whose title is not in the PDF: {missing}"
    assert squeeze("把短信粘贴到这里") not in pdf_text, "the PDF shows the reader's textarea label"


def test_the_handout_sheet_lists_the_common_claims(site_dir: Path) -> None:
    """The one-page handout (A4 PDF) carries the short line of every kind marked `handout: true`."""
    from pypdf import PdfReader

    sheet = PdfReader(site_dir / "downloads" / "shangmen-cuishou-yiye.pdf")
    assert len(sheet.pages) == 1
    text = squeeze(sheet.pages[0].extract_text())
    kinds = [k for k in yaml.safe_load(CLAIMS.read_text(encoding="utf-8"))["kinds"] if k.get("handout")]
    assert len(kinds) == 6
    assert squeeze("短信里常见的说法") in text
    missing = [k["id"] for k in kinds if squeeze(k["short"])[:10] not in text]
    assert not missing, f"kinds whose short line is not on the handout sheet: {missing}"
