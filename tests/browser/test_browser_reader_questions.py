"""Readers type whole questions into the search box. Each question in
tests/data/reader_questions.yaml is typed into the site's own search in Chromium; the page that answers it
must be among the first 3 results for at least 80 % of the readers' questions (origin: readers, copied verbatim
from ../shared/readers/questions.jsonl), and for at least 80 % of the project's own questions of the same needs
(origins project, holdout and holdout-2 together: written in the readers' style, the two held-out sets before
and after search was tuned, so they show whether search finds answers beyond the listed questions). Each set's
figure is printed.

Run with `-s` to see the per-question outcome and the figures; they are also written to
test-artifacts/reader-questions.txt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser.data_files import read_entries
from browser_harness import search

pytestmark = pytest.mark.browser

QUESTIONS_FILE = Path(__file__).resolve().parents[1] / "data" / "reader_questions.yaml"
REPORT = Path(__file__).resolve().parents[2] / "test-artifacts" / "reader-questions.txt"
TOP_N = 3
REQUIRED_SHARE = 0.80
ORIGINS = ("readers", "project", "holdout", "holdout-2")
OWN_ORIGINS = ("project", "holdout", "holdout-2")  # the project's own questions, asserted together
# A question whose words match nothing shows no result item at all; wait this long before counting it as
# "no results" (the harness waits for a first result item).
NO_RESULT_TIMEOUT_MS = 3_000


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    need: str
    origin: str
    page: str


@dataclass(frozen=True)
class Outcome:
    question: Question
    results: list[str]

    @property
    def found(self) -> bool:
        return self.question.page in self.results[:TOP_N]

    def line(self) -> str:
        shown = ", ".join(r or "(home)" for r in self.results[:TOP_N]) or "no results"
        mark = "ok  " if self.found else "MISS"
        return f"{mark} {self.question.id} [{self.question.need}] {self.question.question}\n       want {self.question.page}; got {shown}"


def load_questions(path: Path = QUESTIONS_FILE) -> list[Question]:
    """The question table, checked: clear messages naming the file and entry instead of a KeyError."""
    data = read_entries(path, "- id: … / question: … / page: …")
    questions: list[Question] = []
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            raise pytest.UsageError(f"{path}: entry {number} is not a mapping")
        missing = [k for k in ("id", "question", "need", "origin", "page") if not isinstance(entry.get(k), str)]
        if missing:
            raise pytest.UsageError(f"{path}: entry {number} ({entry.get('id', '?')}) needs text for {missing}")
        if entry["origin"] not in ORIGINS:
            raise pytest.UsageError(f"{path}: entry {entry['id']}: origin must be one of {ORIGINS}, not {entry['origin']!r}")
        page = entry["page"]
        if page.startswith("/") or page.endswith(".md") or (page and not page.endswith("/")):
            raise pytest.UsageError(
                f"{path}: entry {entry['id']}: page {page!r} must be a URL path from the site root ending in /, "
                'e.g. "faq/jail/" for docs/faq/jail.md ("" for the home page)'
            )
        questions.append(Question(entry["id"], entry["question"], entry["need"], entry["origin"], page))
    ids = [q.id for q in questions]
    if len(set(ids)) != len(ids):
        raise pytest.UsageError(f"{path}: ids repeat: {sorted({i for i in ids if ids.count(i) > 1})}")
    return questions


QUESTIONS = load_questions()


def test_every_expected_page_exists(site_dir: Path) -> None:
    missing = [f"{q.id}: {q.page}" for q in QUESTIONS if not (site_dir / q.page / "index.html").is_file()]
    assert not missing, f"{QUESTIONS_FILE.name} names pages the site does not have: {missing}; correct `page:` there"


@pytest.fixture(scope="module")
def outcomes(desktop: BrowserContext, site_url: str) -> dict[str, list[Outcome]]:
    """Every question typed into the search of one page, in file order, grouped by origin."""
    tab = desktop.new_page()
    tab.goto(site_url, wait_until="networkidle")
    grouped: dict[str, list[Outcome]] = {origin: [] for origin in ORIGINS}
    try:
        for question in QUESTIONS:
            try:
                results = search(tab, question.question, site_url, timeout_ms=NO_RESULT_TIMEOUT_MS)
            except PlaywrightTimeoutError:
                results = []
            grouped[question.origin].append(Outcome(question, results))
    finally:
        tab.close()
    report = "\n\n".join(summary(origin, grouped[origin]) for origin in ORIGINS)
    print("\n" + report)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(report + "\n", encoding="utf-8")
    return grouped


def share(found: list[Outcome]) -> float:
    return sum(o.found for o in found) / len(found)


def summary(origin: str, found: list[Outcome]) -> str:
    head = (f"{origin}: {sum(o.found for o in found)}/{len(found)} = {share(found):.0%} "
            f"find their page in the first {TOP_N} results")
    return "\n".join([head, *(o.line() for o in found)])


def test_readers_questions_find_their_page(outcomes: dict[str, list[Outcome]]) -> None:
    readers = outcomes["readers"]
    assert readers, f"{QUESTIONS_FILE.name} has no question with origin: readers"
    assert share(readers) >= REQUIRED_SHARE, (
        f"only {share(readers):.0%} of the readers' questions find their page in the first {TOP_N} results "
        f"(required: {REQUIRED_SHARE:.0%}). Make the answering page use the readers' words (in its headings), "
        f"or correct `page:` in {QUESTIONS_FILE.name}.\n" + summary("readers", readers)
    )


def test_own_questions_find_their_page(outcomes: dict[str, list[Outcome]]) -> None:
    own = [o for origin in OWN_ORIGINS for o in outcomes[origin]]
    assert own, f"{QUESTIONS_FILE.name} has no question with origin {OWN_ORIGINS}"
    assert share(own) >= REQUIRED_SHARE, (
        f"only {share(own):.0%} of the project's own questions ({', '.join(OWN_ORIGINS)}) find their page in the "
        f"first {TOP_N} results (required: {REQUIRED_SHARE:.0%}). Make the answering page use the readers' words, "
        f"but do not reword a held-out question to make it pass.\n"
        + "\n\n".join(summary(origin, outcomes[origin]) for origin in OWN_ORIGINS)
    )
