from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lawcite.numerals import article_label, parse_numeral, to_chinese


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("一百", 100), ("一百零五", 105),
        ("一百一十", 110), ("二百九十三", 293), ("一千", 1000), ("一千零二十四", 1024),
        ("一千零三十二", 1032), ("一千二百六十", 1260), ("两百", 200), ("一〇二四", 1024),
        ("一千〇二十四", 1024), ("674", 674), ("６７４", 674), ("０４２", 42),
    ],
)
def test_parse(text: str, value: int) -> None:
    assert parse_numeral(text) == value


@pytest.mark.parametrize("bad", ["", "第", "十十", "一二百", "百千", "abc", "一x"])
def test_parse_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_numeral(bad)


@given(st.integers(min_value=1, max_value=9999))
def test_round_trip(n: int) -> None:
    assert parse_numeral(to_chinese(n)) == n


def test_statute_style() -> None:
    assert to_chinese(10) == "十"
    assert to_chinese(110) == "一百一十"
    assert to_chinese(1024) == "一千零二十四"
    assert to_chinese(1001) == "一千零一"
    assert article_label(293, 1) == "第二百九十三条之一"
    assert article_label(50) == "第五十条"
