"""The seed article itself (../shared/seed, beside the project, never committed): what tests/data/seed.yaml
quotes from it is really there, and the checker finds the same citations in the whole page.

These are the only tests that need ../shared; without it they are skipped, and every other test runs on the
quotations in tests/data/seed.yaml.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lawcite import check_citations, find_citations, load_registry
from seed_quotes import SEED_ARTICLE, SEED_FINDINGS, SEED_QUESTIONS, SEED_SENTENCES

pytestmark = pytest.mark.skipif(not SEED_ARTICLE.is_file(),
                                reason=f"the seed article is not beside the project ({SEED_ARTICLE})")

REPO = Path(__file__).resolve().parents[2]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_quotation_is_in_the_seed() -> None:
    seed = squeeze(SEED_ARTICLE.read_text(encoding="utf-8"))
    missing = [q for q in SEED_SENTENCES + SEED_QUESTIONS if squeeze(q) not in seed]
    assert not missing, f"tests/data/seed.yaml quotes what the seed article does not say: {missing}"


def test_the_whole_article_gives_the_quoted_findings() -> None:
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    registry = load_registry()
    findings = check_citations(find_citations(text, registry, markdown=False), registry, date(2026, 11, 29),
                               text=text)
    assert [(f.citation.text, f.status, f.suggestion) for f in findings] == SEED_FINDINGS


def test_the_command_on_the_article() -> None:
    r = subprocess.run([sys.executable, str(REPO / "scripts" / "check_refs.py"), str(SEED_ARTICLE),
                        "--as-of", "2026-11-29", "--format", "json"],
                       capture_output=True, text=True, cwd=REPO, timeout=60)
    assert r.returncode == 1, r.stderr
    got = [(c["text"], c["status"], c["suggestion"]) for c in json.loads(r.stdout)["citations"]]
    assert got == SEED_FINDINGS
