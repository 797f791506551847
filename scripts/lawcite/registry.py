"""Load and validate the law registry: data/laws/<id>.yaml, one file per law version.

Every error is a RegistryError that names the file and line and says what to do; the loader never
lets a PyYAML or KeyError traceback through.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .numerals import article_label
from .yamlcache import load_all

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATH = REPO_ROOT / "data" / "laws"
SETTINGS_NAME = "lawcite.yaml"  # next to the registry folder; DEFAULT_SETTINGS when absent there
DEFAULT_SETTINGS = REPO_ROOT / "data" / SETTINGS_NAME

KINDS = ("法律", "行政法规", "司法解释")
END_REASONS = (None, "revised", "repealed")
# key -> (required, accepted types). Order is the schema's order.
SCHEMA: dict[str, tuple[bool, tuple[type, ...]]] = {
    "id": (True, (str,)),
    "law_slug": (True, (str,)),
    "title": (True, (str,)),
    "short": (True, (str,)),
    "aliases": (True, (list,)),
    "kind": (True, (str,)),
    "issuer": (True, (str, type(None))),
    "adopted": (True, (date, type(None))),
    "effective": (True, (date, type(None))),  # null only for a repealed law whose date is not sourced
    "ends": (True, (date, type(None))),
    "end_reason": (True, (str, type(None))),
    "successor": (True, (str, type(None))),
    "source": (True, (str, type(None))),
    "corpus_file": (True, (str, type(None))),
    "article_count": (True, (int, type(None))),
    "inserted": (True, (list,)),
    "structure": (True, (dict,)),
    "renumbered_from": (True, (str, type(None))),
    "article_map": (True, (dict,)),
    "articles": (True, (dict,)),
    "note": (False, (str, type(None))),
}
_ASCII_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_ARTICLE_KEY = re.compile(r"([1-9][0-9]*)(?:-([1-9][0-9]*))?\Z")


class RegistryError(Exception):
    """A broken registry file: str() is 'path:line: message'."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{line if line is not None else 1}: {message}")


@dataclass(frozen=True, slots=True)
class LawVersion:
    id: str
    law_slug: str
    title: str
    short: str
    aliases: tuple[str, ...]
    kind: str
    issuer: str | None
    adopted: date | None
    effective: date | None
    ends: date | None
    end_reason: str | None
    successor: str | None
    source: str | None
    corpus_file: str | None
    article_count: int | None
    inserted: frozenset[str]
    structure: dict[str, tuple[int, ...]]
    renumbered_from: str | None
    article_map: dict[str, Any]
    articles: dict[str, str]
    note: str | None
    path: Path

    @property
    def starts(self) -> date:
        """effective, or date.min when the registry does not know it (old repealed laws)."""
        return self.effective or date.min

    def in_force_on(self, day: date) -> bool:
        return self.starts <= day and (self.ends is None or day < self.ends)

    def has_article(self, key: str) -> bool | None:
        """True/False, or None when the registry cannot tell (article_count unknown)."""
        if self.article_count is None:
            return None
        m = _ARTICLE_KEY.match(key)
        if not m:
            return False
        if m.group(2):
            return key in self.inserted
        return 1 <= int(m.group(1)) <= self.article_count

    @property
    def year_tag(self) -> str:
        """v2013: the anchor prefix of an older version in the appendix."""
        return f"v{self.starts.year}"


