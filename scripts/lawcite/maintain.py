"""Keeping the registry: validate law files, derive article maps, see what a change does to the site.

Library of scripts/laws.py (the command a volunteer runs after adding or changing a law file):

- `validate(registry, files)` — what the loader cannot reject by itself: a text whose article count
  differs from the official copy it was cross-checked against (provenance.official_article_count),
  a text without articles, a renumbered version without a map file, a map that no longer matches
  what the texts give or whose reviews are stale or missing. (Broken files — front matter, dates,
  numbering gaps, repeated or misplaced articles — already fail in load_registry.)
- `derive_map(registry, old, new)` and `map_file_text(...)` — the old->new article map of a
  renumbered law (lawcite.renumbering) as the YAML a person reviews and commits.
- `committed_registry(folder)` and `citation_changes(...)` — the site's citations judged with the
  registry as committed (git HEAD) and as it is now, and every citation whose verdict changed.
"""
from __future__ import annotations

import difflib
import json
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .articles import key_label
from .errors import RegistryError
from .models import Finding
from .registry import MAP_SUFFIX, ArticleTarget, LawVersion, Registry, load_registry, targets
from .renumbering import build_article_map, normalise, similarity

SIMILAR = 0.5  # a mapped pair less similar than this (plain ratio) must carry a review


# --- validation ------------------------------------------------------------------------------------

@dataclass
class FileReport:
    version: LawVersion
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        v = self.version
        dates = f"{v.effective.isoformat() if v.effective else '?'} → {v.ends.isoformat() if v.ends else 'in force'}"
        if v.end_reason:
            dates += f" ({v.end_reason})"
        if not v.has_text:
            return f"{v.title}, {dates}: registered by name only (its articles and quotations are not checked)"
        if not v.structure:
            return f"{v.title}, {dates}: a text without 第X条 articles"
        paras = sum(len(s) + sum(s) for s in v.structure.values())
        return (f"{v.title}, {dates}: {len(v.structure)} articles (1…{v.article_count}, {len(v.inserted)} 之N), "
                f"{paras} paragraphs and items")


def validate(registry: Registry, versions: Iterable[LawVersion], *, check_maps: bool = True) -> list[FileReport]:
    """One report per version: its summary, problems (the command exits 1) and notes."""
    reports = []
    for v in versions:
        r = FileReport(v)
        official = v.provenance.get("official_article_count")
        if v.has_text and official is not None and official != len(v.structure):
            r.problems.append(f"{len(v.structure)} articles in the text, but provenance.official_article_count is {official}: "
                              "an article is missing or the text is cut short; compare the text with the official copy")
        if v.has_text and not v.structure:
            r.notes.append("no line starts with 第X条: every citation of an article of it will be no-such-article "
                           "(right for a 批复 or 决定 numbered 一、二、…)")
        if check_maps:
            r.problems += map_problems(registry, v)
        reports.append(r)
    return reports


def map_problems(registry: Registry, v: LawVersion) -> list[str]:
    """A map that no longer fits: algorithm and file disagree without a review, reviews stale or missing;
    or a version whose numbering changed and has no map."""
    old = registry.previous(v)
    if old is None or not old.has_text or not v.has_text:
        return []
    derived = build_article_map(old.articles, v.articles)
    if not v.article_map:
        moved = [k for k, t in derived.items() if t != k]
        if len(moved) > len(derived) // 20:
            return [f"{len(moved)} of {len(derived)} articles of {old.id} seem to have new numbers here "
                    f"(e.g. {', '.join(f'{k}→{derived[k]}' for k in moved[:3])}): if this version renumbered the law, "
                    f"derive the map: scripts/laws.py map {old.id} {v.id} --write, then review it"]
        return []
    problems = []
    reviewed = v.map_reviewed
    for k, stored in v.article_map.items():
        review = reviewed.get(k)
        if review is not None and (not isinstance(review, dict) or review.get("to") != stored):
            problems.append(f"{v.map_path.name if v.map_path else v.id}: the review of {k} says {json.dumps((review or {}).get('to') if isinstance(review, dict) else review, ensure_ascii=False)} "
                            f"but the map gives {json.dumps(stored, ensure_ascii=False)}: read the pair again and update the review")
        elif stored != derived.get(k) and not (review and review.get("overrides") == derived.get(k)):
            problems.append(f"map {k} → {json.dumps(stored, ensure_ascii=False)}, but the texts give {json.dumps(derived.get(k), ensure_ascii=False)}: "
                            f"run scripts/laws.py map {old.id} {v.id} and review the pair (a deliberate override records overrides: in its review)")
        elif review is None and needs_review(old, v, k, stored):
            problems.append(f"map {k} → {json.dumps(stored, ensure_ascii=False)} is not reviewed (null, split or similarity below {SIMILAR}): "
                            f"read the pair side by side (scripts/laws.py map {old.id} {v.id}) and add a review")
    return problems


