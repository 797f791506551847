"""The law files follow the schema: file names, front-matter keys and types, links between versions,
dates, names and provenance (read with PyYAML directly, not through the lawcite loader)."""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

import pytest

from registry_files import REGISTRY_DIR, load_entries

REQUIRED = ["title", "short", "kind", "issuer", "adopted", "effective", "source", "checked", "checked_against"]
ORDER = ["title", "short", "aliases", "kind", "issuer", "adopted", "effective", "ends", "end_reason", "successor",
         "source", "checked", "checked_against", "note", "provenance"]
KINDS = {"法律", "行政法规", "司法解释"}
FILE_NAME = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)(?:@(\d{4}-\d{2}-\d{2}))?\.md$")
ENTRIES = load_entries()


def slug(d: dict[str, Any]) -> str:
    return FILE_NAME.match(d["_file"]).group(1)


def has_text(d: dict[str, Any]) -> bool:
    return bool(d["_body"].strip())


@pytest.mark.parametrize("law_id", sorted(ENTRIES))
def test_keys_present_and_in_order(law_id: str) -> None:
    d = ENTRIES[law_id]
    keys = [k for k in d if not k.startswith("_")]
    assert set(REQUIRED) <= set(keys), f"{d['_file']}: missing {set(REQUIRED) - set(keys)}"
    assert set(keys) <= set(ORDER), f"{d['_file']}: unknown keys {set(keys) - set(ORDER)}"
    assert keys == [k for k in ORDER if k in keys], f"{d['_file']}: keys out of the documented order"


@pytest.mark.parametrize("law_id", sorted(ENTRIES))
def test_field_types(law_id: str) -> None:
    d = ENTRIES[law_id]
    f = d["_file"]
    m = FILE_NAME.match(f)
    assert m, f"{f}: the file name must be <law_slug>@<effective>.md"
    assert (m.group(2) is None) == (d["effective"] is None), f"{f}: the date in the name is the effective date"
    if m.group(2):
        assert m.group(2) == str(d["effective"])
    for key in ("title", "short"):
        assert isinstance(d[key], str) and d[key], f"{f}: {key} must be a non-empty string"
        assert not d[key].startswith("《") and not d[key].endswith(("》", "）")), f"{f}: {key} {d[key]!r} must be the bare name"
    assert not set(d["short"]) & set("《》（）"), f"{f}: short {d['short']!r} must be the bare name, no 《》 or （…年修订）"
    aliases = d.get("aliases", [])
    assert isinstance(aliases, list) and all(isinstance(a, str) and a and not a.startswith("《") for a in aliases)
    assert d["kind"] in KINDS
    assert d["issuer"] is None or isinstance(d["issuer"], str)
    for key in ("adopted", "effective", "ends"):
        assert d.get(key) is None or type(d[key]) is dt.date, f"{f}: {key} must be a YAML date or null"
    assert d.get("end_reason") in (None, "repealed"), f"{f}: only a repeal is written down (a revision is derived)"
    assert (d.get("ends") is None) == (d.get("end_reason") is None), f"{f}: ends and end_reason go together"
    assert d["source"] is None or d["source"].startswith("https://"), f"{f}: source must be an https link or null"


@pytest.mark.parametrize("law_id", sorted(ENTRIES))
def test_unknowns_are_explained(law_id: str) -> None:
    """Every null that stands for 'not sourced' carries a note saying so."""
    d = ENTRIES[law_id]
    unexplained = [k for k in ("issuer", "adopted", "effective", "source") if d[k] is None]
    if unexplained:
        assert isinstance(d.get("note"), str) and d["note"].strip(), f"{d['_file']}: null {unexplained} needs a note"
    if not has_text(d):
        assert "not checked" in d["note"], f"{d['_file']}: the note must say article numbers and quotations are not checked"


@pytest.mark.parametrize("law_id", sorted(k for k, d in ENTRIES.items() if has_text(d)))
def test_every_text_has_its_provenance(law_id: str) -> None:
    d = ENTRIES[law_id]
    prov = d.get("provenance")
    assert isinstance(prov, dict), f"{d['_file']}: a text needs a provenance block"
    assert isinstance(prov.get("text"), str) and prov["text"].strip(), "where the text came from"
    assert isinstance(prov.get("cross_checked"), list) and prov["cross_checked"], "what it was compared with (or why nothing)"
    assert isinstance(prov.get("normalised"), str) and prov["normalised"].strip(), "what was changed (or 'none')"
    assert prov.get("official_article_count") is None or isinstance(prov["official_article_count"], int)


def test_the_official_link_is_a_page_the_provenance_names() -> None:
    """A source link must come from the cross-check or the text's origin (never invented)."""
    for d in ENTRIES.values():
        if d["source"] is None:
            continue
        assert d["source"].startswith("https://flk.npc.gov.cn/detail?bbbs="), d["_file"]
        flk_id = d["source"].rsplit("=", 1)[1]
        assert flk_id in repr(d.get("provenance")), f"{d['_file']}: {d['source']} is not named in the provenance"


def test_links_between_entries_exist() -> None:
    slugs = {slug(d) for d in ENTRIES.values()}
    for d in ENTRIES.values():
        if d.get("successor") is not None:
            assert d["successor"] in slugs and d["successor"] != slug(d), f"{d['_file']}: successor {d['successor']!r}"
            assert d["end_reason"] == "repealed"


def test_dates_ordered() -> None:
    for d in ENTRIES.values():
        dates = [d[k] for k in ("adopted", "effective") if d.get(k) is not None] + ([d["ends"]] if d.get("ends") else [])
        assert dates == sorted(dates), f"{d['_file']}: adopted <= effective <= ends"
        if d["effective"] and d.get("ends"):
            assert d["effective"] < d["ends"]


def test_versions_of_one_law() -> None:
    by_slug: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in ENTRIES.values():
        by_slug[slug(d)].append(d)
    for s, versions in by_slug.items():
        assert len({v["title"] for v in versions}) == 1, f"{s}: versions with different titles"
        dated = sorted(versions, key=lambda v: v["effective"] or dt.date.min)
        for older in dated[:-1]:
            assert older.get("ends") is None, f"{older['_file']}: a revised version's end is derived from the next version"
        # appendix anchors #v<year>-art-N need one version per effective year
        years = [v["effective"].year for v in versions if v["effective"]]
        assert len(years) == len(set(years)), f"{s}: two versions in one year"


def test_no_name_points_to_two_laws() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for d in ENTRIES.values():
        for name in [d["title"], d["short"], *d.get("aliases", [])]:
            owners[name].add(slug(d))
    clashes = {name: slugs for name, slugs in owners.items() if len(slugs) > 1}
    assert not clashes, f"names used by more than one law: {clashes}"


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


def test_no_stray_files_in_the_registry() -> None:
    for p in REGISTRY_DIR.iterdir():
        assert p.name.endswith(".md") or p.name.endswith(".map.yaml"), f"{p.name} is neither a law file nor a map file"
