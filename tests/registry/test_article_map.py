"""治安管理处罚法 2012 text (zhian-2013) -> 2025 revision (zhian-2026): the old->new map is complete,
points at articles that exist, agrees with the correspondence tables in MANIFEST.md and
CONTENT-BRIEF.md, and every mapped pair is textually similar or was reviewed by hand."""
from __future__ import annotations

import difflib
import re

import pytest

from registry_files import SHARED_DIR
from corpus_oracle import cn_to_int, normalise

SIMILAR = 0.5  # plain SequenceMatcher ratio on normalised text
NUM = "[〇零一二三四五六七八九十百千]+"


def targets(value) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else list(value)


@pytest.fixture(scope="module")
def zhian(entries):
    return entries["zhian-2013"], entries["zhian-2026"]


def manifest_rows() -> list[tuple[str | None, list[str]]]:
    path = SHARED_DIR / "laws" / "MANIFEST.md"
    if not path.is_file():
        pytest.skip(f"{path} not found: the map is not checked against the manifest table")
    section = path.read_text(encoding="utf-8").split("## 治安管理处罚法: 2012 text → 2025 revised text", 1)[1]
    section = section.split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not re.search(NUM, cells[1]) or not cells[1].startswith("第"):
            continue
        old = None if cells[0] == "—" else str(cn_to_int(re.fullmatch(f"第({NUM})条", cells[0]).group(1)))
        new = [str(cn_to_int(n)) for n in re.findall(f"第({NUM})条", cells[1])]
        rows.append((old, new))
    return rows


def test_map_is_complete(zhian) -> None:
    old, new = zhian
    assert new["renumbered_from"] == old["id"]
    assert list(new["article_map"]) == [str(n) for n in range(1, old["article_count"] + 1)]
    assert old["article_count"] == 119 and new["article_count"] == 144


def test_targets_exist_in_the_new_text(zhian) -> None:
    _, new = zhian
    for old_key, value in new["article_map"].items():
        assert isinstance(value, (str, list)) or value is None
        for target in targets(value):
            assert target in new["structure"], f"2012 第{old_key}条 -> {target}: no such article in the 2025 text"
        if isinstance(value, list):
            assert len(value) >= 2 and value == sorted(value, key=int), "a split lists its parts in order"


def test_manifest_table_rows_hold(zhian) -> None:
    _, new = zhian
    rows = manifest_rows()
    assert len(rows) >= 10, f"only {len(rows)} rows read from the MANIFEST table"
    all_targets = {t for v in new["article_map"].values() for t in targets(v)}
    for old_key, new_keys in rows:
        if old_key is None:
            for key in new_keys:
                assert key not in all_targets, f"2025 第{key}条 is new, yet an old article maps to it"
        else:
            assert targets(new["article_map"][old_key]) == new_keys, f"MANIFEST: 2012 第{old_key}条 -> {new_keys}"


def test_content_brief_statements_hold(zhian) -> None:
    path = SHARED_DIR / "CONTENT-BRIEF.md"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    _, new = zhian
    text = path.read_text(encoding="utf-8")
    pairs = re.findall(f"第({NUM})条 → (?:2025 )?第({NUM})条", text)
    assert len(pairs) >= 4
    for old_cn, new_cn in pairs:
        assert new["article_map"][str(cn_to_int(old_cn))] == str(cn_to_int(new_cn))
    assert "第四十二条" in text and new["article_map"]["42"] == "50"  # "moved it to 第五十条"


def test_mapped_pairs_are_similar_or_reviewed(zhian, corpus) -> None:
    old, new = zhian
    old_law, new_law = corpus[old["corpus_file"]], corpus[new["corpus_file"]]
    reviewed = new.get("article_map_reviewed") or {}
    unexplained = []
    for old_key, value in new["article_map"].items():
        if old_key in reviewed:
            continue
        if value is None:
            unexplained.append(f"{old_key} -> null")
        for target in targets(value):
            ratio = difflib.SequenceMatcher(
                None, normalise("".join(old_law.article_lines(old_key))),
                normalise("".join(new_law.article_lines(target))), autojunk=False).ratio()
            if ratio < SIMILAR:
                unexplained.append(f"{old_key} -> {target} (ratio {ratio:.2f})")
    assert not unexplained, f"pairs below {SIMILAR} or unmapped without a review in article_map_reviewed: {unexplained}"


def test_reviews_match_the_map(zhian) -> None:
    _, new = zhian
    for old_key, review in (new.get("article_map_reviewed") or {}).items():
        assert review["to"] == new["article_map"][old_key], f"stale review of 2012 第{old_key}条"
        assert len(review["reason"]) > 20


def test_algorithm_reproduces_the_stored_map(zhian, corpus_dir, sync_module) -> None:
    old, new = zhian
    built = sync_module.build_article_map(
        sync_module.parse_corpus_file(corpus_dir / old["corpus_file"]),
        sync_module.parse_corpus_file(corpus_dir / new["corpus_file"]))
    assert built == new["article_map"]
