"""Load and validate the law registry: data/laws/, one Markdown file per law version.

    data/laws/<law_slug>@<effective>.md        the official text, with YAML front matter for the
                                               facts the text does not state (lawcite.lawtext)
    data/laws/<law_slug>.md                    a law registered by name only (no body, no known
                                               effective date): its articles are not checked
    data/laws/<law_slug>@<effective>.map.yaml  for a version that renumbered the articles: the
                                               reviewed map old article -> new article(s)

Everything the text holds is derived from it when the registry is loaded — article numbers and
count, 之N articles, paragraphs and items, every article's text — and cached (lawcite.yamlcache).
What a file cannot say about itself is derived from its neighbours: a version ends the day the next
version of the same law takes effect, and an older version's article moves along the map files.

Settings: a file lawcite.yaml next to the registry folder (data/lawcite.yaml) may replace entries of
the grammar (lawcite/grammar.yaml) for this registry, and gives the site's own settings
(`appendix_order`).

Where the registry is when none is given: `default_registry_path`.

Every error is a RegistryError that names the file and line and says what to do; the loader never
lets a PyYAML, KeyError or ValueError traceback through.
"""
from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .articles import ArticleRef
from .errors import RegistryError
from .grammar import Grammar, default_grammar
from .law_schema import problems as schema_problems
from .law_schema import schema, with_dates
from .lawtext import front_matter_line, parse_law_file
from .models import Division
from .yamlcache import derived, load_all
from .yamlfile import load_yaml_file, yaml_line

if TYPE_CHECKING:
    from .patterns import Patterns

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATH = REPO_ROOT / "data" / "laws"      # this repository's registry (lawcite run from its source)
PACKAGED_PATH = Path(__file__).resolve().parent / "laws"  # the copy a wheel installs with the package
REGISTRY_ENV = "LAWCITE_REGISTRY"
SETTINGS_NAME = "lawcite.yaml"  # next to the registry folder: grammar overrides and site settings
SITE_SETTINGS = ("appendix_order",)
MAP_SUFFIX = ".map.yaml"

KINDS: tuple[str, ...] = tuple(schema()["properties"]["kind"]["enum"])
_NULL = type(None)
MAP_KEYS: dict[str, tuple[bool, tuple[type, ...]]] = {
    "from": (True, (str,)),
    "derived": (True, (str,)),
    "map": (True, (dict,)),
    "reviewed": (False, (dict, _NULL)),
}
_SLUG = r"[a-z0-9][a-z0-9-]*"
_LAW_FILE = re.compile(rf"({_SLUG})(?:@(\d{{4}}-\d{{2}}-\d{{2}}))?\Z")

ArticleTarget = str | list[str] | None


@dataclass(frozen=True, slots=True)
class LawVersion:
    id: str                          # the file name without .md: "minshisusong@2024-01-01", "hetongfa"
    law_slug: str                    # the part before "@": the appendix page /laws/<law_slug>/
    title: str
    short: str
    aliases: tuple[str, ...]
    kind: str
    issuer: str | None
    adopted: date | None
    effective: date | None
    ends: date | None                # the next version's effective date, or the front matter's `ends`
    end_reason: str | None           # "revised" (a newer version exists) or "repealed"
    successor: str | None            # law_slug of the law that replaced a repealed one
    source: str | None
    checked: date                    # the day the text and status were last compared with the official source
    checked_against: str             # what they were compared with (shown beside the status)
    note: str | None
    provenance: dict[str, Any]
    has_text: bool                   # False: registered by name only (articles cannot be checked)
    article_count: int | None        # highest base article number; None without text
    inserted: frozenset[str]         # the 之N articles: "293-1"
    structure: dict[str, tuple[int, ...]]  # article key -> items per paragraph
    articles: dict[str, str]         # article key -> text, one line per paragraph or item
    renumbered_from: str | None      # id of the version the map file maps from
    article_map: dict[str, ArticleTarget]
    map_reviewed: dict[str, Any]
    path: Path
    map_path: Path | None = None
    divisions: dict[str, tuple[Division, ...]] = field(default_factory=dict)  # article key -> its headings

    @property
    def starts(self) -> date:
        """effective, or date.min when the registry does not know it (old repealed laws)."""
        return self.effective or date.min

    def in_force_on(self, day: date) -> bool:
        return self.starts <= day and (self.ends is None or day < self.ends)

    def has_article(self, key: str) -> bool | None:
        """True/False, or None when the registry cannot tell (a law registered by name only)."""
        if self.article_count is None:
            return None
        return key in self.structure if ArticleRef.is_key(key) else False

    @property
    def article_keys(self) -> list[str]:
        """Every article key in text order: "1", …, "293", "293-1", "294", …"""
        return list(self.structure)

    @property
    def label(self) -> str:
        """2013-01-01 起施行的文本 (how messages and the appendix name a version)."""
        if self.effective is not None:
            return f"{self.effective.isoformat()} 起施行的文本"
        return f"{self.ends.isoformat()} 前施行的文本" if self.ends else "文本"


