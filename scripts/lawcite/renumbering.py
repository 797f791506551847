"""The old->new article map of a renumbered law (治安管理处罚法 2013 -> 2026, 民事诉讼法 2021 -> 2023).

Given the article texts of two versions of one law ({key: text}, as lawcite.lawtext derives them),
`build_article_map` says for every old article which new article(s) carry it on, or None when none
does. It scores article
pairs by how much text they share (penalty clauses left out), aligns the two sequences in order,
then adds splits, merges and moved articles. The thresholds below are the algorithm's only knobs.
"""
from __future__ import annotations

import re
from collections import Counter

from .lawtext import INVISIBLE

MATCH_THRESHOLD = 0.45   # below this two articles are not taken as the same provision
SPLIT_THRESHOLD = 0.45   # an unmatched neighbour this close to a matched old article is a split/merged part
MOVE_THRESHOLD = 0.80    # an out-of-order pair this close is a moved article

# Penalty clauses ("处五日以下拘留或者五百元以下罚款", "情节较重的") are shared by dozens of articles and
# would make unrelated articles look alike; the alignment compares what remains.
PENALTY_CLAUSE_RE = re.compile(
    r"^(?:可以)?(?:并|单)?处(?:警告|.*(?:拘留|罚款|警告))|^情节(?:较重|较轻|严重|特别严重)的$|^警告后不改正的$"
)
_SPACE_RE = re.compile(r"[\s" + INVISIBLE + "]+")

ArticleMap = dict[str, "str | list[str] | None"]


def normalise(text: str) -> str:
    """Whitespace removed, ASCII :/; made full-width (sources mix both widths)."""
    return _SPACE_RE.sub("", text).replace(":", "：").replace(";", "；")


def similarity(a: str, b: str) -> float:
    """Plain SequenceMatcher ratio on normalised text (what the tests use to judge a mapped pair)."""
    import difflib

    return difflib.SequenceMatcher(None, normalise(a), normalise(b), autojunk=False).ratio()


def substance(text: str) -> str:
    """The article's clauses without the penalty clauses (all of it if nothing else is left)."""
    clauses = re.split(r"[，；。：]", normalise(text))
    kept = [c for c in clauses if c and not PENALTY_CLAUSE_RE.match(c)]
    return "，".join(kept) or normalise(text)


def correspondence(old: str, new: str) -> float:
    """How far the new article carries the old one: the better of the ratio and the share of the old
    text found in the new one (discounted: a revision that adds paragraphs keeps the old text whole)."""
    import difflib

    if not old or not new:
        return 0.0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return max(2 * matched / (len(old) + len(new)), 0.9 * matched / len(old))


def correspondence_bound(old: Counter[str], new: Counter[str], old_len: int, new_len: int) -> float:
    """Upper bound of `correspondence` from character counts alone (cheap; skips hopeless pairs)."""
    common = sum((old & new).values())
    return max(2 * common / (old_len + new_len), 0.9 * common / old_len) if old_len and new_len else 0.0


def score_pairs(old_texts: list[str], new_texts: list[str]) -> list[list[float]]:
    """correspondence of every (old, new) pair; 0.0 where the bound is below every threshold
    (no step of the alignment could use such a pair anyway)."""
    old_chars, new_chars = [Counter(s) for s in old_texts], [Counter(s) for s in new_texts]
    lowest = min(MATCH_THRESHOLD, SPLIT_THRESHOLD, MOVE_THRESHOLD)
    return [[correspondence(a, b)
             if correspondence_bound(old_chars[i], new_chars[j], len(a), len(b)) >= lowest else 0.0
             for j, b in enumerate(new_texts)] for i, a in enumerate(old_texts)]


def align_in_order(score: list[list[float]]) -> dict[int, list[int]]:
    """Monotone alignment maximising the total score of matched pairs (like sequence alignment).

    A pair may be matched only when its score reaches MATCH_THRESHOLD; gaps cost nothing, so
    inserted new articles and dropped old ones are free. Returns old index -> [new index].
    """
    n_old = len(score)
    n_new = len(score[0]) if score else 0
    best = [[0.0] * (n_new + 1) for _ in range(n_old + 1)]
    for i in range(n_old - 1, -1, -1):
        for j in range(n_new - 1, -1, -1):
            take = score[i][j] + best[i + 1][j + 1] if score[i][j] >= MATCH_THRESHOLD else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    targets: dict[int, list[int]] = {}
    i = j = 0
    while i < n_old and j < n_new:
        if score[i][j] >= MATCH_THRESHOLD and best[i][j] == score[i][j] + best[i + 1][j + 1]:
            targets[i] = [j]
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return targets


def add_splits_merges_moves(score: list[list[float]], aligned: dict[int, list[int]]) -> dict[int, list[int]]:
    """The in-order alignment plus split-off parts, merged articles and moved articles.

    Split: an unmatched new article right next to the target of old article o, and closer to o
    than to any other old article, is a part split off o: o maps to a list.
    Merge: an unmatched old article right next to a matched old article o', closest to the
    target of o', was merged into it: both map to that article.
    Move: an old article still unmatched whose best new article is unmatched and at least
    MOVE_THRESHOLD close moved out of order.
    """
    n_old = len(score)
    n_new = len(score[0]) if score else 0
    targets = {i: list(js) for i, js in aligned.items()}
    taken = {j for js in targets.values() for j in js}
    for j in range(n_new):
        if j in taken:
            continue
        closest = max(range(n_old), key=lambda i: score[i][j])
        # targets[closest] grows as parts are found, so a run of split-off parts chains on.
        if score[closest][j] >= SPLIT_THRESHOLD and any(abs(j - t) == 1 for t in targets.get(closest, [])):
            targets[closest].append(j)
            taken.add(j)
    # Merges and moves look at the aligned articles with their split parts, not at each other.
    with_splits = {i: list(js) for i, js in targets.items()}
    for i in range(n_old):
        if i in targets:
            continue
        j = max(range(n_new), key=lambda j: score[i][j])
        neighbour_targets = {t for k in (i - 1, i + 1) for t in with_splits.get(k, [])}
        if score[i][j] >= SPLIT_THRESHOLD and j in neighbour_targets:
            targets[i] = [j]
        elif j not in taken and score[i][j] >= MOVE_THRESHOLD:
            targets[i] = [j]
            taken.add(j)
    return targets


def build_article_map(old: dict[str, str], new: dict[str, str]) -> dict[str, str | list[str] | None]:
    """Complete old->new map: a monotone alignment maximising total correspondence of the
    articles' substance (`align_in_order`), then splits, merges and moves
    (`add_splits_merges_moves`). An old article with no counterpart maps to None; one split
    into several new articles maps to their keys in order."""
    old_keys, new_keys = list(old), list(new)
    score = score_pairs([substance(old[k]) for k in old_keys], [substance(new[k]) for k in new_keys])
    targets = add_splits_merges_moves(score, align_in_order(score))
    result: dict[str, str | list[str] | None] = {}
    for i, key in enumerate(old_keys):
        found = sorted(targets.get(i, []))
        if not found:
            result[key] = None
        elif len(found) == 1:
            result[key] = new_keys[found[0]]
        else:
            result[key] = [new_keys[j] for j in found]
    return result
