"""lawcite.frontmatter: the one reader of a page's `reviewed:` date."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from lawcite.frontmatter import BadDateError, as_date, front_matter, reviewed_date


@pytest.mark.parametrize(
    "value, expected",
    [
        (date(2026, 11, 29), date(2026, 11, 29)),
        (datetime(2026, 11, 29, 8, 30), date(2026, 11, 29)),
        (" 2026-11-29 ", date(2026, 11, 29)),
        ("2026-13-01", None),
        (None, None),
        (20261129, None),
    ],
)
def test_as_date(value: object, expected: date | None) -> None:
    assert as_date(value) == expected


def test_reviewed_date_read_from_the_front_matter_only() -> None:
    page = "---\ntitle: 示例\nreviewed: 2026-11-29  # 核对日\n---\n\nreviewed: 2020-01-01\n"
    assert reviewed_date(page) == date(2026, 11, 29)
    assert reviewed_date("# 标题\n\nreviewed: 2026-11-29\n") is None
    assert reviewed_date("---\ntitle: 示例\n---\n") is None


def test_malformed_reviewed_date_names_its_line() -> None:
    with pytest.raises(BadDateError) as err:
        reviewed_date("---\ntitle: 示例\nreviewed: 2026-13-01\n---\n")
    assert err.value.line == 3
    assert err.value.value == "2026-13-01"


def test_front_matter_mapping() -> None:
    assert front_matter("---\ntitle: 示例\nhide: [navigation]\n---\ntext") == {"title": "示例", "hide": ["navigation"]}
    assert front_matter("---\n: : bad\n---\n") == {}
    assert front_matter("no front matter") == {}