@dataclass
class Registry:
    versions: dict[str, LawVersion]
    laws: dict[str, list[LawVersion]]  # law_slug -> versions sorted by effective date
    names: dict[str, str]  # every title/short/alias -> law_slug
    path: Path
    grammar: Grammar = field(default_factory=default_grammar)  # with the overrides of ../lawcite.yaml
    appendix_order: tuple[str, ...] = ()  # ../lawcite.yaml: the laws the appendix lists first
    _moves: dict[tuple[str, str], tuple[bool, dict[str, list[str]]] | None] = field(default_factory=dict)
    _bigram_weights: dict[str, dict[str, float]] = field(default_factory=dict)
    _suggestions: dict[str, str | None] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Registry({str(self.path)!r}: {len(self.versions)} versions of {len(self.laws)} laws)"

    @functools.cached_property
    def patterns(self) -> Patterns:
        """The extractor's patterns for this registry's names and grammar, compiled on first use."""
        from .patterns import Patterns

        return Patterns(self.grammar, self.names)

    @property
    def display_path(self) -> str:
        """The registry folder as messages name it: relative to the current folder when inside it; the
        registry that comes with lawcite by that name, never by where it is installed."""
        if is_builtin(self.path) and not Path("data/laws").resolve() == self.path.resolve():
            return "lawcite 自带的登记表"
        try:
            return self.path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return str(self.path)

    @property
    def foreign_prefixes(self) -> tuple[str, ...]:
        """Words that mark a foreign law (grammar.yaml `foreign_law_prefixes`, or ../lawcite.yaml)."""
        return self.grammar.foreign_law_prefixes

    def law_slug_for(self, ref: str) -> str | None:
        """A law_slug, version id or name -> law_slug."""
        if ref in self.laws:
            return ref
        if ref in self.versions:
            return self.versions[ref].law_slug
        return self.names.get(self.grammar.normalise_name(ref))

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
        vs = self.laws[version.law_slug]
        i = vs.index(version)
        return vs[i - 1] if i > 0 else None

    def next_version(self, version: LawVersion) -> LawVersion | None:
        vs = self.laws[version.law_slug]
        i = vs.index(version)
        return vs[i + 1] if i + 1 < len(vs) else None

    def successor_of(self, version: LawVersion) -> LawVersion | None:
        """The text that took over: the next version of a revised law, the law replacing a repealed one."""
        if version.end_reason == "revised":
            return self.next_version(version)
        if version.successor is not None and version.successor in self.laws:
            return self.latest(version.successor)
        return None

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

    def moves(self, old: LawVersion, new: LawVersion) -> tuple[bool, dict[str, list[str]]] | None:
        """Where each article of `old` is in `new`, following the map files of the versions between
        them (a version without a map file kept the numbering): (renumbered on the way, {old key:
        [new keys]}); None when `old` is not an earlier version of the same law."""
        key = (old.id, new.id)
        if key not in self._moves:
            self._moves[key] = self._compose_moves(old, new)
        return self._moves[key]

    def _compose_moves(self, old: LawVersion, new: LawVersion) -> tuple[bool, dict[str, list[str]]] | None:
        vs = self.laws[old.law_slug]
        if new.law_slug != old.law_slug or vs.index(old) >= vs.index(new):
            return None
        renumbered = False
        where = {k: [k] for k in old.article_keys}
        for step in vs[vs.index(old) + 1:vs.index(new) + 1]:
            if not step.article_map:
                continue
            renumbered = True
            where = {k: [t for key in keys for t in _targets(step.article_map.get(key))] for k, keys in where.items()}
        return renumbered, where

    def bigram_weights(self, slug: str) -> dict[str, float]:
        """How much a character bigram tells one article of this law from another: its inverse
        document frequency over the articles of every version with text, log((N + 1) / (df + 1))."""
        if slug not in self._bigram_weights:
            texts = "\x00".join(t for v in self.laws[slug] for t in v.articles.values()).encode("utf-8")
            self._bigram_weights[slug] = derived(f"bigrams-{slug}", texts, lambda: _bigram_weights(self.laws[slug]))
        return self._bigram_weights[slug]

    def suggest(self, name: str) -> str | None:
        """The slug whose title/short name/alias is nearest to an unknown name, if any is close.

        The common prefix 中华人民共和国 (grammar.yaml `title_prefixes`) is ignored (it would make every
        national law look alike); a name in traditional characters is compared in simplified ones.
        """
        if name not in self._suggestions:
            self._suggestions[name] = self._nearest(name)
        return self._suggestions[name]

    def _nearest(self, name: str) -> str | None:
        import difflib  # only needed when a name is unknown

        g = self.grammar
        name = _strip_prefixes(g.simplified(g.normalise_name(name)), g.title_prefixes)
        best: tuple[float, str] | None = None
        for known, slug in self.names.items():
            known = _strip_prefixes(known, g.title_prefixes)
            if not known or not name:
                continue
            ratio = difflib.SequenceMatcher(None, name, known, autojunk=False).ratio()
            # a known name inside the written one (人民民法典 ⊃ 民法典) is close
            if len(known) >= 2 and known in name:
                ratio = max(ratio, 0.6 + 0.4 * len(known) / len(name))
            if best is None or ratio > best[0]:
                best = (ratio, slug)
        return best[1] if best and best[0] >= SUGGEST_MIN_RATIO else None


