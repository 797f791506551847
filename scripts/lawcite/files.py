"""Which files the command line reads, and how: the suffixes of each kind of text, the folders a walk
leaves out, and reading a file as text (UTF-8, a byte-order mark dropped).

A problem with one file or folder (unreadable, not UTF-8) is reported for that path and the run goes
on (lawcite.cli); nothing here raises for a single bad file.
"""
from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

# The one list of suffixes per kind of input (the pre-commit hook's `files:` pattern matches them all:
# tests/lawcite/test_command_line_robustness.py).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mdwn", ".mkd", ".mkdn")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
TEXT_SUFFIXES = (".txt",)
SUFFIXES = MARKDOWN_SUFFIXES + HTML_SUFFIXES + TEXT_SUFFIXES

# Folders a walk never enters (besides every hidden folder, .git and .venv included): environments
# and installed packages hold other people's text. A folder named on the command line is always read.
DEFAULT_EXCLUDES = ("venv", "node_modules", "__pycache__", "site-packages")


def kind_of(path: Path) -> str:
    """markdown, html or text (a file named on the command line with another suffix is plain text)."""
    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


@dataclass(frozen=True, slots=True)
class PathProblem:
    """A path named or found that cannot be read: reported for that path, the run goes on."""

    path: str
    code: str       # unreadable, not-utf8
    message: str
    line: int = 1


def _excluded(name: str, relative: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(relative, pat) or fnmatch.fnmatch(relative, pat.rstrip("/"))
               for pat in patterns)


def collect(paths: Iterable[str], excludes: Sequence[str] = ()) -> tuple[list[Path], list[PathProblem]]:
    """The files named, and the Markdown, HTML and text files in the folders named (sorted), leaving out
    hidden folders, DEFAULT_EXCLUDES and what matches an --exclude pattern (a name or a path relative
    to the folder walked, shell-style: `drafts`, `docs/old/*`); and the paths that could not be read.
    FileNotFoundError (its message the path) for a path that does not exist."""
    files: list[Path] = []
    problems: list[PathProblem] = []
    skip = (*DEFAULT_EXCLUDES, *excludes)
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(_walk(p, skip, excludes, problems))
        elif p.exists() or os.path.lexists(p):
            files.append(p)  # named: read it (a pipe too); a file that cannot be read is reported when read
        else:
            raise FileNotFoundError(raw)  # a path that does not exist is a mistake in the command
    return files, problems


def _walk(top: Path, skip: Sequence[str], excludes: Sequence[str], problems: list[PathProblem]) -> list[Path]:
    found: list[Path] = []

    def unreadable(err: OSError) -> None:
        where = err.filename if isinstance(err.filename, str) else str(top)
        problems.append(PathProblem(where, "unreadable", f"cannot read this folder ({err.strerror}): its files were not checked"))

    for folder, dirs, names in os.walk(top, onerror=unreadable):
        rel_folder = os.path.relpath(folder, top)
        rel = "" if rel_folder == "." else rel_folder.replace(os.sep, "/") + "/"
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded(d, rel + d, skip))
        for name in sorted(names):
            if name.lower().endswith(SUFFIXES) and not _excluded(name, rel + name, excludes):
                found.append(Path(folder) / name)
    return found


def read_text(path: Path) -> tuple[str | None, PathProblem | None]:
    """The file's text (UTF-8; a byte-order mark is dropped, so columns and front matter are those an
    editor shows), or the problem that kept it from being read."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        return None, PathProblem(str(path), "unreadable", f"cannot read this file ({e.strerror})")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        return None, PathProblem(str(path), "not-utf8", f"not UTF-8 (byte {e.start}): save the file as UTF-8; it was not checked", line)