def needs_review(old: LawVersion, new: LawVersion, key: str, target: ArticleTarget) -> bool:
    ts = targets(target)
    if len(ts) != 1:
        return True
    return similarity(old.articles[key], new.articles[ts[0]]) < SIMILAR


# --- article maps ----------------------------------------------------------------------------------

@dataclass
class MapDraft:
    old: LawVersion
    new: LawVersion
    derived: dict[str, ArticleTarget]      # what the algorithm gives
    mapping: dict[str, ArticleTarget]      # what the file will hold (reviewed overrides applied)
    reviewed: dict[str, Any]               # reviews kept from the existing map file

    def changed_pairs(self) -> list[str]:
        """Old keys whose text is not carried over unchanged to a single new article."""
        out = []
        for k, t in self.mapping.items():
            ts = targets(t)
            if len(ts) != 1 or normalise(self.old.articles[k]) != normalise(self.new.articles[ts[0]]):
                out.append(k)
        return out

    def new_articles(self) -> list[str]:
        taken = {t for v in self.mapping.values() for t in targets(v)}
        return [k for k in self.new.article_keys if k not in taken]


def derive_map(registry: Registry, old: LawVersion, new: LawVersion) -> MapDraft:
    """The map from `old` (the version just before `new`) to `new`, keeping the reviews of an existing
    map file that still apply; a review with `overrides: <algorithm's answer>` keeps its own target."""
    if registry.previous(new) is not old:
        raise RegistryError(new.path, None, f"{old.id} is not the version just before {new.id}: a map goes from one version to the next")
    if not old.has_text or not new.has_text:
        raise RegistryError(new.path, None, "both versions need their text to derive a map")
    derived = build_article_map(old.articles, new.articles)
    mapping = dict(derived)
    kept: dict[str, Any] = {}
    for k, review in (new.map_reviewed or {}).items():
        if not isinstance(review, dict) or k not in derived:
            continue
        if review.get("to") == derived[k]:
            kept[k] = review
        elif "overrides" in review and review["overrides"] == derived[k]:
            mapping[k] = review.get("to")
            kept[k] = review
    return MapDraft(old, new, derived, mapping, kept)


def side_by_side(draft: MapDraft, key: str, width: int = 70) -> list[str]:
    """The differences between an old article and its new article(s), for a person to read."""
    old_text = normalise(draft.old.articles[key])
    ts = targets(draft.mapping[key])
    new_text = normalise("".join(draft.new.articles[t] for t in ts))
    head = f"{key_label(key)} → {'、'.join(key_label(t) for t in ts) or 'null (no counterpart)'}"
    review = draft.reviewed.get(key)
    head += f"   reviewed: {review.get('reason', '')}" if review else "   NOT REVIEWED"
    out = [head]
    if not ts:
        out.append(f"    old: {old_text[:width * 2]}")
        return out
    ops = difflib.SequenceMatcher(None, old_text, new_text, autojunk=False).get_opcodes()
    for op, i1, i2, j1, j2 in ops:
        if op == "equal":
            continue
        out.append(f"    {op:7} {old_text[i1:i2][:width]!r} → {new_text[j1:j2][:width]!r}")
    return out


MAP_HEADER = """# Article map: {title}, {old} -> {new}.
# Read by lawcite.registry; checked by scripts/laws.py check, re-derived by scripts/laws.py map
# (README, 'Adding a law or a new version'). Every old article maps to its new key, a list of keys
# (split) or null (no counterpart). reviewed: the pairs a person read side by side, and why the
# map is right for them; overrides: records what the algorithm gave where the reviewer changed it.
"""
DERIVED_DEFAULT = ("Computed from the two texts by lawcite.renumbering.build_article_map (in order alignment "
                   "of the articles' substance, then splits, merges and moves) with scripts/laws.py map on {day}.")


def map_file_text(draft: MapDraft, derived_note: str | None = None) -> str:
    """The YAML of a map file (one line per article, reviews as flow mappings)."""
    note = derived_note or DERIVED_DEFAULT.format(day=date.today().isoformat())
    lines = MAP_HEADER.format(title=draft.new.title, old=draft.old.id, new=draft.new.id).splitlines()
    lines += [f"from: {draft.old.id}", "derived: >-"]
    lines += _wrap(note, "  ")
    lines.append("map:")
    lines += [f"  {json.dumps(k)}: {json.dumps(t, ensure_ascii=False)}" for k, t in draft.mapping.items()]
    if draft.reviewed:
        lines.append("reviewed:")
        for k in draft.mapping:
            if k in draft.reviewed:
                r = draft.reviewed[k]
                parts = [f"to: {json.dumps(r.get('to'), ensure_ascii=False)}"]
                if "overrides" in r:
                    parts.append(f"overrides: {json.dumps(r['overrides'], ensure_ascii=False)}")
                parts.append(f"reason: {json.dumps(r.get('reason', ''), ensure_ascii=False)}")
                lines.append(f"  {json.dumps(k)}: {{{', '.join(parts)}}}")
    return "\n".join(lines) + "\n"