SUGGEST_MIN_RATIO = 0.65  # 行政诉讼法 and 民事诉讼法 (0.6) are two laws, not a slip of the pen


def _targets(target: ArticleTarget) -> list[str]:
    if target is None:
        return []
    return [target] if isinstance(target, str) else [t for t in target if t is not None]


def _bigram_weights(versions: list[LawVersion]) -> dict[str, float]:
    import math

    from .quotes import bigrams  # quotes imports models only: no cycle at run time

    texts = [t for v in versions for t in v.articles.values()]
    df: dict[str, int] = {}
    for t in texts:
        for b in bigrams(t):
            df[b] = df.get(b, 0) + 1
    n = len(texts)
    return {b: math.log((n + 1) / (k + 1)) for b, k in df.items()}


def _strip_prefixes(name: str, prefixes: Iterable[str]) -> str:
    for prefix in prefixes:
        name = name.removeprefix(prefix)
    return name


def default_registry_path() -> Path:
    """The registry used when none is given, the first that exists of:

    1. $LAWCITE_REGISTRY;
    2. the registry installed with the package (a wheel carries a copy of this project's data/laws);
    3. this repository's data/laws (lawcite run from its source, or installed in editable mode).

    A data/laws folder in the current folder is not taken by itself: the command line reads a project's
    own registry only when told (--registry, or `registry:` in .lawcite.yaml; lawcite.cli).
    """
    configured = os.environ.get(REGISTRY_ENV)
    if configured:
        return Path(configured)
    for folder in (PACKAGED_PATH, DEFAULT_PATH):
        if folder.is_dir():
            return folder
    raise RegistryError(PACKAGED_PATH, None, f"no law registry found: pass --registry DIR or set {REGISTRY_ENV} "
                        "(the package was installed without its law files: reinstall it)")


