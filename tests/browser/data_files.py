"""The YAML tables under tests/data that the search tests read: one reader with clear messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml


def read_entries(path: Path, shape: str) -> list[Any]:
    """The non-empty YAML list in `path`; a pytest usage error naming the file (and line) otherwise.

    shape: how an entry looks, for the message (`- query: … / page: …`).
    """
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise pytest.UsageError(f"{path}{where}: not valid YAML ({exc}); fix the file") from None
    if not isinstance(data, list) or not data:
        raise pytest.UsageError(f"{path}: expected a list of entries `{shape}`")
    return data
