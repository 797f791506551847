"""The law-file schema: the front matter of data/laws/*.md, as law_file.schema.json (JSON Schema 2020-12)
checked with jsonschema. The loader (lawcite.registry) and the tests use this one check.

JSON has no date type: YAML dates (PyYAML gives datetime.date) are handed to the validator as ISO strings,
and the schema asks for `format: date` (so a quoted "2024-01-01" is a date too, and `with_dates` turns it
into one). What a file cannot show alone — its dates against the file name and each other, a null
explained by a note — is checked in code by the loader, beside this.
"""
from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError

SCHEMA_PATH = Path(__file__).resolve().parent / "law_file.schema.json"


@dataclass(frozen=True, slots=True)
class SchemaProblem:
    keys: list[Any]  # where in the front matter (mapping keys, list indices); [] for the whole of it
    message: str     # what is wrong and what to write instead, one line


@functools.cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


@functools.cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(schema(), format_checker=FormatChecker())


def key_order() -> tuple[str, ...]:
    """The front-matter keys in the order a file writes them (the schema's order of properties)."""
    return tuple(schema()["properties"])


def date_keys() -> tuple[str, ...]:
    return tuple(k for k, s in schema()["properties"].items() if s.get("format") == "date")


def as_json(value: Any) -> Any:
    """`value` with every date as its ISO string (what JSON Schema can check)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def with_dates(front: dict[str, Any]) -> dict[str, Any]:
    """Valid front matter with a quoted date turned into a date."""
    return {k: date.fromisoformat(v) if k in date_keys() and isinstance(v, str) else v for k, v in front.items()}


def problems(front: Any) -> list[SchemaProblem]:
    """Everything in one file's front matter that breaks the schema, unknown and missing keys first, then
    in the order of the keys; the keys in the schema's order last."""
    if not isinstance(front, dict):
        return [SchemaProblem([], "the front matter must be a mapping of keys (title: …, short: …, …)")]
    found = sorted(_validator().iter_errors(as_json(front)), key=_rank)
    listed = [_problem(e) for e in found]
    if not listed:
        listed.extend(_order_problems(front))
    return listed


def _rank(error: ValidationError) -> tuple[int, int, str]:
    kind = {"additionalProperties": 0, "required": 1}.get(str(error.validator), 2)
    top = error.absolute_path[0] if error.absolute_path else ""
    order = key_order()
    return kind, order.index(top) if top in order else -1, str(list(error.absolute_path))


def _label(keys: list[Any]) -> str:
    text = ""
    for k in keys:
        text += f"[{k}]" if isinstance(k, int) else (f".{k}" if text else str(k))
    return repr(text)


def _problem(error: ValidationError) -> SchemaProblem:
    keys = list(error.absolute_path)
    where = f" in {_label(keys)}" if keys else ""
    properties: dict[str, Any] = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    if error.validator == "additionalProperties":
        unknown = next(k for k in error.instance if k not in properties)
        return SchemaProblem(keys + [unknown], f"unknown {'front-matter ' if not keys else ''}key {unknown!r}{where}: "
                                               f"the keys are {', '.join(properties)}")
    if error.validator == "required":
        missing = next(k for k in error.validator_value if k not in error.instance)
        if not keys:
            return SchemaProblem([], f"missing front-matter key {missing!r}: add it (null when it is not known, "
                                     "with a note: saying why)")
        return SchemaProblem(keys, f"missing key {missing!r}{where}: add {properties[missing]['description']}")
    description = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
    return SchemaProblem(keys, f"{_label(keys)} must be {description}, not {error.instance!r}")


def _order_problems(front: dict[str, Any]) -> Iterator[SchemaProblem]:
    order = key_order()
    keys = list(front)
    for before, after in zip(keys, keys[1:]):
        if order.index(before) > order.index(after):
            yield SchemaProblem([after], f"key {after!r} comes before {before!r}: write the keys in the order "
                                         f"{', '.join(order)}")
            return
