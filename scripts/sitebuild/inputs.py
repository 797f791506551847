"""What each build is made from, as one content hash, and the stamp that records it with the build's output.

A build is skipped when the hash of its inputs equals the hash stamped on its last successful build and
every output file is still as that build left it. The inputs of every edition:

- the files in INPUTS (pages, data, templates, PDF styles, the code the build runs, the pinned packages),
  hashed by content (not by date: a checkout or a `touch` does not trigger a build);
- the edition's configuration file and the files it INHERITs;
- the environment variables those configurations read (`!ENV`), and the ones in ENV (build date, engine);
- the build date (lawcite.builddate: which versions are in force, which pages are stale, the cover date),
  the engine (MkDocs or ProperDocs) and the Python version;
- for the web site also the sizes its pages state for the PDF and the offline zip (sitebuild.downloads).

Stamps live in build/stamps/<edition>.json: {"inputs": hash, "outputs": {path: [size, mtime_ns]}}.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from sitebuild.editions import Edition

INPUTS = (
    "docs", "data", "overrides", "pdf", "scripts/sitebuild", "scripts/lawcite", "requirements.lock", "pyproject.toml",
)
ENV = ("LAWCITE_DISABLE",)
STAMP_DIR = Path("build/stamps")
_SKIPPED_PARTS = {"__pycache__", ".mypy_cache", ".pytest_cache"}


def _files(root: Path, paths: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for rel in paths:
        path = root / rel
        if path.is_file():
            out.append(path)
        elif path.is_dir():
            out.extend(p for p in path.rglob("*") if p.is_file() and not _SKIPPED_PARTS & set(p.parts) and p.suffix != ".pyc")
    return sorted(out)


def files_digest(root: Path, paths: Iterable[str] = INPUTS) -> str:
    """sha256 over every file's path and content."""
    digest = hashlib.sha256()
    for path in _files(root, paths):
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def edition_digest(common: str, edition: Edition, *, facts: Mapping[str, str]) -> str:
    """The hash of one edition's inputs: `common` (files_digest), its configuration files, the environment
    they read, and `facts` (build date, engine, … as strings)."""
    digest = hashlib.sha256(common.encode())
    for path in edition.config_chain:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    env = {name: os.environ.get(name) for name in (*edition.env_names, *ENV)}
    record = {"edition": edition.name, "env": env, "python": sys.version, **facts}
    digest.update(json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()


def _key(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def _state(paths: Iterable[Path], root: Path) -> dict[str, list[int]]:
    out = {}
    for path in paths:
        st = path.stat()
        out[_key(path, root)] = [st.st_size, st.st_mtime_ns]
    return out


def stamp_path(root: Path, edition: str) -> Path:
    return root / STAMP_DIR / f"{edition}.json"


def is_fresh(root: Path, edition: str, inputs: str) -> bool:
    """True when the last successful build had these inputs and its outputs are untouched."""
    try:
        stamp = json.loads(stamp_path(root, edition).read_text(encoding="utf-8"))
        if stamp.get("inputs") != inputs or not stamp.get("outputs"):
            return False
        return all(_state([root / rel], root)[rel] == state for rel, state in stamp["outputs"].items())
    except (OSError, ValueError, KeyError, TypeError):
        return False


def write_stamp(root: Path, edition: str, inputs: str, outputs: Iterable[Path]) -> None:
    path = stamp_path(root, edition)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"inputs": inputs, "outputs": _state(outputs, root)}, indent=1), encoding="utf-8")


def clear_stamp(root: Path, edition: str) -> None:
    stamp_path(root, edition).unlink(missing_ok=True)


def site_files(site_dir: Path) -> list[Path]:
    """Every file of a built site."""
    return [p for p in site_dir.rglob("*") if p.is_file()]
