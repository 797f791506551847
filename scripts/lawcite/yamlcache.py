"""Parse a set of registry files once: later runs read the parsed data from a cache.

Parsing the registry — the YAML front matter with PyYAML (its constructor is Python code) and the
statute texts line by line — costs more than everything else the checker does on the whole site, so
the parsed data of all registry files (law texts, article maps, settings) is kept in one `marshal`
file keyed by a hash of the files' names and bytes (CRC-32 and Adler-32 of each file
plus its length: zlib imports faster than hashlib, which loads OpenSSL): any change to any file is a
new key, and a stale cache is never read. Only the data of files that parsed cleanly is cached;
broken files are parsed (and reported) every time.

Cache folder: $LAWCITE_CACHE_DIR, else $XDG_CACHE_HOME/lawcite, else ~/.cache/lawcite.
LAWCITE_CACHE_DIR=off turns the cache off. The cache is never written next to the files it
describes, and an unwritable cache folder only means no cache.
"""
from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

FORMAT = b"lawcite-yamlcache-5"  # 5: named parts (# 人格权编) in the division paths


def cache_dir() -> Path | None:
    configured = os.environ.get("LAWCITE_CACHE_DIR")
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "lawcite"


def load_all(files: list[Path], parse: Callable[[Path, bytes], Any]) -> dict[Path, Any]:
    """{file: parse(file, its bytes)} for every file, from the cache when the files are unchanged.

    `parse` raises for a broken file; the exception goes to the caller and nothing is cached.
    """
    raw = {f: f.read_bytes() for f in files}
    folder = cache_dir()
    key = _key(raw)
    cached = _read(folder / f"registry-{key}.marshal") if folder is not None else None
    if cached is not None and set(cached) == {str(f) for f in files}:
        try:
            return {f: _decode(*cached[str(f)]) for f in files}
        except (TypeError, ValueError, KeyError, IndexError):
            pass  # a cache file of another layout: parse again
    data = {f: parse(f, raw[f]) for f in files}
    if folder is not None:
        _write(folder, f"registry-{key}.marshal", {str(f): _encode(d) for f, d in data.items()})
    return data


def derived(name: str, source: bytes, compute: Callable[[], Any]) -> Any:
    """compute(), remembered in the cache folder for as long as `source` (what it is computed from)
    is unchanged: for what the checker derives from several texts at once (the bigram weights of a
    law's articles). The value must be something marshal stores (dicts, lists, str, int, float)."""
    folder = cache_dir()
    if folder is None:
        return compute()
    key = _key({Path(name): source})
    path = folder / f"{name}-{key}.marshal"
    cached = _read(path)
    if cached is not None:
        return cached["value"]
    value = compute()
    _write(folder, path.name, {"value": value})
    return value


def _key(raw: dict[Path, bytes]) -> str:
    parts = [FORMAT, sys.version.encode()]
    for f, content in raw.items():
        parts.append(b"%s\x00%d:%08x:%08x" % (str(f).encode("utf-8"), len(content), zlib.crc32(content), zlib.adler32(content)))
    blob = b"\n".join(parts)
    return f"{zlib.crc32(blob):08x}{zlib.adler32(blob):08x}{len(raw):04x}"


def _read(path: Path) -> dict[str, Any] | None:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return data if isinstance(data, dict) else None


def _write(folder: Path, name: str, data: dict[str, Any]) -> None:
    try:
        blob = marshal.dumps(data)
    except ValueError:
        return  # a value marshal cannot store (a nested date): no cache for this registry
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(blob)
        os.replace(tmp, folder / name)
        _prune(folder)
    except OSError:
        pass


KEEP = 8  # registry states kept (the newest); older cache files are removed


def _prune(folder: Path) -> None:
    """Keep the KEEP newest cache files of each kind (registry-…, bigrams-<law>-…)."""
    by_kind: dict[str, list[Path]] = {}
    for entry in folder.glob("*.marshal"):
        by_kind.setdefault(entry.name.rsplit("-", 1)[0], []).append(entry)
    for entries in by_kind.values():
        entries.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[KEEP:]:
            old.unlink(missing_ok=True)


def _encode(data: Any) -> tuple[Any, list[tuple[Any, ...]]]:
    """(data with every date as its ISO string, the paths of those dates): marshal has no date type.

    Only the paths are walked when the data is read back, not the (large) article texts.
    """
    paths: list[tuple[Any, ...]] = []

    def walk(value: Any, path: tuple[Any, ...]) -> Any:
        if type(value) is date:
            paths.append(path)
            return value.isoformat()
        if isinstance(value, dict):
            return {k: walk(v, (*path, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, (*path, i)) for i, v in enumerate(value)]
        return value

    return walk(data, ()), paths


def _decode(data: Any, paths: list[tuple[Any, ...]]) -> Any:
    for path in paths:
        if not path:
            return date.fromisoformat(data)
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = date.fromisoformat(node[path[-1]])
    return data
