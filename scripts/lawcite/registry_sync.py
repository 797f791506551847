"""Step 3 of the registry sync: bring data/laws/*.yaml in line with the statute corpus.

`generated_parts` computes what the corpus says an entry's generated keys must be (article_count,
inserted, structure, the texts of the articles listed under `articles:`, and for a renumbered
version the complete old->new article_map). `check` compares them with the files (--check),
`write` rewrites the files that differ — hand-written keys are kept, in the file's key order —
and `add_articles` adds article keys to an entry before it is written (--add). Bad input raises
`RegistrySyncError` with one message naming the file and what to do.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .corpus import CorpusLaw
from .registry import REPO_ROOT, _yaml, split_key
from .renumbering import build_article_map

DEFAULT_REGISTRY_DIR = REPO_ROOT / "data" / "laws"
DEFAULT_CORPUS_DIR = REPO_ROOT.parent / "shared" / "laws"

# Key order of a registry file (extra hand-written keys such as `note` keep their place after these).
KEY_ORDER = [
    "id", "law_slug", "title", "short", "aliases", "kind", "issuer", "adopted", "effective", "ends",
    "end_reason", "successor", "source", "corpus_file", "note", "article_count", "inserted", "structure",
    "renumbered_from", "article_map", "article_map_reviewed", "articles",
]
# Written as mappings of one line per key; an empty one as {}.
MAPPING_KEYS = ("structure", "article_map", "article_map_reviewed")
ARTICLE_KEY_RE = re.compile(r"^[1-9][0-9]*(?:-[1-9][0-9]*)?$")


class RegistrySyncError(Exception):
    """Bad input: reported as one clear message (the CLI exits with status 2)."""


@dataclass
class RegistryFile:
    path: Path
    data: dict[str, Any]


# ---------------------------------------------------------------- reading the registry

def load_registry_files(registry_dir: Path) -> dict[str, RegistryFile]:
    """Every <id>.yaml of the folder as plain data, by id (not through lawcite.load_registry:
    the sync must also read files whose generated keys are stale or missing)."""
    yaml, loader = _yaml()
    if not registry_dir.is_dir():
        raise RegistrySyncError(f"{registry_dir}: registry folder not found (expected data/laws/*.yaml)")
    entries: dict[str, RegistryFile] = {}
    for path in sorted(registry_dir.glob("*.yaml")):
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark
            where = f"{shown(path)}:{mark.line + 1}:{mark.column + 1}" if mark else shown(path)
            raise RegistrySyncError(f"{where}: invalid YAML ({exc.problem}); fix the file and rerun") from None
        except UnicodeDecodeError as exc:
            raise RegistrySyncError(f"{shown(path)}: not UTF-8 ({exc.reason}); save the file as UTF-8") from None
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            raise RegistrySyncError(
                f"{shown(path)}:1: expected a mapping with an `id:` string; see the schema in the brief")
        if data["id"] in entries:
            raise RegistrySyncError(
                f"{shown(path)}:1: id {data['id']!r} is also used by {entries[data['id']].path.name}")
        articles = data.get("articles") or {}
        if not isinstance(articles, dict):
            raise RegistrySyncError(f"{shown(path)}: `articles:` must be a mapping of article keys to texts")
        for key in articles:
            if not isinstance(key, str) or not ARTICLE_KEY_RE.match(key):
                raise RegistrySyncError(
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
        raise RegistrySyncError(f"{shown(entry.path)}: corpus_file {name!r} is not in the corpus folder; "
                                "correct the file name or set it to null")
    return corpus[name]


# ---------------------------------------------------------------- generated parts

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
        raise RegistrySyncError(
            f"{shown(entry.path)}: articles {', '.join(missing)} do not exist in {law.file}; remove them from `articles:`"
        )
    parts["articles"] = {k: law.text(k) for k in sorted(wanted, key=split_key)}
    old_id = entry.data.get("renumbered_from")
    if old_id is not None:
        if old_id not in registry:
            raise RegistrySyncError(f"{shown(entry.path)}: renumbered_from {old_id!r} has no registry file")
        old_law = corpus_for(registry[old_id], corpus)
        if old_law is None:
            raise RegistrySyncError(
                f"{shown(registry[old_id].path)}: corpus_file is needed to build the article map")
        parts["article_map"] = build_article_map(old_law, law)
    return parts


# ---------------------------------------------------------------- YAML output

def flow(value: Any) -> str:
    """JSON is valid YAML flow style and keeps Chinese readable."""
    return json.dumps(value, ensure_ascii=False)


def scalar_line(key: str, value: Any) -> str:
    yaml, _ = _yaml()
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
    """True when `key: value` written plain would not read back as the same string."""
    yaml, loader = _yaml()
    try:
        return yaml.load(f"k: {value}", Loader=loader) != {"k": value}
    except yaml.YAMLError:
        return True


def render_entry(data: dict[str, Any]) -> str:
    """The registry file's text: known keys in KEY_ORDER, other hand-written keys after them."""
    order = [k for k in KEY_ORDER if k in data] + [k for k in data if k not in KEY_ORDER]
    out: list[str] = []
    for key in order:
        value = data[key]
        if key in MAPPING_KEYS and value:
            out.append(f"{key}:")
            out.extend(f"  {flow(k)}: {flow(v)}" for k, v in value.items())
        elif key == "articles" and value:
            out.append("articles:")
            for k, text in value.items():
                out.append(f"  {flow(k)}: |-")
                out.extend(f"    {line}" for line in text.split("\n"))
        elif key in MAPPING_KEYS or key == "articles":
            out.append(f"{key}: {{}}")
        else:
            out.append(scalar_line(key, value))
    return "\n".join(out) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Others may read the registry while it is synced: never let them see a half-written file."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


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
    """One line per difference between the registry files and the corpus (never writes)."""
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
    """Rewrite every registry file whose text differs from the generated one; the files rewritten."""
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
    """Add article keys (texts filled in by `write`) to the entry `law_id`, in memory."""
    if law_id not in registry:
        raise RegistrySyncError(f"unknown registry id {law_id!r}; known ids: {', '.join(sorted(registry))}")
    entry = registry[law_id]
    law = corpus_for(entry, corpus)
    if law is None:
        raise RegistrySyncError(
            f"{shown(entry.path)}: {law_id} has no corpus_file, so it has no article texts to add")
    for key in keys:
        if not ARTICLE_KEY_RE.match(key):
            raise RegistrySyncError(
                f"article {key!r}: write it as digits, e.g. 674 or 293-1 for 第二百九十三条之一")
        if key not in law.articles:
            raise RegistrySyncError(
                f"article {key} does not exist in {law.file} (articles 1..{law.article_count}"
                f"{', plus ' + str(len(law.inserted)) + ' 之N articles' if law.inserted else ''})")
    articles = dict(entry.data.get("articles") or {})
    articles.update({k: "" for k in keys})
    entry.data["articles"] = articles