def is_builtin(folder: Path) -> bool:
    """Whether `folder` is the registry that comes with lawcite (messages then do not name an install path)."""
    resolved = folder.resolve()
    return resolved in (PACKAGED_PATH.resolve(), DEFAULT_PATH.resolve())


# --- loading ---------------------------------------------------------------------------------------

def registry_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """(law files, map files) of a registry folder. Any other file there is a mistake."""
    laws: list[Path] = []
    maps: list[Path] = []
    for f in sorted(folder.iterdir()):
        if f.name.startswith(".") or f.is_dir():
            continue
        if f.name.endswith(MAP_SUFFIX):
            maps.append(f)
        elif f.suffix == ".md":
            laws.append(f)
        else:
            raise RegistryError(f, None, f"not a registry file: law texts are <law_slug>@<effective>.md, article maps <law_slug>@<effective>{MAP_SUFFIX}; move or delete {f.name}")
    return laws, maps


def load_registry(path: Path | str | Sequence[Path | str] | None = None) -> Registry:
    """Load every law file and map file in `path` (default: `default_registry_path()`) and the
    settings file ../lawcite.yaml if present. Parsed data is cached.

    Several folders make one registry: a file of a later folder replaces the file of the same name in
    an earlier one, and the settings are those next to the last folder that has any (the command line's
    `--registry DIR` adds DIR to the registry that comes with lawcite this way)."""
    folders = [Path(p) for p in ([path] if isinstance(path, (str, Path)) else path)] if path is not None else [default_registry_path()]
    by_name: dict[str, Path] = {}
    settings: Path | None = None
    for folder in folders:
        if not folder.is_dir():
            raise RegistryError(folder, None, "registry folder not found: create it or pass the right path")
        law_files, map_files = registry_files(folder)
        if not law_files:
            raise RegistryError(folder, None, "no law files (<law_slug>@<effective>.md) in the registry folder")
        by_name.update((f.name, f) for f in law_files + map_files)
        if (folder.parent / SETTINGS_NAME).is_file():
            settings = folder.parent / SETTINGS_NAME
    folder = folders[-1]
    law_files = [f for name, f in sorted(by_name.items()) if not name.endswith(MAP_SUFFIX)]
    map_files = [f for name, f in sorted(by_name.items()) if name.endswith(MAP_SUFFIX)]
    extra = [settings] if settings is not None else []
    parsed = load_all(law_files + map_files + extra, _parse)
    loaded = [_load_version(f, parsed[f]) for f in law_files]
    laws: dict[str, list[dict[str, Any]]] = {}
    for d in loaded:
        laws.setdefault(d["law_slug"], []).append(d)
    maps = {f: parsed[f] for f in map_files}
    versions = _link_versions(laws, maps)
    by_slug: dict[str, list[LawVersion]] = {}
    for v in versions.values():
        by_slug.setdefault(v.law_slug, []).append(v)
    for vs in by_slug.values():
        vs.sort(key=lambda v: v.starts)
    for v in versions.values():
        if v.successor is not None and v.successor not in by_slug:
            raise RegistryError(v.path, front_matter_line(v.path, ["successor"]), f"successor {v.successor!r} is not a law_slug in the registry: add data/laws/{v.successor}@<effective>.md or correct it")
        if v.successor == v.law_slug:
            raise RegistryError(v.path, front_matter_line(v.path, ["successor"]), "successor names the law itself: give the law that replaced it")
    grammar, order = _load_settings(settings, parsed[settings], by_slug) if settings is not None else (default_grammar(), ())
    names = _build_names(versions, grammar)
    return Registry(versions=versions, laws=by_slug, names=names, path=folder, grammar=grammar, appendix_order=order)


