"""Chinese, Arabic and full-width numerals as used in article numbers (the words: grammar.yaml `numerals`)."""
from __future__ import annotations

from .grammar import Grammar, default_grammar

_CN_DIGITS = "〇一二三四五六七八九"  # the statutes' own style when writing a number (to_chinese)


class NumeralReader:
    """Reads numerals with one grammar's digits and multipliers (Grammar.numerals builds it once)."""

    def __init__(self, grammar: Grammar) -> None:
        self.digits = {**grammar.digits, **{grammar.traditional_spelling(k): v for k, v in grammar.digits.items()}}
        self.multipliers = dict(grammar.multipliers)
        self.fullwidth = str.maketrans(grammar.fullwidth_digits, "0123456789")
        self._read: dict[str, int] = {}  # the same few hundred numerals recur in every text

    def parse(self, s: str) -> int:
        """一千零二十四 -> 1024, 十一 -> 11, 二〇 -> 20, 42 -> 42, ４２ -> 42, 兩百 -> 200 (ValueError if malformed)."""
        value = self._read.get(s)
        if value is None:
            value = self._parse(s)
            if len(self._read) < 10_000:  # bounded: odd input cannot grow it without end
                self._read[s] = value
        return value

    def _parse(self, s: str) -> int:
        s = s.strip().translate(self.fullwidth)
        if not s:
            raise ValueError("empty numeral")
        if s.isascii() and s.isdigit():
            return int(s)
        digits, multipliers = self.digits, self.multipliers
        if any(ch not in digits and ch not in multipliers for ch in s):
            raise ValueError(f"not a Chinese numeral: {s!r}")
        if not any(ch in multipliers for ch in s):
            return int("".join(str(digits[ch]) for ch in s))  # digit by digit: 二〇二六
        total = 0
        pending: int | None = None
        last_multiplier = 10_000
        for ch in s:
            if ch in digits:
                if pending is not None and digits[ch] != 0:
                    raise ValueError(f"two digits in a row in {s!r}")
                pending = digits[ch] or None
            else:
                multiplier = multipliers[ch]
                if multiplier >= last_multiplier:
                    raise ValueError(f"multipliers out of order in {s!r}")
                total += (1 if pending is None else pending) * multiplier
                pending = None
                last_multiplier = multiplier
        return total + (pending or 0)


def parse_numeral(s: str, grammar: Grammar | None = None) -> int:
    """一千零二十四 -> 1024, 十一 -> 11, 二〇 -> 20, 42 -> 42, ４２ -> 42, 兩百 -> 200.

    Raises ValueError for text that is not a well-formed numeral.
    """
    return (grammar or default_grammar()).numerals.parse(s)


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
    return out[1:] if out.startswith("一十") else out


def article_label(article: int, sub: int = 0) -> str:
    """(293, 1) -> 第二百九十三条之一 (see lawcite.articles.ArticleRef)."""
    from .articles import ArticleRef

    return ArticleRef(article, sub).label
