"""requirements.lock as `./tasks.sh lock` writes it and `pip install --require-hashes` needs it: every package
pinned exactly with at least one sha256 hash, every direct dependency of requirements.in among them."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]+\])?==(?P<version>[^\s\\]+)")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}\b")


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_entries() -> dict[str, tuple[str, int]]:
    """{name: (version, number of hashes)}; an entry is a pin line and its continuation lines."""
    entries: dict[str, tuple[str, int]] = {}
    current = None
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if m := PIN.match(line):
            current = normalise(m.group("name"))
            entries[current] = (m.group("version"), len(HASH.findall(line)))
        elif current and line.startswith(" ") and "--hash=" in line:
            version, count = entries[current]
            entries[current] = (version, count + len(HASH.findall(line)))
        elif line.strip() and not line.lstrip().startswith("#"):
            assert line.startswith(" "), f"requirements.lock: not a pin, hash or comment: {line!r}"
    return entries


def test_every_package_is_pinned_with_hashes() -> None:
    entries = lock_entries()
    assert len(entries) > 50
    unhashed = sorted(name for name, (_, count) in entries.items() if count == 0)
    assert unhashed == [], f"lines without hashes in requirements.lock: {unhashed}; run ./tasks.sh lock (CONTRIBUTING.md)"


def test_direct_dependencies_and_setuptools_are_in_the_lock() -> None:
    direct = set()
    for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            direct.add(normalise(re.split(r"[\s<>=!~\[;]", line)[0]))
    assert "setuptools" in direct  # the project installs itself with --no-deps --no-build-isolation
    assert direct - set(lock_entries()) == set()


def test_lock_says_how_it_is_made() -> None:
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert "#    ./tasks.sh lock\n" in text
    assert "--extra-index-url" not in text and "--find-links" not in text  # no machine's own pip settings
