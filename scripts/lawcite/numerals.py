"""Chinese, Arabic and full-width numerals as used in article numbers."""
from __future__ import annotations

DIGITS: dict[str, int] = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
# Characters a numeral may be made of (used to build the extraction regex).
CHINESE_NUMERAL_CHARS = "〇零一二两三四五六七八九十百千"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_DIGITS = "〇一二三四五六七八九"


_PARSED: dict[str, int] = {}


def parse_numeral(s: str) -> int:
    """一千零二十四 -> 1024, 十一 -> 11, 二〇 -> 20, 42 -> 42, ４２ -> 42.

    Raises ValueError for text that is not a well-formed numeral.
    """
    n = _PARSED.get(s)
    if n is None:
        n = _parse_numeral(s)
        if len(_PARSED) < 20_000:  # the same few hundred numerals recur; bound it for odd input
            _PARSED[s] = n
    return n


def _parse_numeral(s: str) -> int:
    s = s.strip()
    if not s:
        raise ValueError("empty numeral")
    ascii_digits = s.translate(_FULLWIDTH)
    if ascii_digits.isascii() and ascii_digits.isdigit():
        return int(ascii_digits)
    if any(ch not in DIGITS and ch not in UNITS for ch in s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    if not any(ch in UNITS for ch in s):
        # Digit-by-digit form: 二〇二六
        return int("".join(str(DIGITS[ch]) for ch in s))
    total = 0
    pending: int | None = None
    last_unit = 10_000
    for ch in s:
        if ch in DIGITS:
            if pending is not None and DIGITS[ch] != 0:
                raise ValueError(f"two digits in a row in {s!r}")
            pending = DIGITS[ch] if DIGITS[ch] != 0 else None
        else:
            unit = UNITS[ch]
            if unit >= last_unit:
                raise ValueError(f"units out of order in {s!r}")
            total += (1 if pending is None else pending) * unit
            pending = None
            last_unit = unit
    if pending is not None:
        total += pending
    return total


def to_chinese(n: int) -> str:
    """1024 -> 一千零二十四, 10 -> 十, 110 -> 一百一十, 50 -> 五十 (the statutes' own style)."""
    if n < 0 or n >= 10_000:
        raise ValueError(f"out of range: {n}")
    if n == 0:
        return "零"
    parts: list[str] = []
    zero_pending = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            if zero_pending:
                parts.append("零")
                zero_pending = False
            parts.append(_CN_DIGITS[d] + name)
        elif parts:
            zero_pending = True
    out = "".join(parts)
    if out.startswith("一十"):
        out = out[1:]
    return out


def article_label(article: int, sub: int = 0) -> str:
    """(293, 1) -> 第二百九十三条之一."""
    label = f"第{to_chinese(article)}条"
    return label + (f"之{to_chinese(sub)}" if sub else "")
