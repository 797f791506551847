"""Parse a set of YAML files once: later runs read the parsed data from a cache.

Parsing the registry with PyYAML (its constructor is Python code) costs more than everything else
the checker does on the whole site, so the parsed data of all registry files is kept in one
`marshal` file keyed by a hash of the files' names and bytes (CRC-32 and Adler-32 of each file
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

FORMAT = b"lawcite-yamlcache-1"
_DATE_TAG = "\x00date"  # marshal has no date type: a top-level date is stored as (tag, iso)


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
        return {f: _decode(cached[str(f)]) for f in files}
    data = {f: parse(f, raw[f]) for f in files}
    if folder is not None:
        _write(folder, f"registry-{key}.marshal", {str(f): _encode(d) for f, d in data.items()})
    return data


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
    entries = sorted(folder.glob("registry-*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


def _encode(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: (_DATE_TAG, v.isoformat()) if type(v) is date else v for k, v in data.items()}
    return data


def _decode(data: Any) -> Any:
    if isinstance(data, dict):
        return {
            k: date.fromisoformat(v[1]) if type(v) is tuple and len(v) == 2 and v[0] == _DATE_TAG else v
            for k, v in data.items()
        }
    return data