def _wrap(text: str, indent: str, width: int = 100) -> list[str]:
    out, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            out.append(indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        out.append(indent + line)
    return out


def map_path(new: LawVersion) -> Path:
    return new.path.with_name(new.id + MAP_SUFFIX)


def existing_derived_note(new: LawVersion) -> str | None:
    """The `derived:` text of the version's current map file, to keep it when the map is rewritten."""
    if new.map_path is None or not new.map_path.is_file():
        return None
    import yaml

    data = yaml.safe_load(new.map_path.read_text(encoding="utf-8"))
    note = data.get("derived") if isinstance(data, dict) else None
    return note if isinstance(note, str) else None


# --- what a change does to the site ----------------------------------------------------------------

def committed_registry(folder: Path, into: Path, revision: str = "HEAD") -> str:
    """Write `folder` as committed at `revision` (git) into `into`/data/laws; "" or why it cannot."""
    folder = folder.resolve()
    try:
        top = subprocess.run(["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, check=True).stdout.strip()
        rel = folder.relative_to(Path(top).resolve()).as_posix()
        names = subprocess.run(["git", "-C", top, "ls-tree", "--name-only", f"{revision}:{rel}"], capture_output=True,
                               text=True, check=True).stdout.split()
        target = into / "data" / "laws"
        target.mkdir(parents=True)
        settings = folder.parent / "lawcite.yaml"
        if settings.is_file():
            (target.parent / "lawcite.yaml").write_bytes(settings.read_bytes())
        for name in names:
            blob = subprocess.run(["git", "-C", top, "show", f"{revision}:{rel}/{name}"], capture_output=True,
                                  check=True).stdout
            (target / name).write_bytes(blob)
    except (OSError, subprocess.CalledProcessError, ValueError) as e:
        detail = (getattr(e, "stderr", "") or str(e))
        detail = detail.decode() if isinstance(detail, bytes) else detail
        return f"no committed registry to compare with ({detail.strip().splitlines()[-1] if detail.strip() else 'not a git work tree'})"
    return ""


def load_committed(folder: Path, revision: str = "HEAD") -> tuple[Registry | None, str]:
    """The registry as committed at `revision`, or (None, why not). Loaded without the parse cache
    (a temporary folder would only crowd out the cache of the real registry)."""
    import os

    with tempfile.TemporaryDirectory(prefix="lawcite-committed-") as tmp:
        why = committed_registry(folder, Path(tmp), revision)
        if why:
            return None, why
        old_env = os.environ.get("LAWCITE_CACHE_DIR")
        os.environ["LAWCITE_CACHE_DIR"] = "off"
        try:
            return load_registry(Path(tmp) / "data" / "laws"), ""
        except RegistryError as e:
            return None, f"the registry committed at {revision} cannot be read by this loader ({e})"
        finally:
            if old_env is None:
                del os.environ["LAWCITE_CACHE_DIR"]
            else:
                os.environ["LAWCITE_CACHE_DIR"] = old_env


@dataclass(frozen=True)
class Change:
    path: str
    line: int
    column: int
    text: str
    before: str     # status (message) or "—"
    after: str


def judge_pages(pages: list[tuple[str, str, date]], registry: Registry) -> dict[tuple[str, int, int, str], Finding]:
    """Every citation of every (path, text, as_of) page, checked with quotations."""
    from .check import check_citations
    from .extract import find_citations

    out: dict[tuple[str, int, int, str], Finding] = {}
    for path, text, as_of in pages:
        for f in check_citations(find_citations(text, registry, markdown=True), registry, as_of, text=text, previews=True):
            c = f.citation
            out[(path, c.line, c.column, c.text)] = f
    return out


def citation_changes(pages: list[tuple[str, str, date]], before: Registry, after: Registry) -> tuple[int, int, list[Change]]:
    """(citations before, citations after, the citations whose verdict differs)."""
    a = judge_pages(pages, before)
    b = judge_pages(pages, after)
    changes = []
    for key in sorted(set(a) | set(b)):
        fa, fb = a.get(key), b.get(key)
        va = _verdict(fa)
        vb = _verdict(fb)
        if va != vb:
            changes.append(Change(key[0], key[1], key[2], key[3], va, vb))
    return len(a), len(b), changes


def _verdict(f: Finding | None) -> str:
    if f is None:
        return "— (not a citation)"
    out: str = f.status
    if f.version is not None:
        out += f" [{f.version.isoformat()}]"
    if f.suggestion:
        out += f" → {f.suggestion}"
    return out


def load_pages(docs: Path, default_as_of: date) -> list[tuple[str, str, date]]:
    """(path, text, the page's reviewed date or default_as_of) for every Markdown page under docs."""
    from .frontmatter import BadDateError, reviewed_date

    pages = []
    for f in sorted(docs.rglob("*.md")):
        text = f.read_text(encoding="utf-8")
        try:
            day = reviewed_date(text) or default_as_of
        except BadDateError:
            day = default_as_of
        pages.append((str(f), text, day))
    return pages
