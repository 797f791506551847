#!/usr/bin/env python3
"""Check every law citation in the given files against the law registry.

    python scripts/check_refs.py [PATH ...] [--format text|json] [--as-of YYYY-MM-DD] [--strict]
                                 [--registry DIR]

Exactly the interface of spec/check-refs.md (--registry is an addition: another data/laws folder).
Exit 0: no error-level finding; 1: some (with --strict, warnings count too); 2: usage or registry
error (one line on stderr). Files are only read, never written.
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lawcite import RegistryError, check_citations, find_citations, load_registry  # noqa: E402
from lawcite.frontmatter import BadDateError, reviewed_date  # noqa: E402
from lawcite.report import FileResult, format_json, format_text  # noqa: E402

SUFFIXES = (".md", ".txt", ".html", ".htm")


class UsageError(Exception):
    pass


def _date_arg(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date: write YYYY-MM-DD, e.g. 2026-11-29") from None


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="check_refs.py", description="Check law citations against data/laws.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="Markdown, text or HTML files or folders (default: docs/)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--as-of", type=_date_arg, default=None, help="judge citations at this date (default: today)")
    p.add_argument("--strict", action="store_true", help="warnings also make the exit status 1")
    p.add_argument("--registry", type=Path, default=None, help="registry folder (default: data/laws)")
    return p.parse_args(argv)


def _collect(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.suffix.lower() in SUFFIXES and f.is_file()))
        elif p.is_file():
            files.append(p)
        else:
            raise UsageError(f"{raw}: no such file or folder")
    return files


def _reviewed_date(path: Path, text: str) -> date | None:
    """The page's own as-of date (front matter `reviewed:`), which wins over --as-of for that page."""
    try:
        return reviewed_date(text)
    except BadDateError as e:
        raise UsageError(f"{path}:{e}") from None


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    as_of = args.as_of or date.today()
    try:
        files = _collect(args.paths or ["docs"])
        registry = load_registry(args.registry)
        results: list[FileResult] = []
        for f in files:
            try:
                text = f.read_text(encoding="utf-8")
            except UnicodeDecodeError as e:
                raise UsageError(f"{f}: not UTF-8 (byte {e.start}): save it as UTF-8") from None
            except OSError as e:
                raise UsageError(f"{f}: cannot read: {e.strerror}") from None
            suffix = f.suffix.lower()
            markdown = suffix == ".md"
            html = suffix in (".html", ".htm")
            page_as_of = (_reviewed_date(f, text) if markdown else None) or as_of
            cites = find_citations(text, registry, markdown=markdown, html=html)
            results.append(FileResult(str(f), check_citations(cites, registry, page_as_of, text=text)))
    except RegistryError as e:
        print(f"check_refs.py: registry error: {e}", file=sys.stderr)
        return 2
    except UsageError as e:
        print(f"check_refs.py: {e}", file=sys.stderr)
        return 2
    out = format_json(results, as_of) if args.format == "json" else format_text(results)
    sys.stdout.write(out)
    bad = {"error", "warning"} if args.strict else {"error"}
    return 1 if any(f.severity in bad for r in results for f in r.findings) else 0


if __name__ == "__main__":
    sys.exit(main())