@dataclass
class Registry:
    versions: dict[str, LawVersion]
    laws: dict[str, list[LawVersion]]  # law_slug -> versions sorted by effective date
    names: dict[str, str]  # every title/short/alias -> law_slug
    path: Path
    foreign_prefixes: tuple[str, ...] = ()  # data/lawcite.yaml: words that mark a foreign law
    _name_lengths: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._name_lengths = sorted({len(n) for n in self.names}, reverse=True)

    def law_slug_for(self, ref: str) -> str | None:
        """A law_slug, version id or name -> law_slug."""
        if ref in self.laws:
            return ref
        if ref in self.versions:
            return self.versions[ref].law_slug
        return self.names.get(normalise_name(ref))

    def name_lengths(self) -> list[int]:
        return self._name_lengths

    def latest(self, slug: str) -> LawVersion:
        return self.laws[slug][-1]

    def title(self, slug: str) -> str:
        return self.latest(slug).title

    def version_on(self, slug: str, day: date) -> LawVersion | None:
        for v in self.laws[slug]:
            if v.in_force_on(day):
                return v
        return None

    def versions_by_date(self, slug: str | None, effective: date | None) -> LawVersion | None:
        """The version of `slug` that took effect on `effective` (a Finding's `version`)."""
        if slug is None or effective is None or slug not in self.laws:
            return None
        return next((v for v in self.laws[slug] if v.effective == effective), None)

    def previous(self, version: LawVersion) -> LawVersion | None:
        if version.renumbered_from:
            return self.versions[version.renumbered_from]
        vs = self.laws[version.law_slug]
        i = vs.index(version)
        return vs[i - 1] if i > 0 else None

    def version_for_year(self, slug: str, year: int) -> LawVersion | None:
        """The version adopted (or first in force) in `year`, else the one in force at its end."""
        vs = self.laws[slug]
        for v in vs:
            if v.adopted is not None and v.adopted.year == year:
                return v
        for v in vs:
            if v.effective is not None and v.effective.year == year:
                return v
        return self.version_on(slug, date(year, 12, 31))

    def suggest(self, name: str) -> str | None:
        """The slug whose title/short name/alias is nearest to an unknown name, if any is close.

        The common prefix 中华人民共和国 is ignored (it would make every national law look alike).
        """
        import difflib  # only needed when a name is unknown

        name = _strip_prefix(normalise_name(name))
        best: tuple[float, str] | None = None
        for known, slug in self.names.items():
            known = _strip_prefix(known)
            if not known or not name:
                continue
            ratio = difflib.SequenceMatcher(None, name, known, autojunk=False).ratio()
            # a known name inside the written one (人民民法典 ⊃ 民法典) is close
            if len(known) >= 2 and known in name:
                ratio = max(ratio, 0.6 + 0.4 * len(known) / len(name))
            if best is None or ratio > best[0]:
                best = (ratio, slug)
        return best[1] if best and best[0] >= SUGGEST_MIN_RATIO else None


SUGGEST_MIN_RATIO = 0.6


def _strip_prefix(name: str) -> str:
    return name.removeprefix("中华人民共和国")


def normalise_name(name: str) -> str:
    """Strip 《》 and whitespace inside a law name."""
    return re.sub(r"\s+", "", name).strip("《》〈〉")


def load_registry(path: Path | str | None = None) -> Registry:
    """Load every <id>.yaml in `path` (default data/laws), ../aliases.yaml and the settings file
    (../lawcite.yaml, else data/lawcite.yaml) if present. Parsed data is cached (lawcite.yamlcache)."""
    folder = Path(path) if path is not None else DEFAULT_PATH
    if not folder.is_dir():
        raise RegistryError(folder, None, "registry folder not found: create it or pass the right path")
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise RegistryError(folder, None, "no <id>.yaml files in the registry folder")
    aliases_file = folder.parent / "aliases.yaml"
    settings = folder.parent / SETTINGS_NAME
    if not settings.is_file():
        settings = DEFAULT_SETTINGS
    extra = [f for f in (aliases_file, settings) if f.is_file()]
    parsed = load_all(files + extra, _parse_yaml)
    versions: dict[str, LawVersion] = {}
    for f in files:
        v = _load_version(f, parsed[f])
        if v.id in versions:
            raise RegistryError(f, _line_of(f, ["id"]), f"duplicate id {v.id!r} (also in {versions[v.id].path.name}): ids must be unique")
        versions[v.id] = v
    laws: dict[str, list[LawVersion]] = {}
    for v in versions.values():
        laws.setdefault(v.law_slug, []).append(v)
    for vs in laws.values():
        vs.sort(key=lambda v: v.starts)
    names = _build_names(versions, aliases_file, parsed.get(aliases_file))
    _check_links(versions)
    foreign = _load_foreign_prefixes(settings, parsed[settings]) if settings in parsed else ()
    return Registry(versions=versions, laws=laws, names=names, path=folder, foreign_prefixes=foreign)


def _yaml() -> tuple[Any, Any]:
    """PyYAML and its fastest safe loader, imported only when a file has to be parsed."""
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_yaml(f: Path, raw: bytes) -> Any:
    yaml, loader = _yaml()
    try:
        return yaml.load(raw.decode("utf-8"), Loader=loader)
    except UnicodeDecodeError as e:
        raise RegistryError(f, None, f"not UTF-8 ({e.reason}): save the file as UTF-8") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise RegistryError(f, line, f"YAML syntax error: {problem}; fix the YAML") from None


