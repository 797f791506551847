"""The one error type of the registry: a broken law file, map file or settings file."""
from __future__ import annotations

from pathlib import Path


class RegistryError(Exception):
    """A broken registry file: str() is 'path:line: message' (line 1 when it is not known)."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{line if line is not None else 1}: {message}")

