"""The reviewed article maps (data/laws/*.map.yaml): 治安管理处罚法 2012 text -> 2025 revision and
民事诉讼法 2017 -> 2021 -> 2023 amendments. Each map is complete, points at articles that exist,
agrees with the correspondence tables people wrote independently, is what the algorithm derives from
the two texts (apart from recorded overrides), and every pair that is null, split or not similar was
read by hand (a review with its reason)."""
from __future__ import annotations

import difflib
from typing import Any

import pytest

from corpus_oracle import normalise
from lawcite.registry import targets
from lawcite.renumbering import build_article_map

SIMILAR = 0.5  # plain SequenceMatcher ratio on normalised text

# The correspondence table of the law collection's MANIFEST.md ("治安管理处罚法: 2012 text → 2025 revised text",
# 2026-11-29), written down here so the test runs without ../shared: 2012 article -> 2025 article(s);
# None: a 2025 article with no 2012 predecessor.
ZHIAN_MANIFEST_ROWS: list[tuple[str | None, list[str]]] = [
    ("9", ["9"]), ("23", ["26"]), ("26", ["30"]), ("40", ["47"]), ("42", ["50"]), ("43", ["51"]), ("46", ["54"]),
    ("49", ["58", "59"]), ("50", ["61"]), ("51", ["62"]), (None, ["56"]),
]
# Pairs stated in ../shared/CONTENT-BRIEF.md ("第X条 → 第Y条") and its note that 第四十二条 moved to 第五十条.
ZHIAN_CONTENT_BRIEF_PAIRS = [("26", "30"), ("51", "62"), ("43", "51"), ("40", "47"), ("42", "50")]
# 民事诉讼法 articles whose move is known from the amendments themselves (checked against the texts below).
MSS_KNOWN = {
    "minshisusong@2022-01-01": [("119", "122"), ("214", "221"), ("217", "224"), ("163", "170")],
    "minshisusong@2024-01-01": [("122", "122"), ("221", "225"), ("224", "228"), ("234", "238"), ("207", "211")],
}


@pytest.fixture(scope="module", params=["zhian@2026-01-01", "minshisusong@2022-01-01", "minshisusong@2024-01-01"])
def pair(request, registry, maps) -> tuple[Any, Any, dict[str, Any]]:  # noqa: ANN001
    new = registry.versions[request.param]
    old = registry.previous(new)
    return old, new, maps[request.param]


def test_map_is_complete_and_from_the_previous_version(pair) -> None:  # noqa: ANN001
    old, new, data = pair
    assert data["from"] == old.id == new.renumbered_from
    assert list(data["map"]) == old.article_keys
    assert new.article_map == {str(k): v for k, v in data["map"].items()}


def test_targets_exist_in_the_new_text(pair) -> None:  # noqa: ANN001
    old, new, data = pair
    for old_key, value in data["map"].items():
        assert isinstance(value, (str, list)) or value is None
        for target in targets(value):
            assert target in new.structure, f"{old.id} {old_key} -> {target}: no such article in {new.id}"
        if isinstance(value, list):
            assert len(value) >= 2 and value == sorted(value, key=int), "a split lists its parts in order"


def test_mapped_pairs_are_similar_or_reviewed(pair) -> None:  # noqa: ANN001
    old, new, data = pair
    reviewed = data.get("reviewed") or {}
    unexplained = []
    for old_key, value in data["map"].items():
        if old_key in reviewed:
            continue
        if value is None or isinstance(value, list):
            unexplained.append(f"{old_key} -> {value}")
        for target in targets(value):
            ratio = difflib.SequenceMatcher(None, normalise(old.articles[old_key]), normalise(new.articles[target]),
                                            autojunk=False).ratio()
            if ratio < SIMILAR:
                unexplained.append(f"{old_key} -> {target} (ratio {ratio:.2f})")
    assert not unexplained, f"pairs below {SIMILAR}, split or unmapped without a review: {unexplained}"


def test_reviews_match_the_map(pair) -> None:  # noqa: ANN001
    _, _, data = pair
    for old_key, review in (data.get("reviewed") or {}).items():
        assert review["to"] == data["map"][old_key], f"stale review of {old_key}"
        assert len(review["reason"]) > 20


def test_algorithm_reproduces_the_stored_map(pair) -> None:  # noqa: ANN001
    old, new, data = pair
    built = build_article_map(old.articles, new.articles)
    reviewed = data.get("reviewed") or {}
    overridden = {k for k, r in reviewed.items() if "overrides" in r}
    for k in overridden:
        assert built[k] == reviewed[k]["overrides"], f"{k}: the override records what the algorithm gives"
    assert {k: v for k, v in built.items() if k not in overridden} == \
        {k: v for k, v in data["map"].items() if k not in overridden}


@pytest.mark.parametrize("vid", ["minshisusong@2022-01-01", "minshisusong@2024-01-01"])
def test_changed_pairs_of_the_civil_procedure_law_were_all_read(registry, maps, vid: str) -> None:  # noqa: ANN001
    """For 民事诉讼法 every pair whose text changed was read side by side, not only the dissimilar ones
    (the 治安管理处罚法 map records reviews of the dissimilar pairs only, as its derived: note says)."""
    new = registry.versions[vid]
    old = registry.previous(new)
    data = maps[vid]
    reviewed = data.get("reviewed") or {}
    changed = [k for k, v in data["map"].items()
               if len(targets(v)) != 1 or normalise(old.articles[k]) != normalise(new.articles[targets(v)[0]])]
    assert changed and [k for k in changed if k not in reviewed] == []


def test_zhian_manifest_table_rows_hold(registry) -> None:  # noqa: ANN001
    m = registry.versions["zhian@2026-01-01"].article_map
    all_targets = {t for v in m.values() for t in targets(v)}
    for old_key, new_keys in ZHIAN_MANIFEST_ROWS:
        if old_key is None:
            for key in new_keys:
                assert key not in all_targets, f"2025 第{key}条 is new, yet an old article maps to it"
        else:
            assert targets(m[old_key]) == new_keys, f"MANIFEST: 2012 第{old_key}条 -> {new_keys}"
    for old_key, new_key in ZHIAN_CONTENT_BRIEF_PAIRS:
        assert m[old_key] == new_key
    assert registry.versions["zhian@2013-01-01"].article_count == 119 and registry.versions["zhian@2026-01-01"].article_count == 144


@pytest.mark.parametrize("vid", sorted(MSS_KNOWN))
def test_civil_procedure_moves_known_from_the_texts(registry, vid: str) -> None:  # noqa: ANN001
    new = registry.versions[vid]
    old = registry.previous(new)
    for old_key, new_key in MSS_KNOWN[vid]:
        assert new.article_map[old_key] == new_key
        # the same provision: identical apart from renumbered cross-references
        assert difflib.SequenceMatcher(None, normalise(old.articles[old_key]), normalise(new.articles[new_key]),
                                       autojunk=False).ratio() > 0.9, (old_key, new_key)


def test_the_2017_amendment_kept_the_numbering(registry) -> None:  # noqa: ANN001
    """No map file between the 2012 and 2017 texts: the 2017 amendment only added 第五十五条第二款."""
    v12, v17 = registry.versions["minshisusong@2013-01-01"], registry.versions["minshisusong@2017-07-01"]
    assert not v17.article_map and v12.article_keys == v17.article_keys
    differ = [k for k in v12.article_keys if normalise(v12.articles[k]) != normalise(v17.articles[k])]
    assert differ == ["55"]
    moved, where = registry.moves(v12, registry.versions["minshisusong@2024-01-01"])
    assert moved and where["217"] == ["228"]
