"""The law files follow the schema: lawcite/law_file.schema.json, checked with the validator the loader uses
(lawcite.law_schema) on the files as PyYAML reads them, and the loader's own rules (dates against the file
name and each other, links between versions, names) by loading the registry. Here only what neither holds:
rules about the wording and the set of files as a whole."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

import pytest

from lawcite import Registry
from lawcite.law_schema import problems
from registry_files import load_entries

FILE_NAME = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)(?:@(\d{4}-\d{2}-\d{2}))?\.md$")
ENTRIES = load_entries()


def slug(d: dict[str, Any]) -> str:
    match = FILE_NAME.match(d["_file"])
    assert match, d["_file"]
    return match.group(1)


def has_text(d: dict[str, Any]) -> bool:
    return bool(d["_body"].strip())


def front_matter(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if not k.startswith("_")}


@pytest.mark.parametrize("law_id", sorted(ENTRIES))
def test_front_matter_follows_the_schema(law_id: str) -> None:
    assert [p.message for p in problems(front_matter(ENTRIES[law_id]))] == [], ENTRIES[law_id]["_file"]


def test_the_schema_catches_what_it_should() -> None:
    """The validator is really applied: a broken copy of a real file's front matter is refused."""
    good = front_matter(ENTRIES["xingfa@2024-03-01"])
    assert problems(good) == []
    assert [p.keys for p in problems({**good, "checked": "soon"})] == [["checked"]]
    assert [p.keys for p in problems({k: v for k, v in good.items() if k != "checked_against"})] == [[]]
    assert [p.keys for p in problems({**good, "source": "https://example.com/detail?bbbs=1"})] == [["source"]]
    broken_provenance = {**good, "provenance": {**good["provenance"], "cross_checked": []}}
    assert [p.keys for p in problems(broken_provenance)] == [["provenance", "cross_checked"]]


def test_the_registry_loads(registry: Registry) -> None:
    """Every loader rule holds for every file (a broken file raises RegistryError here)."""
    assert {v.id for v in registry.versions.values()} == set(ENTRIES)



@pytest.mark.parametrize("law_id", sorted(k for k, d in ENTRIES.items() if not has_text(d)))
def test_a_law_by_name_says_it_is_not_checked(law_id: str) -> None:
    d = ENTRIES[law_id]
    assert "not checked" in (d.get("note") or ""), f"{d['_file']}: the note must say article numbers and quotations are not checked"


def test_versions_of_one_law() -> None:
    by_slug: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in ENTRIES.values():
        by_slug[slug(d)].append(d)
    for s, versions in by_slug.items():
        assert len({v["title"] for v in versions}) == 1, f"{s}: versions with different titles"
        # appendix anchors #v<year>-art-N need one version per effective year
        years = [v["effective"].year for v in versions if v["effective"]]
        assert len(years) == len(set(years)), f"{s}: two versions in one year"


def test_aliases_people_write_are_known() -> None:
    """The short forms the site and readers use resolve to the intended law."""
    names = {n: slug(d) for d in ENTRIES.values() for n in [d["title"], d["short"], *d.get("aliases", [])]}
    expected_titles = {
        "民法典": "中华人民共和国民法典", "刑法": "中华人民共和国刑法", "治安处罚法": "中华人民共和国治安管理处罚法",
        "个保法": "中华人民共和国个人信息保护法", "民诉法": "中华人民共和国民事诉讼法",
        "消保法": "中华人民共和国消费者权益保护法", "反诈法": "中华人民共和国反电信网络诈骗法",
        "征信条例": "征信业管理条例", "民间借贷司法解释": "最高人民法院关于审理民间借贷案件适用法律若干问题的规定",
        "合同法": "中华人民共和国合同法", "民诉法解释": "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释",
        "限制高消费规定": "最高人民法院关于限制被执行人高消费及有关消费的若干规定",
        "失信名单规定": "最高人民法院关于公布失信被执行人名单信息的若干规定",
    }
    titles = {slug(d): d["title"] for d in ENTRIES.values()}
    for name, title in expected_titles.items():
        assert name in names, f"{name} is not a known name"
        assert titles[names[name]] == title