def _parse(f: Path, raw: bytes) -> Any:
    if f.suffix == ".md":
        return parse_law_file(f, raw)
    return load_yaml_file(f, raw)


def _load_settings(f: Path, data: Any, laws: dict[str, list[LawVersion]]) -> tuple[Grammar, tuple[str, ...]]:
    """(the grammar with the file's overrides, appendix_order) from ../lawcite.yaml."""
    if data is None:
        return default_grammar(), ()
    if not isinstance(data, dict):
        raise RegistryError(f, 1, "lawcite.yaml must be a mapping: grammar entries to replace (e.g. foreign_law_prefixes: "
                                  "[德国, 日本]) and appendix_order: [law_slug, …]")
    order = data.get("appendix_order", [])
    if not isinstance(order, list) or not all(isinstance(s, str) and s in laws for s in order):
        raise RegistryError(f, yaml_line(f.read_text(encoding="utf-8"), ["appendix_order"]),
                            "appendix_order must be a list of law_slugs of the registry, e.g. [minfadian, xingfa]")
    overrides = {k: v for k, v in data.items() if k not in SITE_SETTINGS}
    return default_grammar().with_overrides(overrides, f), tuple(order)


def _load_version(f: Path, parsed: dict[str, Any]) -> dict[str, Any]:
    """The checked front matter and derived text facts of one law file, as keyword arguments of
    LawVersion (without the fields that depend on the other versions)."""
    data = parsed["front"]
    m = _LAW_FILE.match(f.name[:-3])
    if m is None:
        raise RegistryError(f, None, "name the file <law_slug>@<effective>.md: law_slug in lower-case ASCII letters, digits and '-', effective as YYYY-MM-DD (e.g. minshisusong@2024-01-01.md)")
    slug, file_date = m.group(1), m.group(2)
    data = _checked_against_schema(f, data)
    _check_consistency(f, data, slug, file_date, parsed["has_text"])
    has_text = parsed["has_text"]
    structure = {k: tuple(v) for k, v in parsed["structure"].items()}
    divisions = {key: tuple(Division(unit, number, title) for unit, number, title in path)
                 for key, path in parsed["divisions"].items()}
    return dict(
        id=f.name[:-3], law_slug=slug, title=data["title"].strip(), short=data["short"].strip(),
        aliases=tuple(a.strip() for a in data.get("aliases") or []), kind=data["kind"], issuer=data["issuer"],
        adopted=data["adopted"], effective=data["effective"], ends=data.get("ends"), end_reason=data.get("end_reason"),
        successor=data.get("successor"), source=data["source"], checked=data["checked"],
        checked_against=data["checked_against"].strip(), note=data.get("note"),
        provenance=data.get("provenance") or {}, has_text=has_text,
        article_count=parsed["article_count"] if has_text else None,
        inserted=frozenset(parsed["inserted"]), structure=structure,
        articles=dict(parsed["articles"]), path=f, divisions=divisions,
    )


def _front_matter_error(f: Path, keys: list[Any], message: str) -> RegistryError:
    return RegistryError(f, front_matter_line(f, keys), message)


def _checked_against_schema(f: Path, data: Any) -> dict[str, Any]:
    """The front matter, checked against lawcite/law_file.schema.json (lawcite.law_schema), dates as dates."""
    found = schema_problems(data)
    if found:
        raise _front_matter_error(f, found[0].keys, found[0].message)
    return with_dates(data)


