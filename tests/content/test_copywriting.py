"""Chinese copywriting conventions on every page (a space between Chinese and Latin letters or digits,
full-width punctuation in Chinese text), checked with autocorrect (autocorrect-py, pinned)."""
from __future__ import annotations

from pathlib import Path

import autocorrect_py
import pytest

ROOT = Path(__file__).resolve().parents[2]
# the pages, and the glossary whose definitions are the hover texts on every page
PAGES = sorted((ROOT / "docs").rglob("*.md")) + [ROOT / "data" / "glossary.yaml"]


def findings(text: str, path: str) -> list[str]:
    return [f"{path}:{r.line}:{r.col}: {r.old.strip()!r} -> {r.new.strip()!r}" for r in autocorrect_py.lint_for(text, path).lines]


def test_the_linter_catches_a_missing_space_and_half_width_punctuation() -> None:
    found = findings("# 标题\n\n逾期5天后,对方说要上门。\n", "sample.md")
    assert len(found) == 1 and "逾期 5 天后，" in found[0]


@pytest.mark.parametrize("source", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_page_follows_copywriting_conventions(source: Path) -> None:
    found = findings(source.read_text(encoding="utf-8"), str(source.relative_to(ROOT)))
    assert not found, "fix these (autocorrect's suggestion after ->):\n" + "\n".join(found)
