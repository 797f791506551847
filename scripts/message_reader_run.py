"""Run the site's own message reader (window.readMessage on the built read-message/ page) in Chromium over many
messages in one page load. Shared by tests/browser/test_browser_message_reader.py and scripts/bench_messages.py (scripts/ holds what both use).

No pytest here, so the benchmark can use it too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from playwright.sync_api import Page

READER_PATH = "read-message/"
DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
WRITTEN_MESSAGES = DATA / "reader_messages.yaml"
COLLECTED_MESSAGES = DATA / "collected_messages.jsonl"


def read_all(page: Page, texts: list[str]) -> list[list[dict[str, Any]]]:
    """window.readMessage(text) for each text, as the page returns it (the page must be open)."""
    result: list[list[dict[str, Any]]] = page.evaluate("texts => texts.map(t => window.readMessage(t))", texts)
    return result


def kinds_of(claims: list[dict[str, Any]]) -> set[str]:
    return {str(claim["kind"]) for claim in claims}


def written_messages(path: Path = WRITTEN_MESSAGES) -> list[dict[str, Any]]:
    """The project's own test messages: id, text, claims (the kinds expected, exactly)."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a list of messages (- id: … / text: … / claims: […])")
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("text"), str) or not isinstance(entry.get("claims"), list):
            raise ValueError(f"{path}: message {number} needs text (a string) and claims (a list, [] for none)")
    return entries
