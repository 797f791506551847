"""The registry files follow the schema: keys, types, ids, links between entries, dates, aliases."""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import Any

import pytest

from registry_files import REGISTRY_DIR, load_entries

SCHEMA_KEYS = [
    "id", "law_slug", "title", "short", "aliases", "kind", "issuer", "adopted", "effective", "ends",
    "end_reason", "successor", "source", "corpus_file", "article_count", "inserted", "structure",
    "renumbered_from", "article_map", "articles",
]
OPTIONAL_KEYS = {"note", "article_map_reviewed"}
KINDS = {"法律", "行政法规", "司法解释"}
ASCII_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ARTICLE_KEY = re.compile(r"^[1-9][0-9]*(?:-[1-9][0-9]*)?$")
ENTRIES = load_entries()


def base(key: str) -> int:
    return int(key.split("-")[0])


@pytest.mark.parametrize("law_id", sorted(ENTRIES))
def test_keys_present_and_in_schema_order(law_id: str) -> None:
    data = ENTRIES[law_id]
    keys = [k for k in data if k != "_file"]
    assert set(SCHEMA_KEYS) <= set(keys), f"{data['_file']}: missing {set(SCHEMA_KEYS) - set(keys)}"
    assert set(keys) <= set(SCHEMA_KEYS) | OPTIONAL_KEYS, f"{data['_file']}: unknown keys {set(keys) - set(SCHEMA_KEYS) - OPTIONAL_KEYS}"
    assert [k for k in keys if k in SCHEMA_KEYS] == SCHEMA_KEYS, f"{data['_file']}: keys out of schema order"


@pytest.mark.parametrize("law_id", sorted(ENTRIES))
def test_field_types(law_id: str) -> None:
    d = ENTRIES[law_id]
    f = d["_file"]
    assert f == f"{d['id']}.yaml", "file name must be <id>.yaml"
    assert ASCII_ID.match(d["id"]) and ASCII_ID.match(d["law_slug"]), f"{f}: id/law_slug must be ASCII slugs"
    for key in ("title", "short"):
        assert isinstance(d[key], str) and d[key], f"{f}: {key} must be a non-empty string"
        assert not d[key].startswith("《") and not d[key].endswith(("》", "）")), f"{f}: {key} {d[key]!r} must be the bare name"
    assert not set(d["short"]) & set("《》（）"), f"{f}: short {d['short']!r} must be the bare name, no 《》 or （…年修订）"
    assert isinstance(d["aliases"], list) and all(isinstance(a, str) and a and "《" not in a for a in d["aliases"])
    assert d["kind"] in KINDS
    assert d["issuer"] is None or isinstance(d["issuer"], str)
    for key in ("adopted", "effective", "ends"):
        assert d[key] is None or type(d[key]) is dt.date, f"{f}: {key} must be a YAML date or null"
    assert d["end_reason"] in (None, "revised", "repealed")
    assert (d["ends"] is None) == (d["end_reason"] is None), f"{f}: ends and end_reason go together"
    assert d["source"] is None or d["source"].startswith("https://"), f"{f}: source must be an https link or null"
    assert d["corpus_file"] is None or re.match(r"^.+@\d{4}-\d{2}-\d{2}\.md$", d["corpus_file"])
    assert d["article_count"] is None or (isinstance(d["article_count"], int) and d["article_count"] >= 0)
    assert isinstance(d["inserted"], list) and all(isinstance(k, str) and "-" in k and ARTICLE_KEY.match(k) for k in d["inserted"])
    assert isinstance(d["structure"], dict) and isinstance(d["article_map"], dict) and isinstance(d["articles"], dict)
    for key, paragraphs in d["structure"].items():
        assert ARTICLE_KEY.match(key), f"{f}: structure key {key!r}"
        assert paragraphs and all(isinstance(n, int) and n >= 0 for n in paragraphs), f"{f}: structure[{key}]"
    for key, text in d["articles"].items():
        assert isinstance(key, str) and ARTICLE_KEY.match(key), f"{f}: article key {key!r} must be a quoted string like \"674\""
        assert isinstance(text, str) and text.strip(), f"{f}: article {key} has no text"


