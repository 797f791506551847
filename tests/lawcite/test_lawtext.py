"""Deriving articles, paragraphs and items from an official text (lawcite.lawtext), on real excerpts."""
from __future__ import annotations

from pathlib import Path

import pytest

from lawcite import RegistryError
from lawcite.lawtext import paragraph_structure, parse_body, parse_law_file
from lawcite_paths import LAWS

# Real sentences of 刑法 (第一条, 第二条, 第二百九十三条之一, 第二百九十三条, 第四百五十二条 with its footnote and annex)
# in the statute's own layout, renumbered 1…4 so that the excerpt's numbering starts at 1 as a whole text's does;
# one item line is written with ASCII brackets and one blank line holds a zero-width space, as some sources have them.
XINGFA_EXCERPT = """## 第六章 妨害社会管理秩序罪

### 第一节 扰乱公共秩序罪

第一条 为了惩罚犯罪，保护人民，根据宪法，结合我国同犯罪作斗争的具体经验及实际情况，制定本法。

第二条 中华人民共和国刑法的任务，是用刑罚同一切犯罪行为作斗争，以保卫国家安全，保卫人民民主专政的政权和社会主义制度，保护国有财产和劳动群众集体所有的财产，保护公民私人所有的财产，保护公民的人身权利、民主权利和其他权利，维护社会秩序、经济秩序，保障社会主义建设事业的顺利进行。

第二条之一 有下列情形之一，催收高利放贷等产生的非法债务，情节严重的，处三年以下有期徒刑、拘役或者管制，并处或者单处罚金：

（一）使用暴力、胁迫方法的；

\u200b

（二）限制他人人身自由或者侵入他人住宅的；

（三）恐吓、跟踪、骚扰他人的。

第三条 有下列寻衅滋事行为之一，破坏社会秩序的，处五年以下有期徒刑、拘役或者管制：

(一)随意殴打他人，情节恶劣的；

(二)追逐、拦截、辱骂、恐吓他人，情节恶劣的；

纠集他人多次实施前款行为，严重破坏社会秩序的，处五年以上十年以下有期徒刑，可以并处罚金。

### 第二节 妨害司法罪

第四条\u3000本法自1997年10月1日起施行。

列于本法附件二的全国人民代表大会常务委员会制定的补充规定和决定予以保留。

① 刑法、历次刑法修正案、涉及修改刑法的决定的施行日期，分别依据各法律所规定的施行日期确定。

## 附件一

全国人民代表大会常务委员会制定的下列条例、补充规定和决定，已纳入本法或者已不适用，自本法施行之日起，予以废止：
"""


def test_articles_paragraphs_and_items_from_a_real_excerpt() -> None:
    texts, structure, lines = parse_body("excerpt", XINGFA_EXCERPT, first_line=10)
    assert list(texts) == ["1", "2", "2-1", "3", "4"]
    assert structure == {"1": (0,), "2": (0,), "2-1": (3,), "3": (2, 0), "4": (0, 0)}
    assert texts["2-1"].split("\n") == [
        "有下列情形之一，催收高利放贷等产生的非法债务，情节严重的，处三年以下有期徒刑、拘役或者管制，并处或者单处罚金：",
        "（一）使用暴力、胁迫方法的；", "（二）限制他人人身自由或者侵入他人住宅的；", "（三）恐吓、跟踪、骚扰他人的。",
    ]  # the line holding only a zero-width space is not a paragraph
    assert texts["3"].endswith("可以并处罚金。")  # items in ASCII brackets, then a second paragraph
    assert texts["4"] == "本法自1997年10月1日起施行。\n列于本法附件二的全国人民代表大会常务委员会制定的补充规定和决定予以保留。"
    # the footnote and the annex after the heading are not article text; a heading ends an article
    assert "①" not in texts["4"] and "附件" not in texts["4"].split("\n")[0]
    assert lines == {"1": 14, "2": 16, "2-1": 18, "3": 28, "4": 38}


def test_paragraph_structure_counts_items_per_paragraph() -> None:
    assert paragraph_structure(["有下列行为之一的：", "（一）甲；", "（二）乙。", "前款……"]) == (2, 0)
    assert paragraph_structure(["（一）没有引导段的项"]) == (0,)  # an item with nothing before it is a paragraph


@pytest.mark.parametrize(("edit", "line", "fragment"), [
    (("第三条 有下列", "第五条 有下列"), 28, "numbering gap: 第五条 follows 第二条之一, 第三条至第四条 is missing"),
    (("第四条\u3000本法", "第二条\u3000本法"), 38, "第二条 appears twice (also on line 16)"),
    (("第二条之一 ", "第二条之二 "), 18, "第二条之二 must come right after 第二条之一"),
    (("第三条 有下列", "第一条 有下列"), 28, "第一条 appears twice"),
])
def test_broken_numbering_is_reported_at_its_line(edit: tuple[str, str], line: int, fragment: str) -> None:
    with pytest.raises(RegistryError) as e:
        parse_body("excerpt.md", XINGFA_EXCERPT.replace(*edit), first_line=10)
    assert e.value.path == "excerpt.md" and e.value.line == line and fragment in e.value.message


def test_a_law_file_without_body_is_registered_by_name() -> None:
    f = LAWS / "hetongfa.md"
    parsed = parse_law_file(f, f.read_bytes())
    assert parsed["has_text"] is False and parsed["articles"] == {} and parsed["front"]["title"] == "中华人民共和国合同法"


def test_every_text_in_the_registry_parses_and_numbers_run_without_gap() -> None:
    for f in sorted(Path(LAWS).glob("*.md")):
        parsed = parse_law_file(f, f.read_bytes())
        keys = [k for k in parsed["articles"] if "-" not in k]
        assert keys == [str(n) for n in range(1, len(keys) + 1)], f.name
        for key, text in parsed["articles"].items():
            assert len(text.split("\n")) == sum(1 + items for items in parsed["structure"][key]), (f.name, key)