def _check_consistency(f: Path, data: dict[str, Any], slug: str, file_date: str | None, has_text: bool) -> None:
    """The dates agree with each other and with the file name; what is not known says why."""
    def fail(keys: list[Any], message: str) -> RegistryError:
        return _front_matter_error(f, keys, message)

    effective = data["effective"]
    if file_date is None:
        if effective is not None:
            raise RegistryError(f, None, f"the file name must carry the effective date: rename it {slug}@{effective.isoformat()}.md")
        if has_text:
            raise fail(["effective"], "a law text needs its effective date: set effective and name the file <law_slug>@<effective>.md")
    elif effective is None or effective.isoformat() != file_date:
        raise fail(["effective"], f"effective ({effective}) differs from the date in the file name ({file_date}): correct one of them")
    ends, end_reason = data.get("ends"), data.get("end_reason")
    if (ends is None) != (end_reason is None):
        raise fail(["end_reason"], "ends and end_reason go together: set both or neither")
    if effective is None and ends is None:
        raise fail(["effective"], "effective may be null only for a law that has ended (ends set): give the date it took effect")
    if ends is not None and effective is not None and ends <= effective:
        raise fail(["ends"], "ends must be later than effective")
    adopted = data["adopted"]
    if adopted is not None and effective is not None and adopted > effective:
        raise fail(["adopted"], "adopted must not be later than effective")
    if data.get("successor") is not None and end_reason != "repealed":
        raise fail(["successor"], "successor names the law that replaced a repealed one: set ends and end_reason: repealed, or remove it")
    source = data["source"]
    if source is not None and source.rsplit("=", 1)[-1] not in repr(data.get("provenance")):
        raise fail(["source"], "source must be a page the provenance names (the text's origin or a cross-check): "
                               "name it there, or correct the address")
    unknown = [k for k in ("issuer", "adopted", "effective", "source") if data[k] is None]
    if unknown and not (data.get("note") or "").strip():
        raise fail([unknown[0]], f"{', '.join(unknown)} null: add a note: saying why it is not known")
    if has_text and not data.get("provenance"):
        raise RegistryError(f, 2, "a law text needs a provenance: block saying where the text came from (source, cross_checked, normalised)")


def _link_versions(laws: dict[str, list[dict[str, Any]]], maps: dict[Path, Any]) -> dict[str, LawVersion]:
    """LawVersions with what depends on their neighbours: ends of a revised version, the map files."""
    by_id = {d["id"]: d for ds in laws.values() for d in ds}
    map_for: dict[str, tuple[Path, Any]] = {}
    for f, data in maps.items():
        vid = f.name[: -len(MAP_SUFFIX)]
        if vid not in by_id:
            raise RegistryError(f, None, f"no law file {vid}.md for this map: a map is named after the version it maps to")
        map_for[vid] = (f, data)
    versions: dict[str, LawVersion] = {}
    for ds in laws.values():
        ds.sort(key=lambda d: d["effective"] or date.min)
        for i, d in enumerate(ds):
            f = d["path"]
            if i > 0 and d["effective"] is None:
                raise RegistryError(f, front_matter_line(f, ["effective"]), "a law with several versions needs every version's effective date")
            if i + 1 < len(ds):
                if d["ends"] is not None:
                    raise RegistryError(f, front_matter_line(f, ["ends"]), f"ends is derived: this version ends when {ds[i + 1]['id']}.md takes effect; remove ends and end_reason")
                d = {**d, "ends": ds[i + 1]["effective"], "end_reason": "revised"}
            elif d["end_reason"] == "revised":
                raise RegistryError(f, front_matter_line(f, ["end_reason"]), "end_reason revised: add the newer version's file (the registry derives ends from it), or use repealed")
            renumbered_from: str | None = None
            article_map: dict[str, ArticleTarget] = {}
            reviewed: dict[str, Any] = {}
            map_path: Path | None = None
            if d["id"] in map_for:
                if i == 0:
                    raise RegistryError(map_for[d["id"]][0], 1, f"{d['id']} is the first version of its law: there is no older numbering to map from")
                map_path, data = map_for[d["id"]]
                old = ds[i - 1]
                article_map, reviewed = _load_map(map_path, data, old, d)
                renumbered_from = old["id"]
            versions[d["id"]] = LawVersion(**d, renumbered_from=renumbered_from, article_map=article_map,
                                           map_reviewed=reviewed, map_path=map_path)
    return versions