def _load_foreign_prefixes(f: Path, data: Any) -> tuple[str, ...]:
    """foreign_law_prefixes from the settings file (data/lawcite.yaml)."""
    if not isinstance(data, dict):
        raise RegistryError(f, 1, "lawcite.yaml must be a mapping with the key foreign_law_prefixes")
    prefixes = data.get("foreign_law_prefixes", [])
    if not isinstance(prefixes, list) or not all(isinstance(p, str) and p.strip() for p in prefixes):
        raise RegistryError(f, _line_of(f, ["foreign_law_prefixes"]), "foreign_law_prefixes must be a list of non-empty words, e.g. [德国, 日本]")
    return tuple(p.strip() for p in prefixes)


def _load_version(f: Path, data: Any) -> LawVersion:
    if not isinstance(data, dict):
        raise RegistryError(f, 1, "the file must be a YAML mapping with the registry keys (id, law_slug, title, …)")
    for key, (required, types) in SCHEMA.items():
        if key not in data:
            if required:
                raise RegistryError(f, 1, f"missing key {key!r}: add it (see the schema in data/laws/README or the brief)")
            continue
        if not isinstance(data[key], types) or (isinstance(data[key], bool) and bool not in types):
            want = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            raise RegistryError(f, _line_of(f, [key]), f"{key!r} must be {want}, not {type(data[key]).__name__}")

    def fail(keys: list[Any], msg: str) -> RegistryError:
        return RegistryError(f, _line_of(f, keys), msg)

    if not _ASCII_ID.match(data["id"]):
        raise fail(["id"], "id must be lower-case ASCII letters, digits and '-'")
    if f.stem != data["id"]:
        raise fail(["id"], f"id {data['id']!r} differs from the file name {f.name!r}: rename one of them")
    if not _ASCII_ID.match(data["law_slug"]):
        raise fail(["law_slug"], "law_slug must be lower-case ASCII letters, digits and '-'")
    if data["kind"] not in KINDS:
        raise fail(["kind"], f"kind must be one of {', '.join(KINDS)}")
    if data["end_reason"] not in END_REASONS:
        raise fail(["end_reason"], "end_reason must be null, revised or repealed")
    if data["effective"] is None and data["ends"] is None:
        raise fail(["effective"], "effective may be null only for a law that has ended (ends set): give the date it took effect")
    if data["ends"] is not None and data["effective"] is not None and data["ends"] <= data["effective"]:
        raise fail(["ends"], "ends must be later than effective")
    if (data["ends"] is None) != (data["end_reason"] is None):
        raise fail(["end_reason"], "ends and end_reason go together: set both or neither")
    for i, a in enumerate(data["aliases"]):
        if not isinstance(a, str) or not a.strip():
            raise fail(["aliases", i], "aliases must be a list of non-empty strings")
    inserted: set[str] = set()
    for i, k in enumerate(data["inserted"]):
        if not isinstance(k, str) or not re.fullmatch(r"[1-9][0-9]*-[1-9][0-9]*", k):
            raise fail(["inserted", i], f'inserted articles are strings like "293-1", not {k!r}')
        inserted.add(k)
    count = data["article_count"]
    if count is not None and count < 0:
        raise fail(["article_count"], "article_count must be 0 or more")
    if count is None and not data.get("note"):
        raise fail(["article_count"], "article_count is null: add a note: saying why the count cannot be sourced")
    structure: dict[str, tuple[int, ...]] = {}
    for k, v in data["structure"].items():
        if not isinstance(v, list) or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in v) or not v:
            raise fail(["structure", k], f"structure[{k!r}] must be a non-empty list of item counts per paragraph, e.g. [6, 0]")
        structure[str(k)] = tuple(v)
    articles: dict[str, str] = {}
    for k, v in data["articles"].items():
        if not isinstance(v, str):
            raise fail(["articles", k], f"articles[{k!r}] must be the article text (a string)")
        articles[str(k)] = v
    version = LawVersion(
        id=data["id"], law_slug=data["law_slug"], title=data["title"], short=data["short"],
        aliases=tuple(data["aliases"]), kind=data["kind"], issuer=data["issuer"],
        adopted=data["adopted"], effective=data["effective"], ends=data["ends"],
        end_reason=data["end_reason"], successor=data["successor"], source=data["source"],
        corpus_file=data["corpus_file"], article_count=count, inserted=frozenset(inserted),
        structure=structure, renumbered_from=data["renumbered_from"],
        article_map={str(k): v for k, v in data["article_map"].items()}, articles=articles,
        note=data.get("note"), path=f,
    )
    for section in ("structure", "articles"):
        for k in getattr(version, section):
            if version.has_article(k) is False:
                raise fail([section, k], f"{section}[{k!r}]: {version.short} has no such article (article_count {count}, inserted {sorted(inserted)})")
    return version


