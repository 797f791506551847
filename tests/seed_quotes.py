"""The parts of the seed article the tests quote (tests/data/seed.yaml), and where the article itself is."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

TESTS = Path(__file__).resolve().parent
SEED_DATA = TESTS / "data" / "seed.yaml"
# The article itself: beside the project in ../shared, never committed.
SEED_ARTICLE = TESTS.parent.parent / "shared" / "seed" / "000_3e392a57e86ee2c0.txt"


def _load() -> dict[str, Any]:
    data = yaml.safe_load(SEED_DATA.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and {"sentences", "questions", "findings"} <= set(data), (
        f"{SEED_DATA}: expected the keys sentences, questions and findings")
    return data


_DATA = _load()
SEED_SENTENCES: list[str] = _DATA["sentences"]
SEED_QUESTIONS: list[str] = _DATA["questions"]
# question -> (FAQ page under docs/, the `## ` heading that answers it); every question has one
SEED_ANSWERED_BY: dict[str, tuple[str, str]] = {q: tuple(a) for q, a in (_DATA.get("answered_by") or {}).items()}  # type: ignore[misc]
# (text, status, suggestion) of each citation in SEED_SENTENCES, in order
SEED_FINDINGS: list[tuple[str, str, str | None]] = [tuple(f) for f in _DATA["findings"]]  # type: ignore[misc]
