#!/usr/bin/env python3
"""How well the message reader recognises the claims of real collection messages: precision and recall by kind.

    .venv/bin/python scripts/bench_messages.py [--site DIR] [--misses]

Runs the site's own reader (window.readMessage on the built read-message/ page, in Debian's Chromium, one page
load) over
- tests/data/collected_messages.jsonl: real messages the project collected from public pages (with their URLs);
- ../shared/readers/messages.jsonl, when ../shared is there (read by this benchmark only);
and prints, for each set, precision and recall by kind, over all claims, and how many messages that assert
nothing got no claim. --misses also lists each wrong message by id (what was missed, what was extra).
Build the site first (./tasks.sh build or .venv/bin/mkdocs build).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

from playwright.sync_api import sync_playwright

from browser_harness import ChromiumMissing, launch_chromium, new_context, serve_directory
from message_reader_run import COLLECTED_MESSAGES, READER_PATH, kinds_of, read_all

# ../shared from the repository root; from a worktree of it, next to the main checkout
SHARED_CANDIDATES = [ROOT.parent / "shared", ROOT.parents[1] / "shared"]
SHARED_MESSAGES = next((d for d in SHARED_CANDIDATES if d.is_dir()), SHARED_CANDIDATES[0]) / "readers" / "messages.jsonl"


@dataclass
class Score:
    true_positive: Counter[str] = field(default_factory=Counter)
    false_positive: Counter[str] = field(default_factory=Counter)
    false_negative: Counter[str] = field(default_factory=Counter)
    silent: int = 0
    quiet_messages: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, message_id: str, want: set[str], claims: list[dict[str, Any]]) -> None:
        got = kinds_of(claims)
        words = {str(c["kind"]): c.get("words", []) for c in claims}
        for kind in want & got:
            self.true_positive[kind] += 1
        for kind in got - want:
            self.false_positive[kind] += 1
        for kind in want - got:
            self.false_negative[kind] += 1
        if not want:
            self.quiet_messages += 1
            self.silent += not got
        if want != got:
            extra = {kind: words[kind] for kind in sorted(got - want)}
            self.misses.append(f"{message_id}: missed {sorted(want - got)} extra {extra}")


def ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "  - "


def report(name: str, score: Score, show_misses: bool) -> bool:
    """Print the table; True when every kind reaches 0.95 precision and recall and quiet messages stay quiet."""
    kinds = sorted(set(score.true_positive) | set(score.false_positive) | set(score.false_negative))
    print(f"\n{name}")
    print(f"{'kind':24} {'support':>7} {'precision':>9} {'recall':>6}")
    ok = True
    for kind in kinds:
        tp, fp, fn = score.true_positive[kind], score.false_positive[kind], score.false_negative[kind]
        precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
        ok &= (tp + fp == 0 or tp / (tp + fp) >= 0.95) and (tp + fn == 0 or tp / (tp + fn) >= 0.95)
        print(f"{kind:24} {tp + fn:7d} {precision:>9} {recall:>6}")
    tp, fp, fn = (sum(c.values()) for c in (score.true_positive, score.false_positive, score.false_negative))
    print(f"{'all claims':24} {tp + fn:7d} {ratio(tp, tp + fp):>9} {ratio(tp, tp + fn):>6}")
    print(f"messages that assert nothing: {score.silent} of {score.quiet_messages} got no claim")
    ok &= score.silent == score.quiet_messages
    if show_misses:
        for line in score.misses:
            print(f"  {line}")
    return ok


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built web site (default: site/)")
    parser.add_argument("--misses", action="store_true", help="list each message the reader got wrong, by id")
    args = parser.parse_args()
    page = args.site / READER_PATH / "index.html"
    if not page.is_file():
        print(f"error: {page} not found: build the site first (./tasks.sh build)", file=sys.stderr)
        return 2
    sets = [("collected (tests/data/collected_messages.jsonl)", load(COLLECTED_MESSAGES))]
    if SHARED_MESSAGES.is_file():
        sets.append(("../shared/readers/messages.jsonl", load(SHARED_MESSAGES)))
    else:
        print("../shared/readers/messages.jsonl not found: scoring the project's collection only")
    all_ok = True
    with serve_directory(args.site) as base, sync_playwright() as playwright:
        try:
            browser = launch_chromium(playwright)
        except ChromiumMissing as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        tab = new_context(browser).new_page()
        tab.goto(base + READER_PATH)
        for name, messages in sets:
            results = read_all(tab, [m["text"] for m in messages])
            score = Score()
            for message, claims in zip(messages, results):
                score.add(str(message["id"]), set(message["claims"]), claims)
            all_ok &= report(f"{name}: {len(messages)} messages", score, args.misses)
        browser.close()
    print("\ntarget (precision and recall >= 0.95 by kind, silent on quiet messages):", "met" if all_ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