@pytest.mark.parametrize("law_id", sorted(ENTRIES))
def test_unknowns_are_explained(law_id: str) -> None:
    """Every null that stands for 'not sourced' carries a note saying so."""
    d = ENTRIES[law_id]
    unexplained = [k for k in ("issuer", "adopted", "effective", "source", "corpus_file", "article_count") if d[k] is None]
    if unexplained:
        assert isinstance(d.get("note"), str) and d["note"].strip(), f"{d['_file']}: null {unexplained} needs a note"
    if d["article_count"] is None:
        assert d["corpus_file"] is None and not d["structure"] and not d["articles"]
        assert "not checked" in d["note"], f"{d['_file']}: the note must say article existence is not checked"


@pytest.mark.parametrize("law_id", sorted(ENTRIES))
def test_article_numbers_are_consistent(law_id: str) -> None:
    d = ENTRIES[law_id]
    if d["article_count"] is None:
        return
    expected = {str(n) for n in range(1, d["article_count"] + 1)} | set(d["inserted"])
    assert set(d["structure"]) == expected, f"{d['_file']}: structure must list every article 1..N and every 之N"
    assert all(base(k) <= d["article_count"] for k in d["inserted"])
    assert set(d["articles"]) <= expected, f"{d['_file']}: texts of articles that do not exist"
    for key, text in d["articles"].items():
        lines = text.split("\n")
        assert len(lines) == sum(1 + items for items in d["structure"][key]), (
            f"{d['_file']}: article {key} has {len(lines)} lines, structure says {d['structure'][key]}")


def test_ids_unique() -> None:
    ids = [__import__("yaml").safe_load(p.read_text(encoding="utf-8"))["id"] for p in REGISTRY_DIR.glob("*.yaml")]
    assert len(ids) == len(set(ids)), "duplicate ids"


def test_links_between_entries_exist() -> None:
    for d in ENTRIES.values():
        for key in ("successor", "renumbered_from"):
            if d[key] is not None:
                assert d[key] in ENTRIES and d[key] != d["id"], f"{d['_file']}: {key} {d[key]!r} is not a registry id"
        if d["end_reason"] == "revised":
            nxt = ENTRIES[d["successor"]]
            assert nxt["law_slug"] == d["law_slug"] and nxt["effective"] == d["ends"], (
                f"{d['_file']}: a revised version ends the day its successor version starts")


def test_dates_ordered() -> None:
    for d in ENTRIES.values():
        dates = [d[k] for k in ("adopted", "effective", "ends") if d[k] is not None]
        assert dates == sorted(dates), f"{d['_file']}: adopted <= effective <= ends"
        if d["effective"] and d["ends"]:
            assert d["effective"] < d["ends"]


def test_versions_of_one_law_do_not_overlap() -> None:
    by_slug: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in ENTRIES.values():
        by_slug[d["law_slug"]].append(d)
    for slug, versions in by_slug.items():
        assert len({v["title"] for v in versions}) == 1, f"{slug}: versions with different titles"
        dated = sorted(versions, key=lambda v: v["effective"] or dt.date.min)
        for older, newer in zip(dated, dated[1:]):
            assert older["ends"] is not None and older["ends"] <= newer["effective"], f"{slug}: versions overlap"
        # appendix anchors #v<year>-art-N need one version per effective year
        years = [v["effective"].year for v in versions if v["effective"]]
        assert len(years) == len(set(years)), f"{slug}: two versions in one year"


def test_no_name_points_to_two_laws() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for d in ENTRIES.values():
        for name in [d["title"], d["short"], *d["aliases"]]:
            owners[name].add(d["law_slug"])
    clashes = {name: slugs for name, slugs in owners.items() if len(slugs) > 1}
    assert not clashes, f"names used by more than one law: {clashes}"


def test_aliases_people_write_are_known() -> None:
    """The short forms the site and readers use resolve to the intended law."""
    names = {n: d["law_slug"] for d in ENTRIES.values() for n in [d["title"], d["short"], *d["aliases"]]}
    expected_titles = {
        "民法典": "中华人民共和国民法典", "刑法": "中华人民共和国刑法", "治安处罚法": "中华人民共和国治安管理处罚法",
        "个保法": "中华人民共和国个人信息保护法", "民诉法": "中华人民共和国民事诉讼法",
        "消保法": "中华人民共和国消费者权益保护法", "反诈法": "中华人民共和国反电信网络诈骗法",
        "征信条例": "征信业管理条例", "民间借贷司法解释": "最高人民法院关于审理民间借贷案件适用法律若干问题的规定",
        "合同法": "中华人民共和国合同法",
    }
    titles = {d["law_slug"]: d["title"] for d in ENTRIES.values()}
    for name, title in expected_titles.items():
        assert name in names, f"{name} is not a known name"
        assert titles[names[name]] == title