def _check_links(versions: dict[str, LawVersion]) -> None:
    for v in versions.values():
        if v.successor is not None and v.successor not in versions:
            raise RegistryError(v.path, _line_of(v.path, ["successor"]), f"successor {v.successor!r} is not a registry id: add data/laws/{v.successor}.yaml or fix the id")
        if v.renumbered_from is None:
            if v.article_map:
                raise RegistryError(v.path, _line_of(v.path, ["article_map"]), "article_map without renumbered_from: set renumbered_from to the old version's id")
            continue
        old = versions.get(v.renumbered_from)
        if old is None:
            raise RegistryError(v.path, _line_of(v.path, ["renumbered_from"]), f"renumbered_from {v.renumbered_from!r} is not a registry id")
        for k, target in v.article_map.items():
            if old.has_article(k) is False:
                raise RegistryError(v.path, _line_of(v.path, ["article_map", k]), f"article_map key {k!r}: {old.id} has no such article")
            targets = target if isinstance(target, list) else [target]
            for t in targets:
                if t is None:
                    continue
                if not isinstance(t, str) or v.has_article(t) is False:
                    raise RegistryError(v.path, _line_of(v.path, ["article_map", k]), f"article_map[{k!r}] -> {t!r}: {v.id} has no such article (use a string key like \"50\", a list, or null)")


def _build_names(versions: dict[str, LawVersion], aliases_file: Path, extra: Any) -> dict[str, str]:
    names: dict[str, str] = {}
    origin: dict[str, Path] = {}

    def add(name: str, slug: str, where: Path, keys: list[Any]) -> None:
        n = normalise_name(name)
        if n in names and names[n] != slug:
            raise RegistryError(where, _line_of(where, keys), f"name {n!r} is used by two laws ({names[n]} in {origin[n].name} and {slug}): make it unique")
        names[n] = slug
        origin[n] = where

    for v in versions.values():
        add(v.title, v.law_slug, v.path, ["title"])
        add(v.short, v.law_slug, v.path, ["short"])
        for i, a in enumerate(v.aliases):
            add(a, v.law_slug, v.path, ["aliases", i])
    if aliases_file.is_file():
        extra = extra or {}
        if not isinstance(extra, dict):
            raise RegistryError(aliases_file, 1, "aliases.yaml must map a law_slug to a list of names")
        slugs = {v.law_slug for v in versions.values()}
        for slug, lst in extra.items():
            if slug not in slugs:
                raise RegistryError(aliases_file, _line_of(aliases_file, [slug]), f"{slug!r} is not a law_slug in data/laws")
            if not isinstance(lst, list):
                raise RegistryError(aliases_file, _line_of(aliases_file, [slug]), f"{slug}: give a list of names")
            for i, a in enumerate(lst):
                if not isinstance(a, str):
                    raise RegistryError(aliases_file, _line_of(aliases_file, [slug, i]), "names must be strings")
                add(a, slug, aliases_file, [slug, i])
    return names


def _line_of(f: Path, keys: list[Any]) -> int | None:
    """1-based line of the node at `keys` (mapping keys or list indices), best effort."""
    yaml, loader = _yaml()
    try:
        node = yaml.compose(f.read_text(encoding="utf-8"), Loader=loader)
    except (yaml.YAMLError, OSError, UnicodeDecodeError):
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for key in keys:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if str(k.value) == str(key):
                    line, node = k.start_mark.line + 1, v
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def article_key(article: int, sub: int = 0) -> str:
    """(293, 1) -> "293-1", (50, 0) -> "50": the registry's key of an article."""
    return f"{article}-{sub}" if sub else str(article)


def split_key(key: str) -> tuple[int, int]:
    """"293-1" -> (293, 1), "50" -> (50, 0): the inverse of article_key."""
    article, _, sub = key.partition("-")
    return int(article), int(sub or 0)


def key_label(key: str) -> str:
    """"293-1" -> 第二百九十三条之一."""
    a, _, s = key.partition("-")
    return article_label(int(a), int(s) if s else 0)


__all__ = ["DEFAULT_PATH", "LawVersion", "Registry", "RegistryError", "article_key", "key_label", "load_registry", "normalise_name", "split_key"]
