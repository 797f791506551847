"""sitebuild.message_claims: the data file is checked with messages that name the file and the kind, and renders
the table, the handout line and the reader's form where their placeholders are."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import message_claims as mc

ROOT = Path(__file__).resolve().parents[2]
GOOD_KIND = """  - id: visit
    title: 说要上门
    patterns: ['上门']
    truth: 不用开门。
    action: 隔门说话。
    href: faq/visit/
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_project_file_loads_with_every_kind() -> None:
    claims = mc.load(ROOT / mc.CLAIMS_FILE)
    assert len(claims.kinds) == 20
    assert sum(kind.handout for kind in claims.kinds) == 6
    assert claims.traditional["門"] == "门"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kinds: nope", "needs `kinds:`"),
        ("kinds:\n  - id: x\n    title: t\n", "kind x needs patterns, truth, action, href"),
        ("kinds:\n" + GOOD_KIND.replace("['上门']", "['(上门']"), "kind visit: pattern '(上门' is not a regular expression"),
        ("kinds:\n" + GOOD_KIND.replace("['上门']", "['(?P<w>上门)']"), "Python-only syntax"),
        ("kinds:\n" + GOOD_KIND.replace("faq/visit/", "/faq/visit.md"), "must be a page address from the site root"),
        ("kinds:\n" + GOOD_KIND + GOOD_KIND, "kind visit is listed twice"),
        ("kinds:\n" + GOOD_KIND + "    handout: true\n", "give it a `short` line"),
        ("traditional: 門\nkinds:\n" + GOOD_KIND, "is not one traditional and one simplified character"),
        ("kinds: [\n", "not valid YAML"),
    ],
)
def test_bad_data_is_a_clear_message(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(mc.MessageClaimsError) as info:
        mc.load(path)
    assert str(path) in str(info.value) and expected in str(info.value)


def test_placeholders_render_and_the_pdf_has_no_form() -> None:
    claims = mc.load(ROOT / mc.CLAIMS_FILE)
    page = f"{mc.READER_PLACEHOLDER}\n\n{mc.TABLE_PLACEHOLDER}\n"
    existing = {"faq/visit.md", "faq/family.md", "faq/messages.md", "contacts.md"}
    web = mc.render(page, claims=claims, page_dir="", existing=existing, edition="")
    pdf = mc.render(page, claims=claims, page_dir="", existing=existing, edition="pdf")
    assert 'id="message-text"' in web and 'id="message-text"' not in pdf
    assert 'id="claim-visit"' in pdf and "[看解答](faq/visit.md)" in pdf
    # an answer page not in the build is named; the scam signs come first
    assert "[看解答](contacts.md)" in pdf
    rows = [line for line in pdf.splitlines() if line.startswith("| <span")]
    assert 'id="claim-pay-channel"' in rows[0]
    missing = {k.href for k in mc.missing_pages(claims, existing)}
    assert "faq/message-words/" in missing and "contacts/" not in missing and "faq/visit/" not in missing


def test_the_script_defines_the_data() -> None:
    script = mc.to_script(mc.load(ROOT / mc.CLAIMS_FILE))
    assert script.startswith("/*") and "window.MESSAGE_CLAIMS = {" in script and '"kind":"freeze"' in script
