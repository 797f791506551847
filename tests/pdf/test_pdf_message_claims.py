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