def _load_map(f: Path, data: Any, old: dict[str, Any], new: dict[str, Any]) -> tuple[dict[str, ArticleTarget], dict[str, Any]]:
    def fail(keys: list[Any], msg: str) -> RegistryError:
        return RegistryError(f, yaml_line(f.read_text(encoding="utf-8"), keys), msg)

    if not isinstance(data, dict):
        raise RegistryError(f, 1, "a map file is a mapping with from:, derived:, map: and reviewed:")
    for key in data:
        if key not in MAP_KEYS:
            raise fail([key], f"unknown key {key!r}: the keys are {', '.join(MAP_KEYS)}")
    for key, (required, types) in MAP_KEYS.items():
        if key not in data:
            if required:
                raise RegistryError(f, 1, f"missing key {key!r}: add it (see README, 'Adding a law')")
        elif not isinstance(data[key], types):
            raise fail([key], f"{key!r} has the wrong type ({type(data[key]).__name__})")
    if data["from"] != old["id"]:
        raise fail(["from"], f"from: {data['from']!r}, but the version before {new['id']} is {old['id']}: derive the map again from that version (scripts/laws.py map)")
    old_keys = set(old["structure"])
    mapping: dict[str, ArticleTarget] = {}
    for k, target in data["map"].items():
        key = str(k)
        if key not in old_keys:
            raise fail(["map", k], f"map key {key!r}: {old['id']} has no such article")
        for t in (target if isinstance(target, list) else [target]):
            if t is None and not isinstance(target, list):
                continue
            if not isinstance(t, str) or t not in new["structure"]:
                raise fail(["map", k], f"map[{key!r}] -> {t!r}: {new['id']} has no such article (write a quoted key like \"50\", a list of keys, or null)")
        mapping[key] = target
    missing = [k for k in old["structure"] if k not in mapping]
    if old["has_text"] and missing:
        raise fail(["map"], f"the map lacks {len(missing)} article(s) of {old['id']} ({', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}): every old article maps to its new key(s) or null")
    return mapping, dict(data.get("reviewed") or {})


def _build_names(versions: dict[str, LawVersion], grammar: Grammar) -> dict[str, str]:
    """Every title, short name and alias (normalised) -> law_slug; a name two laws share is an error."""
    names: dict[str, str] = {}
    origin: dict[str, Path] = {}

    def add(name: str, slug: str, where: Path, line: Callable[[], int | None]) -> None:
        n = grammar.normalise_name(name)
        if n in names and names[n] != slug:
            raise RegistryError(where, line(), f"name {n!r} is used by two laws ({names[n]} in {origin[n].name} and {slug}): make it unique")
        names[n] = slug
        origin[n] = where

    for v in versions.values():
        for name in (v.title, v.short, *v.aliases):
            add(name, v.law_slug, v.path, partial(name_line, v, name))
    return names


def name_line(version: LawVersion, name: str) -> int | None:
    """The front-matter line holding `name` (for messages about a name clash)."""
    for key in ("title", "short"):
        if getattr(version, key) == name:
            return front_matter_line(version.path, [key])
    if name in version.aliases:
        return front_matter_line(version.path, ["aliases", version.aliases.index(name)])
    return None


def targets(target: ArticleTarget) -> list[str]:
    """A map entry as a list of new keys ([] for null)."""
    return _targets(target)


__all__ = ["DEFAULT_PATH", "LawVersion", "Registry", "RegistryError", "default_registry_path", "load_registry", "targets"]
