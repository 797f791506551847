#!/usr/bin/env python3
"""Rebuild the generated parts of the law registry (data/laws/*.yaml) from the statute corpus.

Usage:
    python scripts/sync_registry.py            rewrite generated parts in place
    python scripts/sync_registry.py --check    list differences, exit 1 if any (never writes)
    python scripts/sync_registry.py --add ID ARTICLE [ARTICLE ...]
                                               add article texts (e.g. 674, 293-1) to one entry

Generated parts: article_count, inserted, structure, the texts of the articles listed under
`articles:`, and for zhian-2026 the complete old->new article_map. Every other key is hand-written
and is kept as it is, in the file's key order. The corpus is <repo root>/../shared/laws.

Exit status: 0 ok; 1 --check found differences; 2 bad input (message on stderr, no traceback).
"""
from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
REGISTRY_DIR = REPO_ROOT / "data" / "laws"
CORPUS_DIR = REPO_ROOT.parent / "shared" / "laws"

# Key order of a registry file (extra hand-written keys such as `note` keep their place after these).
KEY_ORDER = [
    "id", "law_slug", "title", "short", "aliases", "kind", "issuer", "adopted", "effective", "ends",
    "end_reason", "successor", "source", "corpus_file", "note", "article_count", "inserted", "structure",
    "renumbered_from", "article_map", "article_map_reviewed", "articles",
]
GENERATED_KEYS = ("article_count", "inserted", "structure", "article_map", "articles")

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
# Same pattern as the corpus' own article_count_method (MANIFEST.md).
ARTICLE_RE = re.compile(r"^第([〇零一二三四五六七八九十百千]+)条(?:之([一二三四五六七八九十]+))?[ \t\u3000]")
# Items are "（一）…" lines; 征信业管理条例 writes them with ASCII brackets "(一)".
ITEM_RE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
# Footnotes such as "① 刑法、历次刑法修正案…" at the end of 刑法 are editorial, not article text.
FOOTNOTE_RE = re.compile(r"^[\u2460-\u2473]")
ARTICLE_KEY_RE = re.compile(r"^[1-9][0-9]*(?:-[1-9][0-9]*)?$")
INVISIBLE = "\u200b\ufeff"


YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when libyaml is there


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=YAML_LOADER)


