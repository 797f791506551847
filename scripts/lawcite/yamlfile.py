"""YAML as the registry reads it: PyYAML's safe loader (the C one when built), and the line numbers
its messages give — of a syntax error, of a key, of a date that does not exist."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .errors import RegistryError

SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DATE_TEXT = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def load_yaml_file(path: Path, raw: bytes) -> Any:
    """The data of a YAML file; a RegistryError with the line and what to do when it cannot be read."""
    try:
        text = raw.decode("utf-8")
        return yaml.load(text, Loader=SAFE_LOADER)
    except UnicodeDecodeError as e:
        raise RegistryError(path, None, f"not UTF-8 ({e.reason}): save the file as UTF-8") from None
    except yaml.YAMLError as e:
        line, problem = yaml_error_position(e)
        raise RegistryError(path, line, f"YAML syntax error: {problem}; fix the YAML") from None
    except ValueError as e:  # a date that does not exist, e.g. 2024-02-30
        raise RegistryError(path, bad_date_line(text), f"{e}: write an existing date as YYYY-MM-DD") from None


def yaml_error_position(error: Exception) -> tuple[int | None, str]:
    """The 1-based line and the problem of a PyYAML error (line None when PyYAML gives no position)."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    return (mark.line + 1 if mark is not None else None), problem


def bad_date_line(text: str, first_line: int = 1) -> int | None:
    """The line of the first YYYY-MM-DD in `text` that is not a real date."""
    for i, line in enumerate(text.split("\n")):
        for m in _DATE_TEXT.finditer(line):
            try:
                date.fromisoformat(m.group(0))
            except ValueError:
                return first_line + i
    return None


def yaml_line(text: str, keys: list[Any]) -> int | None:
    """1-based line in `text` (YAML) of the node at `keys`, best effort."""
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return None
    if node is None:
        return None
    line: int = node.start_mark.line + 1
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
