"""The collected readers' questions (tests/data/collected_questions.yaml) and their coverage table.

At least 100 questions, each with its source address, need, answering page (a real page) and coverage; none
repeats a question of tests/data/reader_questions.yaml; the table tests/data/question_coverage.md is what
scripts/question_coverage.py makes of the data; a broken entry is reported in one line naming file and entry.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import question_coverage
from question_coverage import DataError, load, render

ROOT = Path(__file__).resolve().parents[2]
READER_QUESTIONS = ROOT / "tests" / "data" / "reader_questions.yaml"


def test_at_least_100_questions_each_with_a_page() -> None:
    questions = load()
    assert len(questions) >= 100, f"only {len(questions)} collected questions"
    assert len({q.id for q in questions}) == len(questions), "ids repeat"
    assert {q.need for q in questions} == set(question_coverage.NEEDS), "a need has no questions"


def test_collected_questions_are_new() -> None:
    listed = {entry["question"] for entry in yaml.safe_load(READER_QUESTIONS.read_text(encoding="utf-8"))}
    repeated = [q.id for q in load() if q.q in listed]
    assert not repeated, f"already in {READER_QUESTIONS.name}: {repeated}"


def test_coverage_table_is_current() -> None:
    table = question_coverage.TABLE.read_text(encoding="utf-8")
    assert table == render(load()), "run .venv/bin/python scripts/question_coverage.py"
    assert question_coverage.main(["--check"]) == 0


def test_table_totals_add_up() -> None:
    questions = load()
    table = render(questions)
    full = sum(q.coverage == "full" for q in questions)
    partial = sum(q.coverage == "partial" for q in questions)
    none = sum(q.coverage == "none" for q in questions)
    assert full + partial + none == len(questions)
    assert f"| **all** | **{len(questions)}** | **{full}** | **{partial}** | **{none}** |" in table


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("page: faq/no-such-page/", "is no page under docs/"),
        ("coverage: mostly", "coverage must be one of"),
        ("need: money", "need must be one of"),
    ],
)
def test_bad_entry_is_one_clear_line(tmp_path: Path, entry: str, message: str) -> None:
    good = {"id": "x1", "q": "网贷逾期会坐牢吗", "need": "jail", "source": "https://example.org/q",
            "page": "faq/jail/", "coverage": "full"}
    key, _, value = entry.partition(": ")
    path = tmp_path / "questions.yaml"
    path.write_text(yaml.safe_dump([{**good, key: value}], allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load(path)
    text = str(caught.value)
    assert message in text and str(path) in text and "entry 1" in text and "\n" not in text