def write_atomically(path: Path, text: str) -> None:
    """Others may read the registry while it is synced: never let them see a half-written file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class RegistryError(Exception):
    """Bad input: reported as one clear message and exit status 2."""


# ---------------------------------------------------------------- numerals

def cn_to_int(numeral: str) -> int:
    """Chinese article numeral -> int: 十一 -> 11, 一百零四 -> 104, 一千二百六十 -> 1260."""
    total, digit = 0, None
    for ch in numeral:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            total += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
    return total + (digit or 0)


def article_key(base: int, sub: int = 0) -> str:
    return f"{base}-{sub}" if sub else str(base)


def split_key(key: str) -> tuple[int, int]:
    base, _, sub = key.partition("-")
    return int(base), int(sub or 0)


# ---------------------------------------------------------------- corpus

@dataclass
class CorpusLaw:
    file: str
    front: dict[str, Any]
    articles: dict[str, list[str]] = field(default_factory=dict)  # key -> paragraph/item lines, in order

    @property
    def article_count(self) -> int:
        return max((split_key(k)[0] for k in self.articles), default=0)

    @property
    def inserted(self) -> list[str]:
        return [k for k in self.articles if "-" in k]

    def text(self, key: str) -> str:
        return "\n".join(self.articles[key])

    def structure(self) -> dict[str, list[int]]:
        return {key: paragraph_structure(lines) for key, lines in self.articles.items()}


def paragraph_structure(lines: list[str]) -> list[int]:
    """Items per paragraph. Item lines belong to the paragraph before them and are not paragraphs."""
    counts: list[int] = []
    for line in lines:
        if ITEM_RE.match(line) and counts:
            counts[-1] += 1
        else:
            counts.append(0)
    return counts


def is_blank(line: str) -> bool:
    return not line.strip().strip(INVISIBLE).strip()


def parse_corpus_file(path: Path) -> CorpusLaw:
    raw = path.read_text(encoding="utf-8")
    if not raw.startswith("---\n") or "\n---\n" not in raw[4:]:
        raise RegistryError(f"{path}:1: no YAML front matter (--- … ---); the corpus file looks damaged")
    head, body = raw[4:].split("\n---\n", 1)
    try:
        front = load_yaml(head) or {}
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: front matter is not valid YAML: {exc}") from None
    body_start = head.count("\n") + 3  # 1-based line number of the first body line
    law = CorpusLaw(file=path.name, front=front)
    current: list[str] | None = None
    expected_base = 1
    for offset, line in enumerate(body.split("\n")):
        m = ARTICLE_RE.match(line)
        if m:
            base, sub = cn_to_int(m.group(1)), cn_to_int(m.group(2)) if m.group(2) else 0
            key = article_key(base, sub)
            previous = list(law.articles)[-1] if law.articles else None
            ok = (sub == 0 and base == expected_base) or (
                sub > 0 and previous is not None and split_key(previous) in {(base, 0), (base, sub - 1)}
            )
            if not ok:
                raise RegistryError(
                    f"{path}:{body_start + offset}: article {key} is out of sequence after {previous}; "
                    "fix the corpus file (numbering must run 1..N, 之N right after its base article)"
                )
            if sub == 0:
                expected_base += 1
            current = law.articles[key] = [line[m.end():].strip()]
        elif line.startswith("#") or line.startswith("<!--") or FOOTNOTE_RE.match(line):
            current = None
        elif current is not None and not is_blank(line):
            current.append(line.strip())
    return law


def corpus_dir_or_fail(corpus_dir: Path) -> Path:
    if not corpus_dir.is_dir():
        raise RegistryError(
            f"{corpus_dir}: statute corpus not found; it is expected at <repo root>/../shared/laws "
            "(check out the shared material next to the repository)"
        )
    return corpus_dir


def load_corpus(corpus_dir: Path) -> dict[str, CorpusLaw]:
    corpus_dir_or_fail(corpus_dir)
    return {p.name: parse_corpus_file(p) for p in sorted(corpus_dir.glob("*@*.md"))}


# ---------------------------------------------------------------- renumbering map

def normalise(text: str) -> str:
    """Whitespace removed, ASCII :/; made full-width (the corpus mixes both widths)."""
    text = re.sub(r"[\s" + INVISIBLE + "]+", "", text)
    return text.replace(":", "：").replace(";", "；")


def similarity(a: str, b: str) -> float:
    """Plain SequenceMatcher ratio on normalised text (what the tests use to judge a mapped pair)."""
    return difflib.SequenceMatcher(None, normalise(a), normalise(b), autojunk=False).ratio()


# Penalty clauses ("处五日以下拘留或者五百元以下罚款", "情节较重的") are shared by dozens of articles and
# would make unrelated articles look alike; the alignment compares what remains.
PENALTY_CLAUSE_RE = re.compile(
    r"^(?:可以)?(?:并|单)?处(?:警告|.*(?:拘留|罚款|警告))|^情节(?:较重|较轻|严重|特别严重)的$|^警告后不改正的$"
)


def substance(text: str) -> str:
    clauses = re.split(r"[，；。：]", normalise(text))
    kept = [c for c in clauses if c and not PENALTY_CLAUSE_RE.match(c)]
    return "，".join(kept) or normalise(text)


def correspondence(old: str, new: str) -> float:
    """How far the new article carries the old one: the better of the ratio and the share of the old
    text found in the new one (discounted: a revision that adds paragraphs keeps the old text whole)."""
    if not old or not new:
        return 0.0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return max(2 * matched / (len(old) + len(new)), 0.9 * matched / len(old))


def correspondence_bound(old: Counter[str], new: Counter[str], old_len: int, new_len: int) -> float:
    """Upper bound of `correspondence` from character counts alone (cheap; skips hopeless pairs)."""
    common = sum((old & new).values())
    return max(2 * common / (old_len + new_len), 0.9 * common / old_len) if old_len and new_len else 0.0


MATCH_THRESHOLD = 0.45   # below this two articles are not taken as the same provision
SPLIT_THRESHOLD = 0.45   # an unmatched neighbour this close to a matched old article is a split/merged part
MOVE_THRESHOLD = 0.80    # an out-of-order pair this close is a moved article


def build_article_map(old: CorpusLaw, new: CorpusLaw) -> dict[str, str | list[str] | None]:
    """Complete old->new map: a monotone alignment maximising total correspondence, then splits,
    merges and moves.

    1. Score every (old, new) pair with `correspondence` on the articles' substance (penalty
       clauses left out).
    2. Dynamic programming over both article sequences (like sequence alignment): a pair may be
       matched only when its score reaches MATCH_THRESHOLD; gaps cost nothing, so inserted new
       articles and dropped old ones are free. This keeps the order of the law.
    3. Split: an unmatched new article right next to the target of old article o, and closer to o
       than to any other old article, is a part split off o: o maps to a list.
       Merge: an unmatched old article right next to a matched old article o', closest to the
       target of o', was merged into it: both map to that article.
    4. Move: an old article still unmatched whose best new article is unmatched and at least
       MOVE_THRESHOLD close moved out of order. Anything left maps to null (no counterpart).
    """
    old_keys, new_keys = list(old.articles), list(new.articles)
    old_sub = [substance(old.text(k)) for k in old_keys]
    new_sub = [substance(new.text(k)) for k in new_keys]
    old_chars, new_chars = [Counter(s) for s in old_sub], [Counter(s) for s in new_sub]
    # Pairs whose bound is below every threshold score 0: no step below can use them anyway.
    lowest = min(MATCH_THRESHOLD, SPLIT_THRESHOLD, MOVE_THRESHOLD)
    score = [[correspondence(a, b)
              if correspondence_bound(old_chars[i], new_chars[j], len(a), len(b)) >= lowest else 0.0
              for j, b in enumerate(new_sub)] for i, a in enumerate(old_sub)]
    n_old, n_new = len(old_keys), len(new_keys)

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
    aligned = dict(targets)
    taken = {j for js in targets.values() for j in js}

    for j in range(n_new):
        if j in taken:
            continue
        closest = max(range(n_old), key=lambda i: score[i][j])
        if score[closest][j] >= SPLIT_THRESHOLD and any(abs(j - t) == 1 for t in aligned.get(closest, [])):
            targets[closest].append(j)
            taken.add(j)
    for i in range(n_old):
        if i in targets:
            continue
        j = max(range(n_new), key=lambda j: score[i][j])
        neighbour_targets = {t for k in (i - 1, i + 1) for t in aligned.get(k, [])}
        if score[i][j] >= SPLIT_THRESHOLD and j in neighbour_targets:
            targets[i] = [j]
        elif j not in taken and score[i][j] >= MOVE_THRESHOLD:
            targets[i] = [j]
            taken.add(j)

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


# ---------------------------------------------------------------- registry files

@dataclass
class RegistryFile:
    path: Path
    data: dict[str, Any]


def load_registry_files(registry_dir: Path) -> dict[str, RegistryFile]:
    if not registry_dir.is_dir():
        raise RegistryError(f"{registry_dir}: registry folder not found (expected data/laws/*.yaml)")
    entries: dict[str, RegistryFile] = {}
    for path in sorted(registry_dir.glob("*.yaml")):
        try:
            data = load_yaml(path.read_text(encoding="utf-8"))
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            where = f"{shown(path)}:{mark.line + 1}:{mark.column + 1}" if mark else shown(path)
            raise RegistryError(f"{where}: invalid YAML ({exc.problem}); fix the file and rerun") from None
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            raise RegistryError(f"{shown(path)}:1: expected a mapping with an `id:` string; see the schema in the brief")
        if data["id"] in entries:
            raise RegistryError(f"{shown(path)}:1: id {data['id']!r} is also used by {entries[data['id']].path.name}")
        articles = data.get("articles") or {}
        if not isinstance(articles, dict):
            raise RegistryError(f"{shown(path)}: `articles:` must be a mapping of article keys to texts")
        for key in articles:
            if not isinstance(key, str) or not ARTICLE_KEY_RE.match(key):
                raise RegistryError(
                    f"{shown(path)}: article key {key!r} is not of the form \"674\" or \"293-1\" (quote it as a string)"
                )
        entries[data["id"]] = RegistryFile(path, data)
    return entries


def shown(path: Path) -> str:
    """Repository-relative path where possible (shorter messages), else the path as given."""
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)


def corpus_for(entry: RegistryFile, corpus: dict[str, CorpusLaw]) -> CorpusLaw | None:
    name = entry.data.get("corpus_file")
    if name is None:
        return None
    if name not in corpus:
        raise RegistryError(f"{shown(entry.path)}: corpus_file {name!r} is not in the corpus folder; "
                            "correct the file name or set it to null")
    return corpus[name]


def generated_parts(
    entry: RegistryFile, corpus: dict[str, CorpusLaw], registry: dict[str, RegistryFile]
) -> dict[str, Any]:
    """What the corpus says the generated keys of this entry must be."""
    law = corpus_for(entry, corpus)
    if law is None:
        return {}
    parts: dict[str, Any] = {
        "article_count": law.article_count,
        "inserted": law.inserted,
        "structure": law.structure(),
    }
    wanted = entry.data.get("articles") or {}
    missing = [k for k in wanted if k not in law.articles]
    if missing:
        raise RegistryError(
            f"{shown(entry.path)}: articles {', '.join(missing)} do not exist in {law.file}; remove them from `articles:`"
        )
    parts["articles"] = {k: law.text(k) for k in sorted(wanted, key=split_key)}
    old_id = entry.data.get("renumbered_from")
    if old_id is not None:
        if old_id not in registry:
            raise RegistryError(f"{shown(entry.path)}: renumbered_from {old_id!r} has no registry file")
        old_law = corpus_for(registry[old_id], corpus)
        if old_law is None:
            raise RegistryError(f"{shown(registry[old_id].path)}: corpus_file is needed to build the article map")
        parts["article_map"] = build_article_map(old_law, law)
    return parts


# ---------------------------------------------------------------- YAML output

def flow(value: Any) -> str:
    """JSON is valid YAML flow style and keeps Chinese readable."""
    return json.dumps(value, ensure_ascii=False)


def scalar_line(key: str, value: Any) -> str:
    if isinstance(value, (dt.date, bool, int, float)) or value is None:
        return yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=10**6).rstrip("\n")
    if isinstance(value, str):
        return f"{key}: {flow(value)}" if needs_quotes(value) else f"{key}: {value}"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return f"{key}: {flow(value)}"
    return yaml.safe_dump(
        {key: value}, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=False
    ).rstrip("\n")


def needs_quotes(value: str) -> bool:
    try:
        return load_yaml(f"k: {value}") != {"k": value}
    except yaml.YAMLError:
        return True


def render_entry(data: dict[str, Any]) -> str:
    order = [k for k in KEY_ORDER if k in data] + [k for k in data if k not in KEY_ORDER]
    out: list[str] = []
    for key in order:
        value = data[key]
        if key in ("structure", "article_map", "article_map_reviewed") and value:
            out.append(f"{key}:")
            out.extend(f"  {flow(k)}: {flow(v)}" for k, v in value.items())
        elif key == "articles" and value:
            out.append("articles:")
            for k, text in value.items():
                out.append(f"  {flow(k)}: |-")
                out.extend(f"    {line}" for line in text.split("\n"))
        elif key in ("structure", "article_map", "article_map_reviewed", "articles"):
            out.append(f"{key}: {{}}")
        else:
            out.append(scalar_line(key, value))
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- commands

def describe_difference(key: str, have: Any, want: Any) -> str:
    if isinstance(want, dict) and isinstance(have, dict):
        changed = [k for k in want if have.get(k) != want[k]]
        extra = [k for k in have if k not in want]
        bits = []
        if changed:
            bits.append(f"differs for {', '.join(map(str, changed[:10]))}{' …' if len(changed) > 10 else ''}")
        if extra:
            bits.append(f"has keys not in the corpus: {', '.join(map(str, extra[:10]))}")
        return f"{key}: " + "; ".join(bits)
    return f"{key}: registry has {flow(have)}, corpus gives {flow(want)}"


def stale_reviews(data: dict[str, Any], article_map: dict[str, Any]) -> list[str]:
    """Hand reviews of map rows (article_map_reviewed) that no longer match the generated map."""
    reviewed = data.get("article_map_reviewed") or {}
    return [f"article_map_reviewed: {old!r} was reviewed as {flow(review.get('to'))} but the map now gives "
            f"{flow(article_map.get(old))}; read the pair again and update the review"
            for old, review in reviewed.items()
            if not isinstance(review, dict) or review.get("to") != article_map.get(old)]


def check(registry: dict[str, RegistryFile], corpus: dict[str, CorpusLaw]) -> list[str]:
    problems: list[str] = []
    for entry in registry.values():
        parts = generated_parts(entry, corpus, registry)
        found = [describe_difference(key, entry.data.get(key), want)
                 for key, want in parts.items() if entry.data.get(key) != want]
        if "article_map" in parts:
            found += stale_reviews(entry.data, parts["article_map"])
        law = corpus_for(entry, corpus)
        if law is not None:
            for key in ("title", "effective"):
                if str(entry.data.get(key)) != str(law.front.get(key)):
                    found.append(f"{key}: registry has {entry.data.get(key)}, {law.file} front matter has "
                                 f"{law.front.get(key)} (hand-written key: correct it by hand)")
        if not found and entry.path.read_text(encoding="utf-8") != render_entry({**entry.data, **parts}):
            found.append("layout differs from the generated layout (run the script without --check)")
        problems += [f"{shown(entry.path)}: {line}" for line in found]
    return problems


def write(registry: dict[str, RegistryFile], corpus: dict[str, CorpusLaw]) -> list[str]:
    changed: list[str] = []
    for entry in registry.values():
        data = {**entry.data, **generated_parts(entry, corpus, registry)}
        text = render_entry(data)
        if entry.path.read_text(encoding="utf-8") != text:
            write_atomically(entry.path, text)
            changed.append(shown(entry.path))
    return changed


def add_articles(registry: dict[str, RegistryFile], corpus: dict[str, CorpusLaw], law_id: str,
                 keys: list[str]) -> None:
    if law_id not in registry:
        raise RegistryError(f"unknown registry id {law_id!r}; known ids: {', '.join(sorted(registry))}")
    entry = registry[law_id]
    law = corpus_for(entry, corpus)
    if law is None:
        raise RegistryError(f"{shown(entry.path)}: {law_id} has no corpus_file, so it has no article texts to add")
    for key in keys:
        if not ARTICLE_KEY_RE.match(key):
            raise RegistryError(f"article {key!r}: write it as digits, e.g. 674 or 293-1 for 第二百九十三条之一")
        if key not in law.articles:
            raise RegistryError(f"article {key} does not exist in {law.file} (articles 1..{law.article_count}"
                                f"{', plus ' + str(len(law.inserted)) + ' 之N articles' if law.inserted else ''})")
    articles = dict(entry.data.get("articles") or {})
    articles.update({k: "" for k in keys})
    entry.data["articles"] = articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report differences, do not write; exit 1 if any")
    parser.add_argument("--add", nargs="+", metavar=("ID", "ARTICLE"),
                        help="add the texts of these articles to registry entry ID")
    parser.add_argument("--registry", type=Path, default=REGISTRY_DIR, help=f"registry folder (default {REGISTRY_DIR})")
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR, help=f"statute corpus folder (default {CORPUS_DIR})")
    args = parser.parse_args(argv)
    try:
        corpus = load_corpus(args.corpus)
        registry = load_registry_files(args.registry)
        if args.add:
            if len(args.add) < 2:
                raise RegistryError("--add needs a registry id and at least one article, e.g. --add minfadian 674")
            if args.check:
                raise RegistryError("--add and --check cannot be combined")
            add_articles(registry, corpus, args.add[0], args.add[1:])
        if args.check:
            problems = check(registry, corpus)
            for line in problems:
                print(line)
            print(f"{len(registry)} registry files checked against {args.corpus}: "
                  f"{len(problems)} difference(s)")
            return 1 if problems else 0
        changed = write(registry, corpus)
        print(f"{len(registry)} registry files synced; rewritten: {', '.join(changed) if changed else 'none'}")
        return 0
    except RegistryError as exc:
        print(f"sync_registry: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"sync_registry: error: {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
